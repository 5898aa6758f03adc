namespace ForumServer.Core.Moderation;

/// <summary>
/// One moderation action: who, what, when, which item, why. Holds ids and the action only, never the removed
/// personal data, so it can outlive the account it mentions.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string ActorId { get; set; } = "";
    public string Action { get; set; } = "";
    public string ItemType { get; set; } = "";
    public string ItemId { get; set; } = "";
    public string? Reason { get; set; }
}

public static class AuditActions
{
    public const string RemovePost = "post.remove";
    public const string RemoveTopic = "topic.remove";
    public const string LockTopic = "topic.lock";
    public const string UnlockTopic = "topic.unlock";
    public const string MoveTopic = "topic.move";
    public const string SuspendMember = "member.suspend";
    public const string UnsuspendMember = "member.unsuspend";
    public const string DeleteAccount = "account.delete-content";
    public const string AnonymizeAccount = "account.anonymize";
    public const string DismissFlag = "flag.dismiss";
    public const string StartRequest = "request.start";
    public const string CompleteRequest = "request.done";
    public const string RejectRequest = "request.reject";
}
