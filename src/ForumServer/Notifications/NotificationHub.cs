using System.Collections.Concurrent;
using System.Security.Claims;
using ForumServer.Core.Forum;
using ForumServer.Core.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ForumServer.Notifications;

/// <summary>What the notifications hub sends: only ever to the member's own connections (SignalR user = member id).</summary>
public interface INotificationClient
{
    Task UnreadChanged(int unread);
}

/// <summary>
/// A signed-in member's pages connect here for the bell. Topic pages also say which topic is open (no mail
/// about it while it is) and which post was scrolled into view (read position).
/// </summary>
[Authorize]
public sealed class NotificationHub(ReadingPresence presence, NotificationService notifications, IForumStore forum) : Hub<INotificationClient>
{
    public const string Path = "/live/notifications";

    public async Task Reading(int topicId)
    {
        if (await forum.GetTopicAsync(topicId) is not { IsRemoved: false }) throw new HubException($"Topic {topicId} does not exist.");
        presence.Seen(MemberId, topicId, Context.ConnectionId);
    }

    public async Task MarkPostRead(int postId)
    {
        if (postId <= 0) return;
        await notifications.MarkPostReadAsync(MemberId, postId);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        presence.Gone(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private string MemberId => Context.User?.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new HubException("Not signed in.");
}

/// <summary>Pushes unread counts to one member's own connections.</summary>
public sealed class SignalRNotificationPusher(IHubContext<NotificationHub, INotificationClient> hub, ILogger<SignalRNotificationPusher> logger) : INotificationPusher
{
    public async Task UnreadChangedAsync(string memberId, int unread)
    {
        try
        {
            await hub.Clients.User(memberId).UnreadChanged(unread);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Stored already; the bell shows the right count on the next page load.
            logger.LogWarning(ex, "Unread count push failed");
        }
    }
}

/// <summary>
/// Which members have which topic open, by connection, with the time last seen. Kept per process: with several
/// servers a member reading on another one may still get a mail.
/// </summary>
public sealed class ReadingPresence(TimeProvider time, NotificationOptions options) : IReadingPresence
{
    private readonly ConcurrentDictionary<string, (string MemberId, int TopicId, DateTimeOffset At)> _byConnection = new();

    public void Seen(string memberId, int topicId, string connectionId) => _byConnection[connectionId] = (memberId, topicId, time.GetUtcNow());

    public void Gone(string connectionId) => _byConnection.TryRemove(connectionId, out _);

    public bool IsReading(string memberId, int topicId)
    {
        var since = time.GetUtcNow() - options.LiveReadingWindow;
        return _byConnection.Values.Any(v => v.MemberId == memberId && v.TopicId == topicId && v.At >= since);
    }
}
