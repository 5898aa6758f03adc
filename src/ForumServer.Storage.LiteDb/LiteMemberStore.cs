using ForumServer.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace ForumServer.Storage.LiteDb;

/// <summary>
/// Members in LiteDB, as ASP.NET Core Identity asks for them (user, password, email, security stamp, lockout,
/// roles). Identity's user name is the member's public display name; sign-in goes by email.
/// </summary>
public sealed class LiteMemberStore(ForumDatabase db) :
    IMemberStore,
    IUserPasswordStore<Member>,
    IUserEmailStore<Member>,
    IUserSecurityStampStore<Member>,
    IUserLockoutStore<Member>,
    IUserRoleStore<Member>
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
    public Task<IdentityResult> CreateAsync(Member user, CancellationToken cancellationToken) =>
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

    public Task<IdentityResult> UpdateAsync(Member user, CancellationToken cancellationToken) =>
        Task.FromResult(db.InTransaction(() =>
        {
            if (EmailTaken(user)) return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateEmail(user.Email));
            try
            {
                user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
                return db.Members.Update(user) ? IdentityResult.Success
                    : IdentityResult.Failed(new IdentityError { Code = "NotFound", Description = "The account no longer exists." });
            }
            catch (LiteDB.LiteException e) when (e.ErrorCode == LiteDB.LiteException.INDEX_DUPLICATE_KEY)
            {
                return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(user.DisplayName));
            }
        }));

    private bool EmailTaken(Member user) =>
        !string.IsNullOrEmpty(user.NormalizedEmail)
        && db.Members.Query().Where(m => m.NormalizedEmail == user.NormalizedEmail && m.Id != user.Id).Exists();

    public Task<IdentityResult> DeleteAsync(Member user, CancellationToken cancellationToken)
    {
        db.Members.Delete(user.Id);
        return Task.FromResult(IdentityResult.Success);
    }

    public Task<Member?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult<Member?>(db.Members.FindById(userId));

    public Task<Member?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        Task.FromResult<Member?>(db.Members.FindOne(m => m.NormalizedDisplayName == normalizedUserName));

    public Task<string> GetUserIdAsync(Member user, CancellationToken cancellationToken) => Task.FromResult(user.Id);
    public Task<string?> GetUserNameAsync(Member user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.DisplayName);

    public Task SetUserNameAsync(Member user, string? userName, CancellationToken cancellationToken)
    {
        user.DisplayName = userName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(Member user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.NormalizedDisplayName);

    public Task SetNormalizedUserNameAsync(Member user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedDisplayName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    // --- IUserPasswordStore
    public Task SetPasswordHashAsync(Member user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(Member user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(Member user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    // --- IUserEmailStore
    public Task SetEmailAsync(Member user, string? email, CancellationToken cancellationToken)
    {
        user.Email = email ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetEmailAsync(Member user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);
    public Task<bool> GetEmailConfirmedAsync(Member user, CancellationToken cancellationToken) => Task.FromResult(user.EmailConfirmed);

    public Task SetEmailConfirmedAsync(Member user, bool confirmed, CancellationToken cancellationToken)
    {
        user.EmailConfirmed = confirmed;
        return Task.CompletedTask;
    }

    public Task<Member?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        Task.FromResult<Member?>(db.Members.FindOne(m => m.NormalizedEmail == normalizedEmail));

    public Task<string?> GetNormalizedEmailAsync(Member user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedEmail);

    public Task SetNormalizedEmailAsync(Member user, string? normalizedEmail, CancellationToken cancellationToken)
    {
        user.NormalizedEmail = normalizedEmail ?? "";
        return Task.CompletedTask;
    }

    // --- IUserSecurityStampStore
    public Task SetSecurityStampAsync(Member user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(Member user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    // --- IUserLockoutStore
    public Task<DateTimeOffset?> GetLockoutEndDateAsync(Member user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(Member user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(Member user, CancellationToken cancellationToken) =>
        Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(Member user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(Member user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(Member user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(Member user, bool enabled, CancellationToken cancellationToken)
    {
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    // --- IUserRoleStore
    public Task AddToRoleAsync(Member user, string roleName, CancellationToken cancellationToken)
    {
        roleName = Roles.Canonical(roleName);
        if (!user.IsInRole(roleName)) user.Roles.Add(roleName);
        return Task.CompletedTask;
    }

    public Task RemoveFromRoleAsync(Member user, string roleName, CancellationToken cancellationToken)
    {
        roleName = Roles.Canonical(roleName);
        user.Roles.RemoveAll(r => string.Equals(r, roleName, StringComparison.OrdinalIgnoreCase));
        return Task.CompletedTask;
    }

    public Task<IList<string>> GetRolesAsync(Member user, CancellationToken cancellationToken) =>
        Task.FromResult<IList<string>>(user.Roles.ToList());

    public Task<bool> IsInRoleAsync(Member user, string roleName, CancellationToken cancellationToken) =>
        Task.FromResult(user.IsInRole(Roles.Canonical(roleName)));

    public Task<IList<Member>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken) =>
        Task.FromResult<IList<Member>>(db.Members.FindAll().Where(m => m.IsInRole(Roles.Canonical(roleName))).ToList());

    public void Dispose() { }

}
