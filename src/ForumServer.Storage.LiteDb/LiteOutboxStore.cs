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

    /// <summary>Keeps the derived fields the indexes rely on in step with the message's state.</summary>
    internal static OutboundMessage Prepare(OutboundMessage message)
    {
        message.BatchState = message.Batch is null ? null : $"{message.Batch}|{message.State}";
        if (message.State != OutboxState.Pending) message.NextAttemptAt = Never;
        return message;
    }

    public Task<IReadOnlyList<OutboundMessage>> ListDueAsync(DateTimeOffset now, int max) =>
        Task.FromResult<IReadOnlyList<OutboundMessage>>(db.Outbox.Query()
            .Where(m => m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .Limit(max).ToList()
            .Where(m => m.State == OutboxState.Pending).ToList());

    public Task UpdateAsync(OutboundMessage message)
    {
        db.Outbox.Update(Prepare(message));
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
