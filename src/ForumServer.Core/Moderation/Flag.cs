namespace ForumServer.Core.Moderation;

/// <summary>A member's report that a post breaks the rules; open until a moderator acts on it or dismisses it.</summary>
public sealed class Flag
{
    public const int MaxReasonLength = 500;

    public int Id { get; set; }
    public int PostId { get; set; }
    public int TopicId { get; set; }
    public string FiledById { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedById { get; set; }

    public bool IsOpen => ResolvedAt is null;
}
