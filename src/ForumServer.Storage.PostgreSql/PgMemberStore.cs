using ForumServer.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using static ForumServer.Storage.PostgreSql.PgDatabase;

namespace ForumServer.Storage.PostgreSql;

/// <summary>
/// Members in PostgreSQL, as ASP.NET Core Identity asks for them (user, password, email, security stamp, lockout,
/// roles). Identity's user name is the member's public display name; sign-in goes by email.
/// </summary>
public sealed class PgMemberStore(PgDatabase db) :
    IMemberStore,
    IUserPasswordStore<Member>,
    IUserEmailStore<Member>,
    IUserSecurityStampStore<Member>,
    IUserLockoutStore<Member>,
    IUserRoleStore<Member>
{
    // --- IMemberStore
    public Task<Member?> GetAsync(string id) => db.FindAsync<Member>("SELECT doc FROM members WHERE id = $1", id);

    public async Task<IReadOnlyList<Member>> ListAsync(int skip, int take) =>
        await db.ListAsync<Member>("SELECT doc FROM members ORDER BY normalized_display_name OFFSET $1 LIMIT $2", skip, take);

    public async Task<int> CountAsync() => (int)await db.ScalarAsync<long>("SELECT count(*) FROM members");

    public async Task<bool> AnyInRoleAsync(string role) =>
        await db.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM members WHERE roles @> ARRAY[$1])", role.ToLowerInvariant());

    public Task RecordAccessAsync(string memberId, string? ip, DateTimeOffset at) =>
        db.ExecuteAsync("UPDATE members SET doc = doc || $2 WHERE id = $1", memberId, Patch(new { LastAccessIp = ip, LastAccessAt = (DateTimeOffset?)at }));

    public Task SetSuspensionAsync(string memberId, Suspension? suspension) =>
        UpdateAsync(memberId, endSessions: suspension is not null, member => member.Suspension = suspension);

    public Task MarkErasureAsync(string memberId, PendingErasure erasure) =>
        UpdateAsync(memberId, endSessions: true, member => member.Erasure = erasure);

    public async Task<IReadOnlyList<Member>> ListPendingErasuresAsync(int take) =>
        await db.ListAsync<Member>("SELECT doc FROM members WHERE jsonb_typeof(doc->'Erasure') = 'object' ORDER BY id LIMIT $1", take);

    private Task UpdateAsync(string memberId, bool endSessions, Action<Member> change) => db.InTransactionAsync(async (c, tx) =>
    {
        var member = (await ListAsync<Member>(c, tx, "SELECT doc FROM members WHERE id = $1 FOR UPDATE", memberId)).FirstOrDefault();
        if (member is null) return;
        change(member);
        if (endSessions) member.SecurityStamp = Guid.NewGuid().ToString("N");
        member.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        await ExecuteAsync(c, tx, "UPDATE members SET doc = $2 WHERE id = $1", memberId, Doc(member));
    });

    public async Task<bool> EraseAsync(string memberId) => await db.ExecuteAsync("DELETE FROM members WHERE id = $1", memberId) > 0;

    // --- IUserStore
    public async Task<IdentityResult> CreateAsync(Member user, CancellationToken cancellationToken)
    {
        try
        {
            await db.ExecuteAsync("INSERT INTO members (id, normalized_email, normalized_display_name, roles, doc) VALUES ($1, $2, $3, $4, $5)",
                user.Id, user.NormalizedEmail, user.NormalizedDisplayName, RoleColumn(user), Doc(user));
            return IdentityResult.Success;
        }
        catch (Exception e) when (IsUniqueViolation(e))
        {
            return Duplicate(e, user);
        }
    }

    public async Task<IdentityResult> UpdateAsync(Member user, CancellationToken cancellationToken)
    {
        try
        {
            user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            var updated = await db.ExecuteAsync(
                "UPDATE members SET normalized_email = $2, normalized_display_name = $3, roles = $4, doc = $5 WHERE id = $1",
                user.Id, user.NormalizedEmail, user.NormalizedDisplayName, RoleColumn(user), Doc(user));
            return updated > 0 ? IdentityResult.Success
                : IdentityResult.Failed(new IdentityError { Code = "NotFound", Description = "The account no longer exists." });
        }
        catch (Exception e) when (IsUniqueViolation(e))
        {
            return Duplicate(e, user);
        }
    }

    public async Task<IdentityResult> DeleteAsync(Member user, CancellationToken cancellationToken)
    {
        await EraseAsync(user.Id);
        return IdentityResult.Success;
    }

    public Task<Member?> FindByIdAsync(string userId, CancellationToken cancellationToken) => GetAsync(userId);

    public Task<Member?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        db.FindAsync<Member>("SELECT doc FROM members WHERE normalized_display_name = $1", normalizedUserName);

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
        db.FindAsync<Member>("SELECT doc FROM members WHERE normalized_email = $1 AND normalized_email <> ''", normalizedEmail);

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

    public async Task<IList<Member>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken) =>
        await db.ListAsync<Member>("SELECT doc FROM members WHERE roles @> ARRAY[$1] ORDER BY normalized_display_name", Roles.Canonical(roleName).ToLowerInvariant());

    public void Dispose() { }

    private static IdentityResult Duplicate(Exception e, Member user) => IdentityResult.Failed(
        e is Npgsql.PostgresException { ConstraintName: "members_email" }
            ? new IdentityErrorDescriber().DuplicateEmail(user.Email)
            : new IdentityErrorDescriber().DuplicateUserName(user.DisplayName));

    /// <summary>Roles are matched ignoring case, so the indexed column holds them lower-cased.</summary>
    private static string[] RoleColumn(Member member) => member.Roles.Select(r => r.ToLowerInvariant()).Distinct().ToArray();

}
