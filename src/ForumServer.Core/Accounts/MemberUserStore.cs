using Microsoft.AspNetCore.Identity;

namespace ForumServer.Core.Accounts;

/// <summary>
/// The half of ASP.NET Core Identity's user store that only reads and writes the <see cref="Member"/> document
/// (password hash, email, security stamp, lockout, roles); each store supplies the half that reaches its database.
/// Identity's user name is the member's public display name; sign-in goes by email.
/// </summary>
public abstract class MemberUserStore :
    IUserPasswordStore<Member>,
    IUserEmailStore<Member>,
    IUserSecurityStampStore<Member>,
    IUserLockoutStore<Member>,
    IUserRoleStore<Member>
{
    // --- what each database does
    public abstract Task<IdentityResult> CreateAsync(Member user, CancellationToken cancellationToken);
    public abstract Task<IdentityResult> UpdateAsync(Member user, CancellationToken cancellationToken);
    public abstract Task<IdentityResult> DeleteAsync(Member user, CancellationToken cancellationToken);
    public abstract Task<Member?> FindByIdAsync(string userId, CancellationToken cancellationToken);
    public abstract Task<Member?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken);
    public abstract Task<Member?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);
    public abstract Task<IList<Member>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken);

    /// <summary>The error Identity shows when an update finds the account gone (erased meanwhile).</summary>
    protected static IdentityResult AccountGone { get; } =
        IdentityResult.Failed(new IdentityError { Code = "NotFound", Description = "The account no longer exists." });

    // --- IUserStore
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

    public void Dispose() => GC.SuppressFinalize(this);
}
