using System.ComponentModel.DataAnnotations;

namespace ForumServer.Core.Notifications;

/// <summary>Tells a member's own open pages (and nobody else's) their new unread count.</summary>
public interface INotificationPusher
{
    Task UnreadChangedAsync(string memberId, int unread);
}

/// <summary>Knows which members have a topic open live right now; they get no mail about it.</summary>
public interface IReadingPresence
{
    bool IsReading(string memberId, int topicId);
}

/// <summary>The <c>Notifications</c> section of configuration.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>A member seen live on a topic within this window gets no mail about it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan LiveReadingWindow { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How often the digest job looks for hourly and daily digests that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DigestCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Members notified per post for @mentions; further mentions still render as links.</summary>
    [Range(0, 100)]
    public int MaxMentionsPerPost { get; set; } = 10;

    /// <summary>Topics younger than this that a member has not opened are listed as "New".</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan NewTopicAge { get; set; } = TimeSpan.FromDays(2);

    /// <summary>@mention autocomplete lookups per member and minute.</summary>
    [Range(1, 10_000)]
    public int NameLookupsPerMinute { get; set; } = 60;
}

/// <summary>Unread state of one topic for one member: posts after the last one read.</summary>
public sealed record TopicUnread(int TopicId, int NewPosts, int FirstUnreadNumber);
