using ForumServer.Core.Mail;

namespace ForumServer.Storage.LiteDb;

public sealed class LiteOutboxStore(ForumDatabase db) : IOutboxStore, IBounceStore
{
    /// <summary>Sent and failed messages are parked here so the due index only walks pending ones.</summary>
    internal static readonly DateTimeOffset Never = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public Task<bool> EnqueueAsync(OutboundMessage message)
    {
        try
        {
            db.Outbox.Insert(Prepare(message));
            return Task.FromResult(true);
        }
        catch (LiteDB.LiteException e) when (e.ErrorCode == LiteDB.LiteException.INDEX_DUPLICATE_KEY)
        {
            return Task.FromResult(false);
        }
    }

    public Task<int> EnqueueManyAsync(IReadOnlyList<OutboundMessage> messages) =>
        Task.FromResult(db.InTransaction(() =>
        {
            // Looked up first: a duplicate key inside the transaction would roll back the others.
            var added = 0;
            foreach (var message in messages)
            {
                var key = message.DedupKey;
                if (db.Outbox.Exists(m => m.DedupKey == key)) continue;
                db.Outbox.Insert(Prepare(message));
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
        Task.FromResult<IReadOnlyList<OutboundMessage>>(db.Outbox
            .Find(LiteDB.Query.All(nameof(OutboundMessage.NextAttemptAt), LiteDB.Query.Ascending), 0, max)
            .Where(m => m.NextAttemptAt <= now && m.State == OutboxState.Pending).ToList());

    public Task<DateTimeOffset?> NextAttemptAtAsync()
    {
        var next = db.Outbox.Find(LiteDB.Query.All(nameof(OutboundMessage.NextAttemptAt), LiteDB.Query.Ascending), 0, 1).FirstOrDefault();
        if (next is null || next.NextAttemptAt >= Never) return Task.FromResult<DateTimeOffset?>(null);
        return Task.FromResult(next?.NextAttemptAt);
    }

    public Task UpdateAsync(OutboundMessage message)
    {
        db.Outbox.Update(Prepare(message));
        return Task.CompletedTask;
    }

    public Task UpdateManyAsync(IReadOnlyCollection<OutboundMessage> messages)
    {
        db.InTransaction(() =>
        {
            foreach (var message in messages) db.Outbox.Update(Prepare(message));
            return 0;
        });
        return Task.CompletedTask;
    }

    public Task<int> CountAsync(OutboxState state) => Task.FromResult(db.Outbox.Count(m => m.State == state));

    public Task<BatchProgress> CountBatchAsync(string batch)
    {
        int Count(OutboxState state)
        {
            var key = $"{batch}|{state}";
            return db.Outbox.Count(m => m.BatchState == key);
        }
        return Task.FromResult(new BatchProgress(Count(OutboxState.Pending), Count(OutboxState.Sent), Count(OutboxState.Failed)));
    }

    public Task SaveContentAsync(MailContent content)
    {
        db.MailContents.Upsert(content);
        return Task.CompletedTask;
    }

    public Task<MailContent?> FindContentAsync(string id) => Task.FromResult<MailContent?>(db.MailContents.FindById(id));

    public Task<bool> IsBouncingAsync(string address) =>
        Task.FromResult(db.Bounces.FindById(address.ToLowerInvariant()) is { Bouncing: true });

    public Task<bool> RecordPermanentFailureAsync(string address, string error, int bouncingAfter, DateTimeOffset now)
    {
        var bouncing = db.InTransaction(() =>
        {
            var id = address.ToLowerInvariant();
            var record = db.Bounces.FindById(id) ?? new BounceRecord { Id = id };
            record.PermanentFailures++;
            record.LastError = error.Length > 500 ? error[..500] : error;
            record.LastFailureAt = now;
            record.Bouncing = record.PermanentFailures >= bouncingAfter;
            db.Bounces.Upsert(record);
            return record.Bouncing;
        });
        return Task.FromResult(bouncing);
    }

    public Task ClearAsync(string address)
    {
        db.Bounces.Delete(address.ToLowerInvariant());
        return Task.CompletedTask;
    }
}
