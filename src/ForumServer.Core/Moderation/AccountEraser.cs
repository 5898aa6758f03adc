using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;

namespace ForumServer.Core.Moderation;

/// <summary>
/// Removes an account, the one code path for moderators, deletion requests and members removing themselves.
/// Either mode deletes the member record (email, display name, password, IP) and the flags they filed;
/// posts either go or stay under <see cref="FormerMemberName"/>.
/// </summary>
/// <remarks>
/// All or nothing by idempotent retry: the steps span several features' stores (media files, lists, contact mail,
/// forum, moderation), so they run in an order where each is safe to repeat and the member record goes last. If
/// any step fails the account is still there, still listed for moderators, and removing it again finishes the
/// job without doing anything twice (a second run finds no posts under the member's id, no flags, no
/// subscriptions). The forum part is one store transaction and goes through <see cref="ForumService"/>, which
/// raises the post events (media of removed posts goes with them).
/// </remarks>
public sealed class AccountEraser(
    ForumService forum,
    IMemberStore members,
    IModerationStore store,
    AuditLog audit,
    IEnumerable<IMemberContentCleaner> cleaners,
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
        // Data kept by address goes with the account only if the account had confirmed that address (AddressJoin).
        var ownAddress = ForumServer.Core.Privacy.AddressJoin.ConfirmedAddressOf(member) ?? "";
        foreach (var cleaner in cleaners) await cleaner.MemberErasedAsync(member.Id, ownAddress, mode);
        var removedPosts = await forum.DetachAuthorAsync(member.Id, FormerMemberName,
            mode == AccountRemovalMode.DeleteContent ? RemovedBy.AccountRemoval : null);
        if (removedPosts.Count > 0) await store.ResolveFlagsAsync(removedPosts, actorId, time.GetUtcNow());
        await store.DeleteFlagsFiledByAsync(member.Id);
        await audit.RecordAsync(actorId, mode == AccountRemovalMode.DeleteContent ? AuditActions.DeleteAccount : AuditActions.AnonymizeAccount,
            "member", member.Id, reason);
        await members.EraseAsync(member.Id);
    }
}
