using ForumServer.Core.Moderation;
using static ForumServer.Core.Localization.Texts;

namespace ForumServer.Core.Notifications;

/// <summary>What a notification says, in the current UI language (pages use the request's, mail the recipient's).</summary>
public static class NotificationTexts
{
    public const string PostRemoved = "PostRemoved";
    public const string TopicLocked = "TopicLocked";
    public const string TopicRemoved = "TopicRemoved";
    public const string TopicMoved = "TopicMoved";

    public static string Headline(Notification n) => n.Kind switch
    {
        NotificationKind.Reply when n.PostNumber == 1 => T("{0} started \"{1}\" in a category you watch", n.ActorName, n.TopicTitle),
        NotificationKind.Reply => T("{0} replied in \"{1}\"", n.ActorName, n.TopicTitle),
        NotificationKind.ReplyToYou => T("{0} replied to your topic \"{1}\"", n.ActorName, n.TopicTitle),
        NotificationKind.Mention => T("{0} mentioned you in \"{1}\"", n.ActorName, n.TopicTitle),
        NotificationKind.Quote => T("{0} quoted you in \"{1}\"", n.ActorName, n.TopicTitle),
        NotificationKind.Reaction => T("{0} reacted to your post in \"{1}\"", n.ActorName, n.TopicTitle),
        NotificationKind.AcceptedAnswer => T("{0} accepted your answer in \"{1}\"", n.ActorName, n.TopicTitle),
        NotificationKind.Moderation => n.Detail switch
        {
            PostRemoved => T("A moderator removed your post in \"{0}\"", n.TopicTitle),
            TopicLocked => T("A moderator locked or unlocked your topic \"{0}\"", n.TopicTitle),
            TopicRemoved => T("A moderator removed your topic \"{0}\"", n.TopicTitle),
            TopicMoved => T("A moderator moved your topic \"{0}\"", n.TopicTitle),
            _ => T("A moderator acted on your content in \"{0}\"", n.TopicTitle),
        },
        NotificationKind.DeletionRequest => DeletionRequestHeadline(n.Detail),
        _ => T("Something new in \"{0}\"", n.TopicTitle),
    };

    /// <summary>What a deletion-request notification keeps: "{state}:{request id}".</summary>
    public static string DeletionRequestDetail(DeletionRequest request) => $"{request.State}:{request.Id}";

    private static string DeletionRequestHeadline(string detail)
    {
        var parts = detail.Split(':');
        var id = parts.Length > 1 ? parts[1] : "";
        return Enum.TryParse<DeletionRequestState>(parts[0], out var state) ? state switch
        {
            DeletionRequestState.Confirmed => T("Your deletion request #{0} is received", id),
            DeletionRequestState.InProgress => T("Your deletion request #{0} is in progress", id),
            DeletionRequestState.Done => T("Your deletion request #{0} is done", id),
            DeletionRequestState.Rejected => T("Your deletion request #{0} was rejected", id),
            _ => T("Your deletion request #{0} changed", id),
        } : T("Your deletion request #{0} changed", id);
    }

    /// <summary>The name of a kind as the mail settings show it.</summary>
    public static string KindName(NotificationKind kind) => kind switch
    {
        NotificationKind.Reply => T("Replies in topics you watch"),
        NotificationKind.ReplyToYou => T("Replies to your topics"),
        NotificationKind.Mention => T("Mentions of your name"),
        NotificationKind.Quote => T("Quotes of your posts"),
        NotificationKind.Moderation => T("Moderator actions on your content"),
        NotificationKind.DeletionRequest => T("Your deletion requests"),
        NotificationKind.Reaction => T("Reactions to your posts"),
        NotificationKind.AcceptedAnswer => T("Accepted answers"),
        _ => kind.ToString(),
    };

    public static string FrequencyName(MailFrequency frequency) => frequency switch
    {
        MailFrequency.Immediately => T("Immediately"),
        MailFrequency.Hourly => T("Hourly digest"),
        MailFrequency.Daily => T("Daily digest"),
        _ => T("Never"),
    };

    public static string LevelName(WatchLevel level) => level switch
    {
        WatchLevel.Watching => T("Watching"),
        WatchLevel.Tracking => T("Tracking"),
        WatchLevel.Muted => T("Muted"),
        _ => T("Normal"),
    };

    public static string LevelHelp(WatchLevel level) => level switch
    {
        WatchLevel.Watching => T("Notified of every reply"),
        WatchLevel.Tracking => T("Unread counts; notified when mentioned, quoted or replied to"),
        WatchLevel.Muted => T("Never notified"),
        _ => T("Notified when mentioned, quoted or replied to"),
    };
}
