namespace ForumServer.Core.Forum;

public sealed class Topic
{
    public const int MaxTitleLength = 200;

    public int Id { get; set; }
    public int CategoryId { get; set; }
    public string Title { get; set; } = "";
    public string Slug { get; set; } = "";
    public string AuthorId { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Drives the category and front page order (last activity first).</summary>
    public DateTimeOffset LastPostAt { get; set; }
    public string LastPosterName { get; set; } = "";
    public int LastPostId { get; set; }

    /// <summary>Posts shown in the topic, removed ones included (they keep their place).</summary>
    public int PostCount { get; set; }
    public bool IsLocked { get; set; }
    public bool IsRemoved { get; set; }

    /// <summary>Category and last activity in one value (see <see cref="ForumKeys.CategoryActivity"/>); stored and indexed for category pages.</summary>
    public long CategoryActivity => ForumKeys.CategoryActivity(CategoryId, LastPostAt, IsRemoved);
    /// <summary>Who wrote the last post, for the topic lists' avatar; empty on topics older than this field.</summary>
    public string LastPosterId { get; set; } = "";

    /// <summary>Pinned topics come first: in their category, or (Global) also on the front page.</summary>
    public PinScope Pin { get; set; }

    /// <summary>The pin ends at this time; null keeps it until a moderator unpins.</summary>
    public DateTimeOffset? PinnedUntil { get; set; }

    /// <summary>The reply marked as the answer (questions categories); 0 when none.</summary>
    public int AcceptedPostId { get; set; }
    public int AcceptedPostNumber { get; set; }
    public string? AcceptedAuthorId { get; set; }

    public bool IsSolved => AcceptedPostId > 0;

    public bool IsPinnedAt(DateTimeOffset now) => Pin != PinScope.None && (PinnedUntil is null || PinnedUntil > now);
}

public enum PinScope { None, Category, Global }
