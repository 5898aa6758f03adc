using ForumServer.Core.Forum;

namespace ForumServer.Pages.Forum;

/// <summary>A list of topics; the category map labels each topic when the list spans categories.</summary>
public sealed record TopicListView(IReadOnlyList<Topic> Topics, IReadOnlyDictionary<int, Category> Categories)
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

    /// <summary>The page numbers to link: the first, the last and two either side of the current one (never a loop over all pages).</summary>
    public IEnumerable<int> Shown()
    {
        var from = Math.Max(2, Current - 2);
        var to = (int)Math.Min(Last - 1L, Current + 2L);
        yield return 1;
        for (var i = from; i <= to; i++) yield return i;
        if (Last > 1) yield return Last;
    }
}

/// <summary>One post as shown in a topic, with what the viewer may do to it.</summary>
public sealed record PostView(Post Post, bool CanEdit, bool CanRemove, bool CanFlag = false, bool CanModerate = false);
