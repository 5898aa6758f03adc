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
/// The steps span several features' stores and the media files on disk, which no one transaction covers, so
/// removal is all or nothing by a durable intent: first the member record is marked (<see cref="PendingErasure"/>),
/// which ends the member's sessions and stops sign-in and posting; then each step runs, each safe to repeat; the
/// member record goes last. If a step fails or the process stops half-way, the account stays marked, and
/// <see cref="ResumePendingAsync"/> (run at every start) or removing it again finishes the job with the mode asked
/// for first, without doing anything twice (a second run finds no posts under the member's id, no flags, no
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
        return OperationResult<AccountRemovalMode>.Ok(await EraseAsync(member, Intent(member, mode, actor.Id, reason)));
    }

    /// <summary>The member removes their own account (the caller has checked the password).</summary>
    public async Task RemoveOwnAsync(Member member, AccountRemovalMode mode) =>
        await EraseAsync(member, Intent(member, mode, member.Id, "removed by the member"));

    /// <summary>Finishes removals that started and were interrupted; returns how many it finished.</summary>
    public async Task<int> ResumePendingAsync()
    {
        var finished = 0;
        foreach (var member in await members.ListPendingErasuresAsync(take: 100))
        {
            await EraseAsync(member, member.Erasure!);
            finished++;
        }
        return finished;
    }

    /// <summary>A removal that was interrupted is finished as first asked, whoever asks again.</summary>
    private PendingErasure Intent(Member member, AccountRemovalMode mode, string actorId, string? reason) =>
        member.Erasure ?? new PendingErasure
        {
            DeleteContent = mode == AccountRemovalMode.DeleteContent, ActorId = actorId, Reason = reason, At = time.GetUtcNow(),
        };

    private async Task<AccountRemovalMode> EraseAsync(Member member, PendingErasure erasure)
    {
        if (member.Erasure is null) await members.MarkErasureAsync(member.Id, erasure);
        var mode = erasure.DeleteContent ? AccountRemovalMode.DeleteContent : AccountRemovalMode.Anonymize;
        // Data kept by address goes with the account only if the account had confirmed that address (AddressJoin).
        var ownAddress = AddressJoin.ConfirmedAddressOf(member) ?? "";
        foreach (var cleaner in cleaners) await cleaner.MemberErasedAsync(member.Id, ownAddress, mode);
        var removedPosts = await forum.DetachAuthorAsync(member.Id, FormerMemberName,
            erasure.DeleteContent ? RemovedBy.AccountRemoval : null);
        if (removedPosts.Count > 0) await store.ResolveFlagsAsync(removedPosts, erasure.ActorId, time.GetUtcNow());
        await store.DeleteFlagsFiledByAsync(member.Id);
        await audit.RecordAsync(erasure.ActorId, erasure.DeleteContent ? AuditActions.DeleteAccount : AuditActions.AnonymizeAccount,
            "member", member.Id, erasure.Reason);
        await members.EraseAsync(member.Id);
        return mode;
    }
}
