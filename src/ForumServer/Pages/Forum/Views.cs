using ForumServer.Core.Forum;

namespace ForumServer.Pages.Forum;

/// <summary>A list of topics; the category map labels each topic when the list spans categories. Pinned topics come first.</summary>
public sealed record TopicListView(IReadOnlyList<Topic> Topics, IReadOnlyDictionary<int, Category> Categories, IReadOnlyList<Topic>? Pinned = null)
{
    public TopicRowView RowOf(Topic topic) => new(topic,
        Categories.Count > 1 && Categories.TryGetValue(topic.CategoryId, out var category) ? category : null);
}

/// <summary>One topic in a list; <see cref="CategoryTag"/> is set where the list spans categories.</summary>
public sealed record TopicRowView(Topic Topic, Category? CategoryTag);

/// <summary>Page links: current page and the last page that exists.</summary>
public sealed record Pager(string BasePath, int Current, int Last)
{
    public static readonly Pager Single = new("/", 1, 1);

    public string Link(int page) => page <= 1 ? BasePath : $"{BasePath}?page={page}";
}

/// <summary>One post as shown in a topic, with what the viewer may do to it.</summary>
public sealed record PostView(Post Post, bool CanEdit, bool CanRemove, bool CanFlag = false, bool CanModerate = false);
