namespace ForumServer.Core.Notifications;

/// <summary>How closely a member follows a topic or category (Discourse's words).</summary>
public enum WatchLevel
{
    /// <summary>Nothing at all, not even mentions.</summary>
    Muted = 0,

    /// <summary>Notified when mentioned, quoted or replied to.</summary>
    Normal = 1,

    /// <summary>As Normal, plus unread counts in topic lists.</summary>
    Tracking = 2,

    /// <summary>Notified of every reply.</summary>
    Watching = 3,
}

public enum WatchTarget { Topic, Category }

/// <summary>A member's chosen level for one topic or category. Absent means Normal (inherit for a topic).</summary>
public sealed class Watch
{
    /// <summary>"{memberId}|{target}|{targetId}": one record per member and thing watched.</summary>
    public string Id { get; set; } = "";
    public string MemberId { get; set; } = "";
    public WatchTarget Target { get; set; }
    public int TargetId { get; set; }

    /// <summary>"{target}|{targetId}", indexed so fan-out finds every watcher of a topic or category.</summary>
    public string TargetKey { get; set; } = "";
    public WatchLevel Level { get; set; }
    public DateTimeOffset At { get; set; }

    public static string KeyOf(WatchTarget target, int targetId) => $"{target}|{targetId}";
    public static string IdOf(string memberId, WatchTarget target, int targetId) => $"{memberId}|{KeyOf(target, targetId)}";
}

/// <summary>The last post number a member has read in a topic.</summary>
public sealed class ReadPosition
{
    /// <summary>"{memberId}|{topicId}".</summary>
    public string Id { get; set; } = "";
    public string MemberId { get; set; } = "";
    public int TopicId { get; set; }
    public int LastReadNumber { get; set; }
    public DateTimeOffset At { get; set; }

    public static string IdOf(string memberId, int topicId) => $"{memberId}|{topicId}";
}

/// <summary>What a notification is about; each kind has its own mail setting.</summary>
public enum NotificationKind
{
    /// <summary>A reply in a topic the member watches.</summary>
    Reply,

    /// <summary>A reply in a topic the member started.</summary>
    ReplyToYou,
    Mention,
    Quote,

    /// <summary>A moderator removed, locked or moved the member's content.</summary>
    Moderation,

    /// <summary>A deletion request the member filed changed state.</summary>
    DeletionRequest,
    Reaction,
    AcceptedAnswer,
}

public enum MailFrequency { Immediately, Hourly, Daily, Never }

public enum NotificationMailState { None, Pending, Sent, Skipped }

/// <summary>One thing a member was told about; only that member ever sees it.</summary>
public sealed class Notification
{
    public int Id { get; set; }
    public string MemberId { get; set; } = "";
    public NotificationKind Kind { get; set; }
    public int TopicId { get; set; }
    public string TopicTitle { get; set; } = "";
    public int PostId { get; set; }
    public int PostNumber { get; set; }

    /// <summary>Display name of who caused it (never an email); empty for moderators and the system.</summary>
    public string ActorName { get; set; } = "";

    /// <summary>A short free text for kinds without a post (deletion request state).</summary>
    public string Detail { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>Pending while it waits for a digest; Sent or Skipped once decided.</summary>
    public NotificationMailState MailState { get; set; }

    /// <summary>"{memberId}|{isRead}", indexed so the unread count is read from an index.</summary>
    public string MemberUnread { get; set; } = "";

    /// <summary>"{memberId}|{mailState}", indexed so a digest finds its pending notifications.</summary>
    public string MemberMail { get; set; } = "";

    /// <summary>
    /// "{memberId}|{id, 10 digits}", indexed so a member's page is one index range read newest first. Set by the
    /// store once the id is known.
    /// </summary>
    public string MemberOrder { get; set; } = "";

    public bool IsRead => ReadAt is not null;

    public void Keys()
    {
        MemberUnread = $"{MemberId}|{(IsRead ? 1 : 0)}";
        MemberMail = $"{MemberId}|{MailState}";
        MemberOrder = OrderKey(MemberId, Id);
    }

    public static string OrderKey(string memberId, int id) => $"{memberId}|{id:D10}";
}

/// <summary>A member's mail choices per kind and the token of the one-click "stop these mails" links.</summary>
public sealed class NotificationPreferences
{
    public string Id { get; set; } = "";

    /// <summary>Unguessable; the authority of the RFC 8058 one-click link, which needs no sign-in.</summary>
    public string Token { get; set; } = "";
    public Dictionary<NotificationKind, MailFrequency> Mail { get; set; } = [];
    public DateTimeOffset? LastDigestAt { get; set; }

    public static MailFrequency Default(NotificationKind kind) => kind switch
    {
        NotificationKind.Reply or NotificationKind.ReplyToYou or NotificationKind.Mention or NotificationKind.Quote => MailFrequency.Immediately,
        _ => MailFrequency.Never,
    };

    /// <summary>Kinds whose feature mails every change itself (deletion requests): no notification mail, no setting.</summary>
    public static bool MailedByItsFeature(NotificationKind kind) => kind == NotificationKind.DeletionRequest;

    public MailFrequency For(NotificationKind kind) => Mail.TryGetValue(kind, out var f) ? f : Default(kind);
}
