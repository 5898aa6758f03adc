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
}
