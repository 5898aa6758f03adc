namespace ForumServer.Core.Forum;

public sealed class Post
{
    public const int MaxMarkdownBytes = 64 * 1024;

    public int Id { get; set; }
    public int TopicId { get; set; }

    /// <summary>1-based position in the topic; gives the page a post is on.</summary>
    public int Number { get; set; }
    public string AuthorId { get; set; } = "";

    /// <summary>Copied from the member so topic pages need no member lookups; kept in step on rename.</summary>
    public string AuthorName { get; set; } = "";
    public string Markdown { get; set; } = "";

    /// <summary>Sanitized HTML rendered once at write time; pages show it as is.</summary>
    public string Html { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public PostRemoval? Removal { get; set; }

    public bool IsRemoved => Removal is not null;

    /// <summary>Topic and number in one value (see <see cref="ForumKeys.Position"/>); stored and indexed so topic pages read in order.</summary>
    public long TopicPosition => ForumKeys.Position(TopicId, Number);
}

/// <summary>Who removed a post; <c>AccountRemoval</c> when it went with its author's account.</summary>
public enum RemovedBy { Author, Moderator, AccountRemoval }

public sealed class PostRemoval
{
    public RemovedBy By { get; set; }
    public DateTimeOffset At { get; set; }
}
