using ForumServer.Core.Mail;

namespace ForumServer.Storage.LiteDb;

public sealed class LiteOutboxStore : IOutboxStore, IBounceStore
{
    /// <summary>Sent and failed messages are parked here so the due index only walks pending ones.</summary>
    internal static readonly DateTimeOffset Never = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ForumDatabase _db;

    public LiteOutboxStore(ForumDatabase db)
    {
        _db = db;
        ReleaseClaimsOfEarlierProcesses();
    }

    /// <summary>
    /// One process at a time opens the file (the data-folder lock), so a claim found at open belongs to a process
    /// that is gone: its messages are due at once rather than when the claim would have run out.
    /// </summary>
    private void ReleaseClaimsOfEarlierProcesses()
    {
        var now = DateTimeOffset.UtcNow;
        _db.InTransaction(() =>
        {
            // Claimed messages wait in the future part of the due index (with retries backing off), short of Never.
            var claimed = _db.Outbox.Find(LiteDB.Query.Between(nameof(OutboundMessage.NextAttemptAt), now.UtcDateTime, Never.AddDays(-1).UtcDateTime))
                .Where(m => m.ClaimedUntil is not null).ToList();
            foreach (var message in claimed)
            {
                message.ClaimedUntil = null;
                message.NextAttemptAt = now;
                _db.Outbox.Update(message);
            }
        });
    }

    public Task<bool> EnqueueAsync(OutboundMessage message)
    {
        try
        {
            _db.Outbox.Insert(Prepare(message));
            return Task.FromResult(true);
        }
        catch (LiteDB.LiteException e) when (e.ErrorCode == LiteDB.LiteException.INDEX_DUPLICATE_KEY)
        {
            return Task.FromResult(false);
        }
    }

    public Task<int> EnqueueManyAsync(IReadOnlyList<OutboundMessage> messages) =>
        Task.FromResult(_db.InTransaction(() =>
        {
            // Looked up first: a duplicate key inside the transaction would roll back the others.
            var added = 0;
            foreach (var message in messages)
            {
                var key = message.DedupKey;
                if (_db.Outbox.Exists(m => m.DedupKey == key)) continue;
                _db.Outbox.Insert(Prepare(message));
                added++;
            }
            return added;
        }));

    /// <summary>Keeps the derived fields the indexes rely on in step with the message's state.</summary>
    internal static OutboundMessage Prepare(OutboundMessage message)
    {
        message.BatchState = message.Batch is null ? null : $"{message.Batch}|{message.State}";
        if (message.State != OutboxState.Pending) message.NextAttemptAt = Never;
        return message;
    }

    // Walks the NextAttemptAt index in order and stops after max documents: due messages come first, and sent or
    // failed ones are parked at the far end, so a large queue costs only what is read.
    public Task<IReadOnlyList<OutboundMessage>> ListDueAsync(DateTimeOffset now, int max) =>
        Task.FromResult<IReadOnlyList<OutboundMessage>>(_db.Outbox
            .Find(LiteDB.Query.All(nameof(OutboundMessage.NextAttemptAt), LiteDB.Query.Ascending), 0, max)
            .Where(m => m.NextAttemptAt <= now && m.State == OutboxState.Pending).ToList());

    public Task<IReadOnlyList<OutboundMessage>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset until, int max) =>
        Task.FromResult<IReadOnlyList<OutboundMessage>>(_db.InTransaction(() =>
        {
            var due = _db.Outbox.Find(LiteDB.Query.All(nameof(OutboundMessage.NextAttemptAt), LiteDB.Query.Ascending), 0, max)
                .Where(m => m.NextAttemptAt <= now && m.State == OutboxState.Pending).ToList();
            foreach (var message in due)
            {
                message.ClaimedBy = owner;
                message.ClaimedUntil = until;
                message.NextAttemptAt = until;
                _db.Outbox.Update(message);
            }
            return due;
        }));

    public Task<IReadOnlySet<long>> CompleteClaimsAsync(IReadOnlyCollection<OutboundMessage> messages) =>
        Task.FromResult<IReadOnlySet<long>>(_db.InTransaction(() =>
        {
            var stored = new HashSet<long>();
            foreach (var message in messages)
            {
                var current = _db.Outbox.FindById(message.Id);
                if (current is not { State: OutboxState.Pending } || current.ClaimedBy != message.ClaimedBy) continue;
                message.ClaimedUntil = null;
                _db.Outbox.Update(Prepare(message));
                stored.Add(message.Id);
            }
            return stored;
        }));

    public Task<DateTimeOffset?> NextAttemptAtAsync()
    {
        var next = _db.Outbox.Find(LiteDB.Query.All(nameof(OutboundMessage.NextAttemptAt), LiteDB.Query.Ascending), 0, 1).FirstOrDefault();
        if (next is null || next.NextAttemptAt >= Never) return Task.FromResult<DateTimeOffset?>(null);
        return Task.FromResult(next?.NextAttemptAt);
    }

    public Task UpdateAsync(OutboundMessage message)
    {
        _db.Outbox.Update(Prepare(message));
        return Task.CompletedTask;
    }

    public Task UpdateManyAsync(IReadOnlyCollection<OutboundMessage> messages)
    {
        _db.InTransaction(() =>
        {
            foreach (var message in messages) _db.Outbox.Update(Prepare(message));
            return 0;
        });
        return Task.CompletedTask;
    }

    public Task<int> CountAsync(OutboxState state) => Task.FromResult(_db.Outbox.Count(m => m.State == state));

    public Task<BatchProgress> CountBatchAsync(string batch)
    {
        int Count(OutboxState state)
        {
            var key = $"{batch}|{state}";
            return _db.Outbox.Count(m => m.BatchState == key);
        }
        return Task.FromResult(new BatchProgress(Count(OutboxState.Pending), Count(OutboxState.Sent), Count(OutboxState.Failed)));
    }

    public Task SaveContentAsync(MailContent content)
    {
        _db.MailContents.Upsert(content);
        return Task.CompletedTask;
    }

    public Task<MailContent?> FindContentAsync(string id) => Task.FromResult<MailContent?>(_db.MailContents.FindById(id));

    public Task<bool> IsBouncingAsync(string address) =>
        Task.FromResult(_db.Bounces.FindById(address.ToLowerInvariant()) is { Bouncing: true });

    public Task<IReadOnlySet<string>> FindBouncingAsync(IReadOnlyCollection<string> addresses) =>
        Task.FromResult<IReadOnlySet<string>>(addresses.Select(a => a.ToLowerInvariant()).Distinct()
            .Where(id => _db.Bounces.FindById(id) is { Bouncing: true }).ToHashSet());

    public Task<bool> RecordPermanentFailureAsync(string address, string error, int bouncingAfter, DateTimeOffset now)
    {
        var bouncing = _db.InTransaction(() =>
        {
            var id = address.ToLowerInvariant();
            var record = _db.Bounces.FindById(id) ?? new BounceRecord { Id = id };
            record.PermanentFailures++;
            record.LastError = error.Length > 500 ? error[..500] : error;
            record.LastFailureAt = now;
            record.Bouncing = record.PermanentFailures >= bouncingAfter;
            _db.Bounces.Upsert(record);
            return record.Bouncing;
        });
        return Task.FromResult(bouncing);
    }

    public Task ClearAsync(string address)
    {
        _db.Bounces.Delete(address.ToLowerInvariant());
        return Task.CompletedTask;
    }
}
