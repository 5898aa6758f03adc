using ForumServer.Core.Accounts;
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

/// <summary>One post as shown in a topic, with what the viewer may do to it.</summary>
public sealed record PostView(Post Post, bool CanEdit, bool CanRemove, bool CanFlag = false, bool CanModerate = false)
{
    /// <summary>
    /// The one rule for what a viewer may do to a post, shared by the topic page, live messages and the catch-up
    /// endpoint: authors edit and delete their own posts, moderators edit and moderate any, members flag others'.
    /// A null viewer (a visitor, or a live message for everyone) gets no actions.
    /// </summary>
    public static PostView For(Post post, Actor? viewer) => new(post,
        CanEdit: viewer is not null && (post.AuthorId == viewer.Id || viewer.IsModerator),
        CanRemove: viewer is not null && post.AuthorId == viewer.Id,
        CanFlag: viewer is not null && post.AuthorId != viewer.Id,
        CanModerate: viewer?.IsModerator == true);
}
