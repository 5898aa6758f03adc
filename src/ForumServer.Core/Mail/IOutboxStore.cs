namespace ForumServer.Core.Mail;

/// <summary>The durable queue of outgoing mail.</summary>
public interface IOutboxStore
{
    /// <summary>Stores the message unless one with the same dedup key exists; returns whether it was added.</summary>
    Task<bool> EnqueueAsync(OutboundMessage message);

    /// <summary>Stores each message unless one with its dedup key exists, all in one transaction; returns how many were added.</summary>
    Task<int> EnqueueManyAsync(IReadOnlyList<OutboundMessage> messages);

    /// <summary>Pending messages whose next attempt is due, oldest due first.</summary>
    Task<IReadOnlyList<OutboundMessage>> ListDueAsync(DateTimeOffset now, int max);

    /// <summary>
    /// Claims up to <paramref name="max"/> pending messages due at <paramref name="now"/> for <paramref name="owner"/>
    /// until <paramref name="until"/>, oldest due first. They leave the due queue (their next attempt becomes
    /// <paramref name="until"/>) and are due again then unless the owner completed them; callers in parallel
    /// (other servers included) get disjoint sets.
    /// </summary>
    Task<IReadOnlyList<OutboundMessage>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset until, int max);

    /// <summary>
    /// Stores the outcome of each claimed message (sent, failed, or pending for a later attempt) unless its
    /// <see cref="OutboundMessage.ClaimedBy"/> lost it: another owner claimed it after the claim ran out, or it is no
    /// longer pending. One transaction for all of them; returns the ids whose outcome was stored.
    /// </summary>
    Task<IReadOnlySet<long>> CompleteClaimsAsync(IReadOnlyCollection<OutboundMessage> messages);

    Task UpdateAsync(OutboundMessage message);

    /// <summary>Stores the outcome of many sends in one transaction.</summary>
    Task UpdateManyAsync(IReadOnlyCollection<OutboundMessage> messages);

    /// <summary>When the earliest pending message falls due, if any is pending.</summary>
    Task<DateTimeOffset?> NextAttemptAtAsync();

    Task<int> CountAsync(OutboxState state);

    Task<BatchProgress> CountBatchAsync(string batch);

    Task SaveContentAsync(MailContent content);

    Task<MailContent?> FindContentAsync(string id);
}

/// <summary>Remembers addresses that refuse mail for good, so they are skipped rather than hammered.</summary>
public interface IBounceStore
{
    Task<bool> IsBouncingAsync(string address);

    /// <summary>Those of the addresses that are marked bouncing, lower-cased (one look-up for a batch of mail).</summary>
    Task<IReadOnlySet<string>> FindBouncingAsync(IReadOnlyCollection<string> addresses);

    /// <summary>Counts one permanent failure; returns whether the address is now marked bouncing.</summary>
    Task<bool> RecordPermanentFailureAsync(string address, string error, int bouncingAfter, DateTimeOffset now);

    Task ClearAsync(string address);
}

/// <summary>What the bounce store keeps per address.</summary>
public sealed class BounceRecord
{
    /// <summary>The address, lower-cased.</summary>
    public string Id { get; set; } = "";
    public int PermanentFailures { get; set; }
    public bool Bouncing { get; set; }
    public string LastError { get; set; } = "";
    public DateTimeOffset LastFailureAt { get; set; }
}
