using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;
using ForumServer.Core.Moderation;

namespace ForumServer.Core.Curation;

/// <summary>The few pinned topics, read apart from the (index-ordered) topic lists and shown before them.</summary>
public interface IPinnedTopicStore
{
    /// <summary>Topics with a pin set and not removed, whatever its end date (callers check it).</summary>
    Task<IReadOnlyList<Topic>> ListPinnedAsync();
}

/// <summary>Pinned topics (moderators) and accepted answers (topic author or moderator, in questions categories).</summary>
public sealed class CurationService(IForumStore forum, IPinnedTopicStore pins, AuditLog audit, ForumEventPublisher events, TimeProvider time)
{
    public const string PinAction = "topic.pin";
    public const string UnpinAction = "topic.unpin";
    public static readonly TimeSpan MaxPinLength = TimeSpan.FromDays(3660);

    /// <summary>Pinned topics for the front page (<paramref name="categoryId"/> null: global pins) or a category, newest pin first.</summary>
    public async Task<IReadOnlyList<Topic>> PinnedAsync(int? categoryId)
    {
        var now = time.GetUtcNow();
        return (await pins.ListPinnedAsync())
            .Where(t => t.IsPinnedAt(now) && (categoryId is null ? t.Pin == PinScope.Global : t.CategoryId == categoryId))
            .OrderByDescending(t => t.LastPostAt)
            .ToList();
    }

    public async Task<OperationResult<Topic>> PinAsync(Actor actor, int topicId, PinScope scope, DateTimeOffset? until)
    {
        if (!actor.IsModerator) return OperationResult<Topic>.Denied();
        if (!Enum.IsDefined(scope)) return OperationResult<Topic>.Invalid(new FieldError("Scope", "Choose where the topic is pinned."));
        var now = time.GetUtcNow();
        if (scope != PinScope.None && until is { } end && (end <= now || end > now + MaxPinLength))
            return OperationResult<Topic>.Invalid(new FieldError("Until", "The end date must be in the future and within ten years."));
        var topic = await forum.GetTopicAsync(topicId);
        if (topic is null || topic.IsRemoved) return OperationResult<Topic>.Missing();

        topic.Pin = scope;
        topic.PinnedUntil = scope == PinScope.None ? null : until;
        await forum.UpdateTopicAsync(topic);
        await audit.RecordAsync(actor.Id, scope == PinScope.None ? UnpinAction : PinAction, "topic", topicId.ToString(), null);
        await RaiseAsync(new TopicPinned(topic));
        return OperationResult<Topic>.Ok(topic);
    }

    /// <summary>Marks a reply as the answer to its topic's question, or (<paramref name="accept"/> false) takes the mark away.</summary>
    public async Task<OperationResult<Topic>> AcceptAsync(Actor actor, int postId, bool accept)
    {
        var post = await forum.GetPostAsync(postId);
        if (post is null || post.IsRemoved) return OperationResult<Topic>.Missing();
        var topic = await forum.GetTopicAsync(post.TopicId);
        if (topic is null || topic.IsRemoved) return OperationResult<Topic>.Missing();
        if (!MayAccept(actor, topic)) return OperationResult<Topic>.Denied();
        var category = await forum.GetCategoryAsync(topic.CategoryId);
        if (category is not { IsQuestions: true })
            return OperationResult<Topic>.Invalid(new FieldError("", "Answers can be marked only in question categories."));
        if (post.Number <= 1)
            return OperationResult<Topic>.Invalid(new FieldError("", "Only a reply can be the answer."));

        if (accept)
        {
            topic.AcceptedPostId = post.Id;
            topic.AcceptedPostNumber = post.Number;
            topic.AcceptedAuthorId = post.AuthorId;
        }
        else if (topic.AcceptedPostId == post.Id)
        {
            topic.AcceptedPostId = 0;
            topic.AcceptedPostNumber = 0;
            topic.AcceptedAuthorId = null;
        }
        else return OperationResult<Topic>.Ok(topic);
        await forum.UpdateTopicAsync(topic);
        await RaiseAsync(new AnswerAccepted(topic, accept ? post : null, actor.Id));
        return OperationResult<Topic>.Ok(topic);
    }

    /// <summary>Administrators mark a category as one for questions (answers can be accepted there).</summary>
    public async Task<OperationResult<Category>> SetQuestionsAsync(Actor actor, int categoryId, bool questions)
    {
        if (!actor.IsAdministrator) return OperationResult<Category>.Denied();
        var category = await forum.GetCategoryAsync(categoryId);
        if (category is null) return OperationResult<Category>.Missing();
        category.IsQuestions = questions;
        await forum.UpdateCategoryAsync(category);
        await RaiseAsync(new CategoryChanged(category));
        return OperationResult<Category>.Ok(category);
    }

    public static bool MayAccept(Actor? actor, Topic topic) =>
        actor is not null && actor.CanPost && (actor.IsModerator || actor.Id == topic.AuthorId);

    private async Task RaiseAsync(ForumEvent forumEvent)
    {
        await events.PublishAsync(forumEvent);
    }
}
