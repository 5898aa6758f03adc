namespace ForumServer.Core.Forum;

public sealed class Category
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Description { get; set; } = "";
    public int SortOrder { get; set; }
    public int TopicCount { get; set; }
    public int PostCount { get; set; }
    public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>Set by an administrator: topics here are questions, and one reply can be marked as the answer.</summary>
    public bool IsQuestions { get; set; }
}
