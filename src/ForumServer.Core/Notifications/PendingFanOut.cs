using ForumServer.Core.Forum;

namespace ForumServer.Core.Notifications;

/// <summary>
/// A forum event whose notifications are not all out yet. Stored before the response of the request that caused
/// it and deleted once its notifications and mail are stored, so a crash in between only delays them: the worker
/// resumes every pending record at start. It keeps ids, not copies: the topic and post are read again when it runs.
/// </summary>
public sealed class PendingFanOut
{
    public int Id { get; set; }
    public FanOutEvent Event { get; set; }
    public int TopicId { get; set; }
    public int PostId { get; set; }

    /// <summary>Who acted, for reactions (with <see cref="MemberName"/>) and accepted answers.</summary>
    public string MemberId { get; set; } = "";
    public string MemberName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The record for an event that notifies anyone; null for events that never do.</summary>
    public static PendingFanOut? For(ForumEvent forumEvent, DateTimeOffset now)
    {
        PendingFanOut Of(FanOutEvent e, int topicId, int postId = 0, string memberId = "", string memberName = "") => new()
        {
            Event = e, TopicId = topicId, PostId = postId, MemberId = memberId, MemberName = memberName, CreatedAt = now,
        };
        return forumEvent switch
        {
            TopicCreated e => Of(FanOutEvent.TopicCreated, e.Topic.Id, e.FirstPost.Id),
            PostCreated e => Of(FanOutEvent.PostCreated, e.Topic.Id, e.Post.Id),
            // Only an edit that (still) mentions someone can notify (a cheap look before parsing); the worker decides who is new.
            PostEdited e when !e.Post.IsRemoved && e.Post.Html.Contains("mention", StringComparison.Ordinal) => Of(FanOutEvent.PostEdited, e.Topic.Id, e.Post.Id),
            PostRemoved { Post.Removal.By: RemovedBy.Moderator } e => Of(FanOutEvent.PostRemovedByModerator, e.Topic.Id, e.Post.Id),
            TopicLocked e => Of(FanOutEvent.TopicLocked, e.Topic.Id),
            TopicRemoved e => Of(FanOutEvent.TopicRemoved, e.Topic.Id),
            TopicMoved e => Of(FanOutEvent.TopicMoved, e.Topic.Id),
            ReactionAdded e when e.MemberId != e.Post.AuthorId => Of(FanOutEvent.ReactionAdded, e.Topic.Id, e.Post.Id, e.MemberId, e.MemberName),
            AnswerAccepted { Answer: { } answer } e when answer.AuthorId != e.ByMemberId => Of(FanOutEvent.AnswerAccepted, e.Topic.Id, answer.Id, e.ByMemberId),
            _ => null,
        };
    }
}

public enum FanOutEvent
{
    TopicCreated,
    PostCreated,
    PostEdited,
    PostRemovedByModerator,
    TopicLocked,
    TopicRemoved,
    TopicMoved,
    ReactionAdded,
    AnswerAccepted,
}
