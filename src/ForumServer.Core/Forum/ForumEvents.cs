namespace ForumServer.Core.Forum;

/// <summary>Something that changed in the forum, raised after it is stored.</summary>
public abstract record ForumEvent(int CategoryId, int TopicId);

public sealed record TopicCreated(Topic Topic, Post FirstPost) : ForumEvent(Topic.CategoryId, Topic.Id);
public sealed record PostCreated(Topic Topic, Post Post) : ForumEvent(Topic.CategoryId, Topic.Id);
public sealed record PostEdited(Topic Topic, Post Post) : ForumEvent(Topic.CategoryId, Topic.Id);
public sealed record PostRemoved(Topic Topic, Post Post) : ForumEvent(Topic.CategoryId, Topic.Id);
public sealed record TopicLocked(Topic Topic) : ForumEvent(Topic.CategoryId, Topic.Id);
public sealed record TopicRemoved(Topic Topic) : ForumEvent(Topic.CategoryId, Topic.Id);
public sealed record TopicMoved(Topic Topic, int FromCategoryId) : ForumEvent(Topic.CategoryId, Topic.Id);
public sealed record CategoryChanged(Category Category) : ForumEvent(Category.Id, 0);
public sealed record ReactionAdded(Topic Topic, Post Post, string MemberId, string MemberName) : ForumEvent(Topic.CategoryId, Topic.Id);
public sealed record ReactionRemoved(Topic Topic, Post Post, string MemberId) : ForumEvent(Topic.CategoryId, Topic.Id);
/// <summary>A reply became the topic's answer; <c>Answer</c> is null when the mark was taken away.</summary>
public sealed record AnswerAccepted(Topic Topic, Post? Answer, string ByMemberId) : ForumEvent(Topic.CategoryId, Topic.Id);
public sealed record TopicPinned(Topic Topic) : ForumEvent(Topic.CategoryId, Topic.Id);

/// <summary>Reacts to forum events (live updates, cache eviction). Handlers must not throw for the write to count.</summary>
public interface IForumEventHandler
{
    Task HandleAsync(ForumEvent forumEvent, CancellationToken cancellationToken = default);

    /// <summary>When the handler runs relative to the others (see <see cref="ForumEventPublisher"/>).</summary>
    ForumEventStage Stage => ForumEventStage.Derived;
}

/// <summary>
/// The order in which handlers see an event, after the store has committed it. Within a stage, handlers run in
/// registration order.
/// </summary>
public enum ForumEventStage
{
    /// <summary>Media attached to or deleted with the post, so what follows sees the post's final media.</summary>
    Media = 100,

    /// <summary>What is derived from stored posts: search index, notifications, page cache eviction.</summary>
    Derived = 200,

    /// <summary>Live broadcast to open pages, last: a page that reloads on it finds everything above done.</summary>
    Broadcast = 300,
}
