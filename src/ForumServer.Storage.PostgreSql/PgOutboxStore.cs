using ForumServer.Core.Mail;
using Npgsql;
using static ForumServer.Storage.PostgreSql.PgDatabase;

namespace ForumServer.Storage.PostgreSql;

/// <summary>
/// The outbox. Only pending messages carry a due time (<c>due_at</c>), so the due index holds just the queue; a
/// claimed message's due time is the end of its claim (<c>claimed_by</c> names the claimer). Every enqueue raises
/// <c>NOTIFY forum_outbox</c>, so every server's sender wakes at once whichever server queued the mail.
/// </summary>
public sealed class PgOutboxStore(PgDatabase db) : IOutboxStore, IBounceStore
{
    public const string NotifyChannel = "forum_outbox";
    private const string MessageDoc = "doc || jsonb_build_object('Id', id, 'ClaimedBy', claimed_by)";

    public Task<int> EnqueueManyAsync(IReadOnlyList<OutboundMessage> messages) => db.InTransactionAsync(async (connection, tx) =>
    {
        var added = 0;
        foreach (var message in messages)
        {
            Prepare(message);
            var id = await ScalarAsync<long?>(connection, tx,
                "INSERT INTO outbox (dedup_key, state, due_at, batch, doc) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (dedup_key) DO NOTHING RETURNING id",
                message.DedupKey, message.State, DueAt(message), message.Batch, Doc(message));
            if (id is null) continue;
            message.Id = id.Value;
            added++;
        }
        if (added > 0) await ExecuteAsync(connection, tx, $"SELECT pg_notify('{NotifyChannel}', '')");
        return added;
    });

    public async Task<bool> EnqueueAsync(OutboundMessage message)
    {
        Prepare(message);
        var id = await db.ScalarAsync<long?>(
            "WITH added AS (INSERT INTO outbox (dedup_key, state, due_at, batch, doc) VALUES ($1, $2, $3, $4, $5) " +
            "ON CONFLICT (dedup_key) DO NOTHING RETURNING id) " +
            $"SELECT id FROM added, pg_notify('{NotifyChannel}', '')",
            message.DedupKey, message.State, DueAt(message), message.Batch, Doc(message));
        if (id is null) return false;
        message.Id = id.Value;
        return true;
    }

    /// <summary>Stores a batch in the caller's transaction (list issues); ids are taken first so they run in order.</summary>
    internal static async Task InsertManyAsync(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyList<OutboundMessage> messages)
    {
        if (messages.Count == 0) return;
        var ids = await ReserveIdsAsync(c, tx, "outbox_id_seq", messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            messages[i].Id = ids[i];
            Prepare(messages[i]);
        }
        await ExecuteAsync(c, tx,
            "WITH added AS (INSERT INTO outbox (id, dedup_key, state, due_at, batch, doc) " +
            "SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::jsonb[]) " +
            $"ON CONFLICT (dedup_key) DO NOTHING) SELECT pg_notify('{NotifyChannel}', '')",
            ids, messages.Select(m => m.DedupKey).ToArray(), messages.Select(m => m.State.ToString()).ToArray(),
            messages.Select(m => DueAt(m)).ToArray(), messages.Select(m => m.Batch).ToArray(),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb | NpgsqlTypes.NpgsqlDbType.Array, Value = messages.Select(ToJson).ToArray() });
    }

    internal static async Task<long[]> ReserveIdsAsync(NpgsqlConnection c, NpgsqlTransaction tx, string sequence, int count)
    {
        await using var command = Command(c, $"SELECT nextval('{sequence}') FROM generate_series(1, $1)", [count], tx);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<long>(count);
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return [.. ids.Order()];
    }

    private static void Prepare(OutboundMessage message) =>
        message.BatchState = message.Batch is null ? null : $"{message.Batch}|{message.State}";

    private static DateTimeOffset? DueAt(OutboundMessage message) =>
        message.State == OutboxState.Pending ? message.NextAttemptAt.ToUniversalTime() : null;

    public async Task<IReadOnlyList<OutboundMessage>> ListDueAsync(DateTimeOffset now, int max) =>
        await db.ListAsync<OutboundMessage>(
            $"SELECT {MessageDoc} FROM outbox WHERE state = 'Pending' AND due_at <= $1 ORDER BY due_at, id LIMIT $2", now, max);

    public async Task<IReadOnlyList<OutboundMessage>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset until, int max)
    {
        // Rows another sender is claiming right now are skipped, not waited for; the due index is walked in order.
        var claimed = await db.ListAsync<OutboundMessage>(
            "WITH due AS (SELECT id FROM outbox WHERE state = 'Pending' AND due_at <= $1 ORDER BY due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED) " +
            "UPDATE outbox o SET due_at = $3, claimed_by = $4 FROM due WHERE o.id = due.id " +
            "RETURNING o.doc || jsonb_build_object('Id', o.id, 'ClaimedBy', o.claimed_by)",
            now, max, until.ToUniversalTime(), owner);
        var oldestDueFirst = claimed.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).ToList();
        foreach (var message in oldestDueFirst)
        {
            message.ClaimedUntil = until;
            message.NextAttemptAt = until;
        }
        return oldestDueFirst;
    }

    public async Task<IReadOnlySet<long>> CompleteClaimsAsync(IReadOnlyCollection<OutboundMessage> messages)
    {
        if (messages.Count == 0) return new HashSet<long>();
        foreach (var message in messages)
        {
            Prepare(message);
            message.ClaimedUntil = null;
        }
        // One statement: a row is stored only while it is still pending and claimed by the sender that sent it.
        var stored = await db.RowsAsync(r => r.GetInt64(0),
            "UPDATE outbox o SET state = u.state, due_at = u.due_at, doc = u.doc " +
            "FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::jsonb[], $5::text[]) AS u(id, state, due_at, doc, claimed_by) " +
            "WHERE o.id = u.id AND o.state = 'Pending' AND o.claimed_by = u.claimed_by RETURNING o.id",
            messages.Select(m => m.Id).ToArray(), messages.Select(m => m.State.ToString()).ToArray(),
            messages.Select(m => DueAt(m)).ToArray(),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb | NpgsqlTypes.NpgsqlDbType.Array, Value = messages.Select(ToJson).ToArray() },
            messages.Select(m => m.ClaimedBy).ToArray());
        return stored.ToHashSet();
    }

    public async Task<DateTimeOffset?> NextAttemptAtAsync()
    {
        var next = await db.ScalarAsync<DateTime?>("SELECT min(due_at) FROM outbox WHERE state = 'Pending'");
        return next is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    public Task UpdateAsync(OutboundMessage message) => UpdateManyAsync([message]);

    public async Task UpdateManyAsync(IReadOnlyCollection<OutboundMessage> messages)
    {
        if (messages.Count == 0) return;
        foreach (var message in messages) Prepare(message);
        // One statement: every outcome is stored, or none.
        await db.ExecuteAsync(
            "UPDATE outbox o SET state = u.state, due_at = u.due_at, batch = u.batch, doc = u.doc " +
            "FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::jsonb[]) AS u(id, state, due_at, batch, doc) WHERE o.id = u.id",
            messages.Select(m => m.Id).ToArray(), messages.Select(m => m.State.ToString()).ToArray(),
            messages.Select(m => DueAt(m)).ToArray(), messages.Select(m => m.Batch).ToArray(),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb | NpgsqlTypes.NpgsqlDbType.Array, Value = messages.Select(ToJson).ToArray() });
    }

    public async Task<int> CountAsync(OutboxState state) => (int)await db.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE state = $1", state);

    public async Task<BatchProgress> CountBatchAsync(string batch)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var command = Command(connection, "SELECT state, count(*) FROM outbox WHERE batch = $1 GROUP BY state", [batch]);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, int>();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = (int)reader.GetInt64(1);
        int Count(OutboxState state) => counts.GetValueOrDefault(state.ToString());
        return new BatchProgress(Count(OutboxState.Pending), Count(OutboxState.Sent), Count(OutboxState.Failed));
    }

    public Task SaveContentAsync(MailContent content) => db.ExecuteAsync(
        "INSERT INTO mail_contents (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc", content.Id, Doc(content));

    public Task<MailContent?> FindContentAsync(string id) => db.FindAsync<MailContent>("SELECT doc FROM mail_contents WHERE id = $1", id);

    public async Task<bool> IsBouncingAsync(string address) =>
        await db.ScalarAsync<bool>("SELECT coalesce((SELECT (doc->>'Bouncing')::boolean FROM mail_bounces WHERE id = $1), false)", address.ToLowerInvariant());

    public async Task<IReadOnlySet<string>> FindBouncingAsync(IReadOnlyCollection<string> addresses)
    {
        if (addresses.Count == 0) return new HashSet<string>();
        var ids = addresses.Select(a => a.ToLowerInvariant()).Distinct().ToArray();
        return (await db.ListAsync<string>("SELECT to_jsonb(id) FROM mail_bounces WHERE id = ANY($1) AND (doc->>'Bouncing')::boolean", [ids])).ToHashSet();
    }

    public Task<bool> RecordPermanentFailureAsync(string address, string error, int bouncingAfter, DateTimeOffset now) =>
        db.InTransactionAsync(async (c, tx) =>
        {
            var id = address.ToLowerInvariant();
            await ExecuteAsync(c, tx, "INSERT INTO mail_bounces (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING", id, Doc(new BounceRecord { Id = id }));
            var record = (await ListAsync<BounceRecord>(c, tx, "SELECT doc FROM mail_bounces WHERE id = $1 FOR UPDATE", id)).Single();
            record.PermanentFailures++;
            record.LastError = error.Length > 500 ? error[..500] : error;
            record.LastFailureAt = now;
            record.Bouncing = record.PermanentFailures >= bouncingAfter;
            await ExecuteAsync(c, tx, "UPDATE mail_bounces SET doc = $2 WHERE id = $1", id, Doc(record));
            return record.Bouncing;
        });

    public Task ClearAsync(string address) => db.ExecuteAsync("DELETE FROM mail_bounces WHERE id = $1", address.ToLowerInvariant());
}
