using ForumServer.Core.Forum;

namespace ForumServer.Core.Forum;

/// <summary>Where categories, topics and posts live. Each write is atomic: it happens whole or not at all.</summary>
public interface IForumStore
{
    Task<IReadOnlyList<Category>> ListCategoriesAsync();
    Task<Category?> GetCategoryAsync(int id);
    Task<Category> AddCategoryAsync(Category category);
    /// <summary>Saves an edited category; its counters and last activity stay the store's (<see cref="ForumRules.KeepStoreOwned(Category, Category)"/>).</summary>
    Task UpdateCategoryAsync(Category category);

    Task<Topic?> GetTopicAsync(int id);

    /// <summary>Topics of a category that are not removed, last activity first.</summary>
    Task<IReadOnlyList<Topic>> ListTopicsAsync(int categoryId, int skip, int take);
    Task<int> CountTopicsAsync(int categoryId);

    /// <summary>Topics across all categories, last activity first.</summary>
    Task<IReadOnlyList<Topic>> ListRecentTopicsAsync(int skip, int take);

    Task<Post?> GetPostAsync(int id);

    /// <summary>The posts with these ids that exist, in no particular order (one read for a page of search results).</summary>
    Task<IReadOnlyList<Post>> GetPostsAsync(IReadOnlyCollection<int> ids);

    /// <summary>The topics with these ids that exist, in no particular order.</summary>
    Task<IReadOnlyList<Topic>> GetTopicsAsync(IReadOnlyCollection<int> ids);

    /// <summary>Posts of a topic in order, removed ones included (pages show a placeholder).</summary>
    Task<IReadOnlyList<Post>> ListPostsAsync(int topicId, int skip, int take);

    /// <summary>Posts of a topic with an id above <paramref name="afterPostId"/>, for clients catching up.</summary>
    Task<IReadOnlyList<Post>> ListPostsAfterAsync(int topicId, int afterPostId, int take);

    /// <summary>Stores a new topic with its first post and updates the category counters.</summary>
    Task CreateTopicAsync(Topic topic, Post firstPost);

    /// <summary>Appends a reply, numbering it and updating topic and category counters.</summary>
    Task AppendPostAsync(Post post);

    Task UpdatePostAsync(Post post);
    /// <summary>Saves an edited topic (lock, pin, answer); counters, last post and category stay the store's (<see cref="ForumRules.KeepStoreOwned(Topic, Topic)"/>).</summary>
    Task UpdateTopicAsync(Topic topic);

    /// <summary>Marks the topic removed and deletes the content of all its posts; returns the ids of posts that lost content.</summary>
    Task<IReadOnlyList<int>> RemoveTopicAsync(int topicId, PostRemoval removal);

    /// <summary>Moves a topic to another category, keeping both categories' counters right.</summary>
    Task MoveTopicAsync(int topicId, int toCategoryId);

    /// <summary>Every post a member wrote, removed ones included, oldest first.</summary>
    Task<IReadOnlyList<Post>> ListPostsByAuthorAsync(string authorId);

    /// <summary>
    /// Detaches a member's posts and topics from them: author id and name become <paramref name="formerName"/>
    /// (everywhere the name was copied). With <paramref name="removal"/> the content of their posts is deleted too
    /// and the topics they started are removed whole. Returns the ids of posts that lost content.
    /// </summary>
    Task<IReadOnlyList<int>> DetachAuthorAsync(string authorId, string formerName, PostRemoval? removal);

    /// <summary>Keeps the copied author name on posts and topics in step with a member's display name.</summary>
    Task RenameAuthorAsync(string authorId, string newName);
}
