namespace ForumServer.Core.Mail;

/// <summary>Queues mail for the outbox worker; callers never send directly.</summary>
public sealed class Outbox(IOutboxStore store, TimeProvider time, RecipientMailLimiter? limiter = null)
{
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>Queues the message; false when it was not queued (a duplicate, or on-demand mail over the recipient's limit).</summary>
    public async Task<bool> EnqueueAsync(OutboundMessage message)
    {
        // The one place on-demand mail is counted per recipient, whichever form asked for it.
        if (message.OnDemand && limiter is not null && !limiter.TryTake(message.To)) return false;
        Stamp(message, time.GetUtcNow());
        var added = await store.EnqueueAsync(message);
        if (added) Wake();
        return added;
    }

    /// <summary>Queues many messages in one store transaction (fan-out to many recipients); returns how many were queued.</summary>
    public async Task<int> EnqueueManyAsync(IReadOnlyList<OutboundMessage> messages)
    {
        var now = time.GetUtcNow();
        var queued = messages.Where(m => !m.OnDemand || limiter is null || limiter.TryTake(m.To)).ToList();
        foreach (var m in queued) Stamp(m, now);
        var added = queued.Count == 0 ? 0 : await store.EnqueueManyAsync(queued);
        if (added > 0) Wake();
        return added;
    }

    /// <summary>Makes a message ready for the queue; for callers that store many at once in their own transaction.</summary>
    public static void Stamp(OutboundMessage message, DateTimeOffset now)
    {
        message.CreatedAt = now;
        message.NextAttemptAt = now;
        message.State = OutboxState.Pending;
    }

    public void Wake()
    {
        if (_signal.CurrentCount == 0) _signal.Release();
    }

    /// <summary>Waits until mail is queued or the timeout passes.</summary>
    public Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout, cancellationToken);
}
