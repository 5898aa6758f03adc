using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;

namespace ForumServer.Core.Moderation;

/// <summary>What moderators do to posts, topics and members, each action written to the audit log.</summary>
public sealed class ModerationService(
    IForumStore forum,
    IMemberStore members,
    IModerationStore store,
    ForumService forumService,
    AuditLog audit,
    TimeProvider time)
{
    public const int MaxReasonLength = 500;

    public async Task<OperationResult<Post>> RemovePostAsync(Actor actor, int postId, string? reason)
    {
        if (!actor.IsModerator) return OperationResult<Post>.Denied();
        if (CheckReason(reason) is { } error) return OperationResult<Post>.Invalid(error);
        var result = await forumService.RemovePostAsync(actor, postId);
        if (!result.Succeeded) return result;
        await PostsGoneAsync(actor, [postId]);
        await audit.RecordAsync(actor.Id, AuditActions.RemovePost, "post", postId.ToString(), reason);
        return result;
    }

    public async Task<OperationResult<Topic>> RemoveTopicAsync(Actor actor, int topicId, string? reason)
    {
        if (!actor.IsModerator) return OperationResult<Topic>.Denied();
        if (CheckReason(reason) is { } error) return OperationResult<Topic>.Invalid(error);
        var topic = await forum.GetTopicAsync(topicId);
        var result = await forumService.RemoveTopicAsync(actor, topicId);
        if (!result.Succeeded || topic is null) return OperationResult<Topic>.Missing();
        topic.IsRemoved = true;
        await PostsGoneAsync(actor, result.Value!);
        await audit.RecordAsync(actor.Id, AuditActions.RemoveTopic, "topic", topicId.ToString(), reason);
        return OperationResult<Topic>.Ok(topic);
    }

    public async Task<OperationResult<Topic>> SetLockedAsync(Actor actor, int topicId, bool locked, string? reason)
    {
        if (!actor.IsModerator) return OperationResult<Topic>.Denied();
        if (CheckReason(reason) is { } error) return OperationResult<Topic>.Invalid(error);
        var topic = await forum.GetTopicAsync(topicId);
        if (topic is null || topic.IsRemoved) return OperationResult<Topic>.Missing();
        if (topic.IsLocked == locked) return OperationResult<Topic>.Ok(topic);

        var result = await forumService.SetTopicLockedAsync(actor, topicId, locked);
        if (!result.Succeeded) return result;
        await audit.RecordAsync(actor.Id, locked ? AuditActions.LockTopic : AuditActions.UnlockTopic, "topic", topicId.ToString(), reason);
        return result;
    }

    public async Task<OperationResult<Topic>> MoveTopicAsync(Actor actor, int topicId, int toCategoryId, string? reason)
    {
        if (!actor.IsModerator) return OperationResult<Topic>.Denied();
        if (CheckReason(reason) is { } error) return OperationResult<Topic>.Invalid(error);
        var topic = await forum.GetTopicAsync(topicId);
        if (topic is null || topic.IsRemoved) return OperationResult<Topic>.Missing();
        if (topic.CategoryId == toCategoryId) return OperationResult<Topic>.Ok(topic);

        var result = await forumService.MoveTopicAsync(actor, topicId, toCategoryId);
        if (!result.Succeeded) return result;
        await audit.RecordAsync(actor.Id, AuditActions.MoveTopic, "topic", topicId.ToString(), reason);
        return result;
    }

    /// <summary>Suspends for <paramref name="duration"/>, or indefinitely when it is null. Sessions end at once.</summary>
    public async Task<OperationResult<Member>> SuspendAsync(Actor actor, string memberId, TimeSpan? duration, string? reason)
    {
        if (!actor.IsModerator) return OperationResult<Member>.Denied();
        if (CheckReason(reason) is { } error) return OperationResult<Member>.Invalid(error);
        if (duration is { } d && (d <= TimeSpan.Zero || d > TimeSpan.FromDays(3650)))
            return OperationResult<Member>.Invalid(new FieldError("Days", "Days must be between 1 and 3650, or leave it empty to suspend indefinitely."));
        var member = await members.GetAsync(memberId);
        if (member is null) return OperationResult<Member>.Missing();
        if (member.Id == actor.Id || !MayActOn(actor, member)) return OperationResult<Member>.Denied();

        var now = time.GetUtcNow();
        var suspension = new Suspension { At = now, Until = duration is { } span ? now + span : null };
        await members.SetSuspensionAsync(member.Id, suspension);
        member.Suspension = suspension;
        await audit.RecordAsync(actor.Id, AuditActions.SuspendMember, "member", member.Id,
            (suspension.Until is { } until ? $"until {until:yyyy-MM-dd HH:mm} UTC" : "indefinitely") + (string.IsNullOrWhiteSpace(reason) ? "" : ": " + reason.Trim()));
        return OperationResult<Member>.Ok(member);
    }

    public async Task<OperationResult<Member>> UnsuspendAsync(Actor actor, string memberId, string? reason)
    {
        if (!actor.IsModerator) return OperationResult<Member>.Denied();
        if (CheckReason(reason) is { } error) return OperationResult<Member>.Invalid(error);
        var member = await members.GetAsync(memberId);
        if (member is null) return OperationResult<Member>.Missing();
        if (!MayActOn(actor, member)) return OperationResult<Member>.Denied();
        await members.SetSuspensionAsync(member.Id, null);
        member.Suspension = null;
        await audit.RecordAsync(actor.Id, AuditActions.UnsuspendMember, "member", member.Id, reason);
        return OperationResult<Member>.Ok(member);
    }

    /// <summary>A member reports a post. Filing again while the first flag is open changes nothing.</summary>
    public async Task<OperationResult<Flag>> FlagPostAsync(Actor member, int postId, string? reason)
    {
        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length == 0) return OperationResult<Flag>.Invalid(new FieldError("Reason", "Say why the post should be looked at."));
        if (trimmed.Length > Flag.MaxReasonLength)
            return OperationResult<Flag>.Invalid(FieldError.Of("Reason", "The reason must be at most {0} characters.", Flag.MaxReasonLength));
        var post = await forum.GetPostAsync(postId);
        if (post is null || post.IsRemoved) return OperationResult<Flag>.Missing();
        if (await forum.GetTopicAsync(post.TopicId) is not { IsRemoved: false }) return OperationResult<Flag>.Missing();

        if (await store.FindOpenFlagAsync(postId, member.Id) is { } existing) return OperationResult<Flag>.Ok(existing);
        var flag = new Flag { PostId = postId, TopicId = post.TopicId, FiledById = member.Id, Reason = trimmed, CreatedAt = time.GetUtcNow() };
        await store.AddFlagAsync(flag);
        return OperationResult<Flag>.Ok(flag);
    }

    public async Task<OperationResult<Flag>> DismissFlagAsync(Actor actor, int flagId, string? reason)
    {
        if (!actor.IsModerator) return OperationResult<Flag>.Denied();
        var flag = await store.GetFlagAsync(flagId);
        if (flag is null || !flag.IsOpen) return OperationResult<Flag>.Missing();
        await store.ResolveFlagAsync(flagId, actor.Id, time.GetUtcNow());
        await audit.RecordAsync(actor.Id, AuditActions.DismissFlag, "flag", flagId.ToString(), reason);
        return OperationResult<Flag>.Ok(flag);
    }

    /// <summary>What waits for a moderator: open flags and open deletion requests.</summary>
    public async Task<ModerationQueue> GetQueueAsync(int take = 200) => new(
        await store.ListOpenFlagsAsync(take),
        await store.ListOpenDeletionRequestsAsync(take));

    public async Task<(int Flags, int Requests)> CountQueueAsync() =>
        (await store.CountOpenFlagsAsync(), await store.CountOpenDeletionRequestsAsync());

    /// <summary>A moderator may act on members and moderators; only an administrator on an administrator.</summary>
    public static bool MayActOn(Actor actor, Member target) =>
        actor.IsModerator && (!target.IsInRole(Roles.Administrator) || actor.IsAdministrator);

    /// <summary>Flags on removed posts are dealt with. (Their media goes with the post events, in the media stage.)</summary>
    internal async Task PostsGoneAsync(Actor actor, IReadOnlyList<int> postIds)
    {
        if (postIds.Count == 0) return;
        await store.ResolveFlagsAsync(postIds, actor.Id, time.GetUtcNow());
    }

    private static FieldError? CheckReason(string? reason) =>
        (reason?.Length ?? 0) > MaxReasonLength ? FieldError.Of("Reason", "The reason must be at most {0} characters.", MaxReasonLength) : null;
}

public sealed record ModerationQueue(IReadOnlyList<Flag> Flags, IReadOnlyList<DeletionRequest> Requests);
