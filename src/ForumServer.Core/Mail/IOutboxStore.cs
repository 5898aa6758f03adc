namespace ForumServer.Core.Mail;

/// <summary>The durable queue of outgoing mail.</summary>
public interface IOutboxStore
{
    /// <summary>Stores the message unless one with the same dedup key exists; returns whether it was added.</summary>
    Task<bool> EnqueueAsync(OutboundMessage message);

    /// <summary>Pending messages whose next attempt is due, oldest first.</summary>
    Task<IReadOnlyList<OutboundMessage>> ListDueAsync(DateTimeOffset now, int max);

    Task UpdateAsync(OutboundMessage message);

    Task<int> CountAsync(OutboxState state);
}
