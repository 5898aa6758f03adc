using ForumServer.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace ForumServer.Storage.LiteDb;

/// <summary>
/// Members in LiteDB: the feature's own verbs and the part of Identity's user store that reaches the database
/// (<see cref="MemberUserStore"/> reads and writes the member document for the rest).
/// </summary>
public sealed class LiteMemberStore(ForumDatabase db) : MemberUserStore, IMemberStore
{
    // --- IMemberStore
    public Task<Member?> GetAsync(string id) => Task.FromResult<Member?>(db.Members.FindById(id));

    public Task<IReadOnlyList<Member>> ListAsync(int skip, int take) =>
        Task.FromResult<IReadOnlyList<Member>>(db.Members.Query().OrderBy(m => m.NormalizedDisplayName).Skip(skip).Limit(take).ToList());

    public Task<int> CountAsync() => Task.FromResult(db.Members.Count());

    public Task<bool> AnyInRoleAsync(string role) =>
        Task.FromResult(db.Members.FindAll().Any(m => m.IsInRole(role)));

    public Task RecordAccessAsync(string memberId, string? ip, DateTimeOffset at)
    {
        db.InTransaction(() =>
        {
            if (db.Members.FindById(memberId) is not { } member) return;
            member.LastAccessIp = ip;
            member.LastAccessAt = at;
            db.Members.Update(member);
        });
        return Task.CompletedTask;
    }

    public Task SetSuspensionAsync(string memberId, Suspension? suspension) =>
        UpdateAsync(memberId, endSessions: suspension is not null, member => member.Suspension = suspension);

    public Task MarkErasureAsync(string memberId, PendingErasure erasure) =>
        UpdateAsync(memberId, endSessions: true, member => member.Erasure = erasure);

    public Task<IReadOnlyList<Member>> ListPendingErasuresAsync(int take) =>
        Task.FromResult<IReadOnlyList<Member>>(db.Members.Query().Where(m => m.Erasure != null).Limit(take).ToList());

    private Task UpdateAsync(string memberId, bool endSessions, Action<Member> change)
    {
        db.InTransaction(() =>
        {
            if (db.Members.FindById(memberId) is not { } member) return;
            change(member);
            if (endSessions) member.SecurityStamp = Guid.NewGuid().ToString("N");
            member.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            db.Members.Update(member);
        });
        return Task.CompletedTask;
    }

    public Task<bool> EraseAsync(string memberId) => Task.FromResult(db.Members.Delete(memberId));

    // --- IUserStore
    public override Task<IdentityResult> CreateAsync(Member user, CancellationToken cancellationToken) =>
        Task.FromResult(db.InTransaction(() =>
        {
            // Identity checks the email before it calls the store; under parallel registrations only this check,
            // inside the writer lock, makes one email one account.
            if (EmailTaken(user)) return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateEmail(user.Email));
            try
            {
                db.Members.Insert(user);
                return IdentityResult.Success;
            }
            catch (LiteDB.LiteException e) when (e.ErrorCode == LiteDB.LiteException.INDEX_DUPLICATE_KEY)
            {
                return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(user.DisplayName));
            }
        }));

    public override Task<IdentityResult> UpdateAsync(Member user, CancellationToken cancellationToken) =>
        Task.FromResult(db.InTransaction(() =>
        {
            if (EmailTaken(user)) return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateEmail(user.Email));
            try
            {
                user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
                return db.Members.Update(user) ? IdentityResult.Success
                    : AccountGone;
            }
            catch (LiteDB.LiteException e) when (e.ErrorCode == LiteDB.LiteException.INDEX_DUPLICATE_KEY)
            {
                return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(user.DisplayName));
            }
        }));

    private bool EmailTaken(Member user) =>
        !string.IsNullOrEmpty(user.NormalizedEmail)
        && db.Members.Query().Where(m => m.NormalizedEmail == user.NormalizedEmail && m.Id != user.Id).Exists();

    public override Task<IdentityResult> DeleteAsync(Member user, CancellationToken cancellationToken)
    {
        db.Members.Delete(user.Id);
        return Task.FromResult(IdentityResult.Success);
    }

    public override Task<Member?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult<Member?>(db.Members.FindById(userId));

    public override Task<Member?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        Task.FromResult<Member?>(db.Members.FindOne(m => m.NormalizedDisplayName == normalizedUserName));

    public override Task<Member?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        Task.FromResult<Member?>(db.Members.FindOne(m => m.NormalizedEmail == normalizedEmail));

    // --- IUserRoleStore

    public override Task<IList<Member>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken) =>
        Task.FromResult<IList<Member>>(db.Members.FindAll().Where(m => m.IsInRole(Roles.Canonical(roleName))).ToList());

}
