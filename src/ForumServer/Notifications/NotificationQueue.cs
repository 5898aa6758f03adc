using System.Threading.Channels;
using ForumServer.Core.Forum;
using ForumServer.Core.Mail;
using ForumServer.Core.Notifications;

namespace ForumServer.Notifications;

/// <summary>Forum events waiting for notification fan-out, so a reply's request never waits for its watchers.</summary>
public sealed class NotificationQueue
{
    private readonly Channel<ForumEvent> _channel = Channel.CreateUnbounded<ForumEvent>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(ForumEvent forumEvent)
    {
        Interlocked.Increment(ref _unfinished);
        if (!_channel.Writer.TryWrite(forumEvent)) Interlocked.Decrement(ref _unfinished);
    }

    public ChannelReader<ForumEvent> Reader => _channel.Reader;

    /// <summary>True when nothing waits and nothing is being handled (tests wait for it).</summary>
    public bool Idle => Volatile.Read(ref _unfinished) == 0;

    private int _unfinished;

    internal void Done() => Interlocked.Decrement(ref _unfinished);
}

/// <summary>
/// Applies the cheap defaults at once (the author watches, a replier tracks, the replier has read their reply)
/// and queues the fan-out for after the response.
/// </summary>
public sealed class NotificationEventHandler(NotificationService notifications, NotificationQueue queue, ILogger<NotificationEventHandler> logger) : IForumEventHandler
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
        queue.Enqueue(forumEvent);
    }
}

/// <summary>Fans out queued events to notifications (and mail through the outbox); sends digests when due.</summary>
public sealed class NotificationWorker(
    NotificationQueue queue, IServiceScopeFactory scopes, NotificationOptions options, Outbox outbox, TimeProvider time, ILogger<NotificationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var digests = RunDigestsAsync(stoppingToken);
        await foreach (var forumEvent in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<NotificationService>().HandleAsync(forumEvent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Notifications for {Event} in topic {TopicId} failed", forumEvent.GetType().Name, forumEvent.TopicId);
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
