using ForumServer.Core.Mail;

namespace ForumServer.Storage.LiteDb;

public sealed class LiteOutboxStore(ForumDatabase db) : IOutboxStore
{
    public Task<bool> EnqueueAsync(OutboundMessage message)
    {
        try
        {
            db.Outbox.Insert(message);
            return Task.FromResult(true);
        }
        catch (LiteDB.LiteException e) when (e.ErrorCode == LiteDB.LiteException.INDEX_DUPLICATE_KEY)
        {
            return Task.FromResult(false);
        }
    }

    public Task<IReadOnlyList<OutboundMessage>> ListDueAsync(DateTimeOffset now, int max) =>
        Task.FromResult<IReadOnlyList<OutboundMessage>>(db.Outbox.Query()
            .Where(m => m.State == OutboxState.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id)
            .Limit(max).ToList());

    public Task UpdateAsync(OutboundMessage message)
    {
        db.Outbox.Update(message);
        return Task.CompletedTask;
    }

    public Task<int> CountAsync(OutboxState state) => Task.FromResult(db.Outbox.Count(m => m.State == state));
}
