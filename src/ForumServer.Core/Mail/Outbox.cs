namespace ForumServer.Core.Mail;

/// <summary>Queues mail for the outbox worker; callers never send directly.</summary>
public sealed class Outbox(IOutboxStore store, TimeProvider time)
{
    private readonly SemaphoreSlim _signal = new(0);

    public async Task<bool> EnqueueAsync(OutboundMessage message)
    {
        Stamp(message, time.GetUtcNow());
        var added = await store.EnqueueAsync(message);
        if (added) Wake();
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
