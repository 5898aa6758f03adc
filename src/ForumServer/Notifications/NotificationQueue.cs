using System.Threading.Channels;
using ForumServer.Core.Forum;
using ForumServer.Core.Mail;
using ForumServer.Core.Notifications;

namespace ForumServer.Notifications;

/// <summary>
/// Stored fan-outs waiting for the worker, so a reply's request never waits for its watchers. The records are in the
/// notification store (written before the response); this channel only wakes the worker, which resumes what a crash
/// left at start.
/// </summary>
public sealed class NotificationQueue
{
    private readonly Channel<PendingFanOut> _channel = Channel.CreateUnbounded<PendingFanOut>(new UnboundedChannelOptions { SingleReader = true });
    private int _unfinished;

    public void Enqueue(PendingFanOut pending)
    {
        Interlocked.Increment(ref _unfinished);
        if (!_channel.Writer.TryWrite(pending)) Interlocked.Decrement(ref _unfinished);
    }

    public ChannelReader<PendingFanOut> Reader => _channel.Reader;

    /// <summary>True when nothing waits and nothing is being handled (tests and the bench wait for it).</summary>
    public bool Idle => Volatile.Read(ref _unfinished) == 0;

    internal void Done() => Interlocked.Decrement(ref _unfinished);
}

/// <summary>
/// Applies the cheap defaults at once (the author watches, a replier tracks, the replier has read their reply),
/// stores the fan-out still to do and hands it to the worker for after the response.
/// </summary>
public sealed class NotificationEventHandler(
    NotificationService notifications, INotificationStore store, NotificationQueue queue, TimeProvider time, ILogger<NotificationEventHandler> logger) : IForumEventHandler
{
    public async Task HandleAsync(ForumEvent forumEvent, CancellationToken cancellationToken = default)
    {
        try
        {
            await notifications.ApplyDefaultsAsync(forumEvent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Watch defaults for {Event} in topic {TopicId} were not stored", forumEvent.GetType().Name, forumEvent.TopicId);
        }
        if (PendingFanOut.For(forumEvent, time.GetUtcNow()) is not { } pending) return;
        try
        {
            await store.AddPendingFanOutAsync(pending);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The post is stored; its notifications are not worth failing the request for. They still go out from memory.
            logger.LogError(ex, "Fan-out for {Event} in topic {TopicId} was not stored", forumEvent.GetType().Name, forumEvent.TopicId);
        }
        queue.Enqueue(pending);
    }
}

/// <summary>Forwards deletion request changes to the member's notifications; a failure there never undoes the decision.</summary>
public sealed class DeletionRequestNotifier(NotificationService notifications, ILogger<DeletionRequestNotifier> logger) : Core.Moderation.IDeletionRequestObserver
{
    public async Task DeletionRequestChangedAsync(Core.Moderation.DeletionRequest request)
    {
        try
        {
            await notifications.DeletionRequestChangedAsync(request);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Notification for deletion request {RequestId} failed", request.Id);
        }
    }
}

/// <summary>
/// Fans out stored events to notifications (and mail through the outbox), one at a time in order; resumes the
/// records a stop or crash left at start; sends digests when due.
/// </summary>
public sealed class NotificationWorker(
    NotificationQueue queue, INotificationStore store, IServiceScopeFactory scopes, NotificationOptions options, Outbox outbox, TimeProvider time,
    ILogger<NotificationWorker> logger) : BackgroundService
{
    public const int ResumedAtStart = 100_000;

    /// <summary>Before the server takes requests: what was stored but not fanned out goes to the front of the queue.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var left = await store.ListPendingFanOutsAsync(ResumedAtStart);
        if (left.Count > 0) logger.LogInformation("Resuming {Count} notification fan-outs left by the last run", left.Count);
        foreach (var pending in left) queue.Enqueue(pending);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var digests = RunDigestsAsync(stoppingToken);
        await foreach (var pending in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<NotificationService>().HandleAsync(pending);
                if (pending.Id > 0) await store.DeletePendingFanOutAsync(pending.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Kept: the next start tries it again.
                logger.LogError(ex, "Notifications for {Event} in topic {TopicId} failed", pending.Event, pending.TopicId);
            }
            finally
            {
                queue.Done();
            }
        }
        await digests;
    }

    private async Task RunDigestsAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.DigestCheckInterval, time, stoppingToken);
                using var scope = scopes.CreateScope();
                if (await scope.ServiceProvider.GetRequiredService<NotificationService>().SendDueDigestsAsync(stoppingToken) > 0) outbox.Wake();
            }
            catch (OperationCanceledException) { return; }
            catch (Exception ex)
            {
                logger.LogError(ex, "Notification digests failed");
            }
        }
    }
}
