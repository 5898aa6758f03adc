using ForumServer.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using static ForumServer.Storage.PostgreSql.PgDatabase;

namespace ForumServer.Storage.PostgreSql;

/// <summary>
/// Members in PostgreSQL: the feature's own verbs and the part of Identity's user store that reaches the database
/// (<see cref="MemberUserStore"/> reads and writes the member document for the rest).
/// </summary>
public sealed class PgMemberStore(PgDatabase db) : MemberUserStore, IMemberStore
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
    public override async Task<IdentityResult> CreateAsync(Member user, CancellationToken cancellationToken)
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

    public override async Task<IdentityResult> UpdateAsync(Member user, CancellationToken cancellationToken)
    {
        try
        {
            user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            var updated = await db.ExecuteAsync(
                "UPDATE members SET normalized_email = $2, normalized_display_name = $3, roles = $4, doc = $5 WHERE id = $1",
                user.Id, user.NormalizedEmail, user.NormalizedDisplayName, RoleColumn(user), Doc(user));
            return updated > 0 ? IdentityResult.Success
                : AccountGone;
        }
        catch (Exception e) when (IsUniqueViolation(e))
        {
            return Duplicate(e, user);
        }
    }

    public override async Task<IdentityResult> DeleteAsync(Member user, CancellationToken cancellationToken)
    {
        await EraseAsync(user.Id);
        return IdentityResult.Success;
    }

    public override Task<Member?> FindByIdAsync(string userId, CancellationToken cancellationToken) => GetAsync(userId);

    public override Task<Member?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        db.FindAsync<Member>("SELECT doc FROM members WHERE normalized_display_name = $1", normalizedUserName);

    public override Task<Member?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.FindAsync<Member>("SELECT doc FROM members WHERE normalized_email = $1 AND normalized_email <> ''", normalizedEmail);

    // --- IUserRoleStore

    public override async Task<IList<Member>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken) =>
        await db.ListAsync<Member>("SELECT doc FROM members WHERE roles @> ARRAY[$1] ORDER BY normalized_display_name", Roles.Canonical(roleName).ToLowerInvariant());

    private static IdentityResult Duplicate(Exception e, Member user) => IdentityResult.Failed(
        e is Npgsql.PostgresException { ConstraintName: "members_email" }
            ? new IdentityErrorDescriber().DuplicateEmail(user.Email)
            : new IdentityErrorDescriber().DuplicateUserName(user.DisplayName));

    /// <summary>Roles are matched ignoring case, so the indexed column holds them lower-cased.</summary>
    private static string[] RoleColumn(Member member) => member.Roles.Select(r => r.ToLowerInvariant()).Distinct().ToArray();

}
