using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;
using ForumServer.Core.Storage;

namespace ForumServer.Core.Moderation;

/// <summary>
/// Removes an account, the one code path for moderators, deletion requests and members removing themselves.
/// Either mode deletes the member record (email, display name, password, IP) and the flags they filed;
/// posts either go or stay under <see cref="FormerMemberName"/>.
/// </summary>
public sealed class AccountEraser(
    IForumStore forum,
    IMemberStore members,
    IModerationStore store,
    AuditLog audit,
    IEnumerable<IMemberContentCleaner> cleaners,
    IEnumerable<IForumEventHandler> handlers,
    TimeProvider time)
{
    public const string FormerMemberName = "former member";

    /// <summary>A moderator (or administrator) removes someone else's account.</summary>
    public async Task<OperationResult<AccountRemovalMode>> RemoveAsync(Actor actor, string memberId, AccountRemovalMode mode, string? reason)
    {
        if (!actor.IsModerator) return OperationResult<AccountRemovalMode>.Denied();
        var member = await members.GetAsync(memberId);
        if (member is null) return OperationResult<AccountRemovalMode>.Missing();
        if (member.Id == actor.Id || !ModerationService.MayActOn(actor, member)) return OperationResult<AccountRemovalMode>.Denied();
        await EraseAsync(member, mode, actor.Id, reason);
        return OperationResult<AccountRemovalMode>.Ok(mode);
    }

    /// <summary>The member removes their own account (the caller has checked the password).</summary>
    public async Task RemoveOwnAsync(Member member, AccountRemovalMode mode) =>
        await EraseAsync(member, mode, member.Id, "removed by the member");

    private async Task EraseAsync(Member member, AccountRemovalMode mode, string actorId, string? reason)
    {
        var removal = mode == AccountRemovalMode.DeleteContent
            ? new PostRemoval { By = RemovedBy.AccountRemoval, At = time.GetUtcNow() }
            : null;
        var ownPosts = await forum.ListPostsByAuthorAsync(member.Id);
        var removedPosts = await forum.DetachAuthorAsync(member.Id, FormerMemberName, removal);
        if (removedPosts.Count > 0)
        {
            await store.ResolveFlagsAsync(removedPosts, actorId, time.GetUtcNow());
            foreach (var cleaner in cleaners) await cleaner.PostsRemovedAsync(removedPosts);
        }
        // Data kept by address goes with the account only if the account had confirmed that address (AddressJoin).
        var ownAddress = ForumServer.Core.Privacy.AddressJoin.ConfirmedAddressOf(member) ?? "";
        foreach (var cleaner in cleaners) await cleaner.MemberErasedAsync(member.Id, ownAddress, mode);
        await store.DeleteFlagsFiledByAsync(member.Id);
        await members.EraseAsync(member.Id);
        await audit.RecordAsync(actorId, mode == AccountRemovalMode.DeleteContent ? AuditActions.DeleteAccount : AuditActions.AnonymizeAccount,
            "member", member.Id, reason);
        await RaiseChangesAsync(ownPosts.Select(p => p.Id), removedPosts.ToHashSet());
    }

    /// <summary>Tells live pages and caches about every post that lost its author's name or content.</summary>
    private async Task RaiseChangesAsync(IEnumerable<int> postIds, HashSet<int> removedNow)
    {
        var removedTopics = new HashSet<int>();
        foreach (var postId in postIds)
        {
            if (await forum.GetPostAsync(postId) is not { } post || await forum.GetTopicAsync(post.TopicId) is not { } topic) continue;
            ForumEvent change = topic.IsRemoved ? new TopicRemoved(topic)
                : removedNow.Contains(postId) ? new PostRemoved(topic, post)
                : new PostEdited(topic, post);
            if (change is TopicRemoved && !removedTopics.Add(topic.Id)) continue;
            foreach (var handler in handlers) await handler.HandleAsync(change);
        }
    }
}
