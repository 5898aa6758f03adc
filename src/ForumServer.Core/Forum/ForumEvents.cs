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

/// <summary>Reacts to forum events (live updates, cache eviction). Handlers must not throw for the write to count.</summary>
public interface IForumEventHandler
{
    Task HandleAsync(ForumEvent forumEvent, CancellationToken cancellationToken = default);
}
