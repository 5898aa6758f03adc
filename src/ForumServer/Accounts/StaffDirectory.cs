using ForumServer.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace ForumServer.Accounts;

/// <summary>
/// Who is staff (administrators and moderators), for the badge beside their posts and on their profile. The few
/// staff ids are read at most every <see cref="MaxAge"/> (a page shows many posts and must not query per post);
/// a role change on this server is shown at once, one on another server within that time.
/// </summary>
public sealed class StaffDirectory(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private sealed record Snapshot(IReadOnlyDictionary<string, string> Roles, DateTimeOffset ReadAt);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private volatile Snapshot? _snapshot;

    /// <summary><see cref="Roles.Administrator"/>, <see cref="Roles.Moderator"/> or null for everyone else.</summary>
    public async Task<string?> StaffRoleOfAsync(string? memberId)
    {
        if (string.IsNullOrEmpty(memberId)) return null;
        return (await CurrentAsync()).Roles.GetValueOrDefault(memberId);
    }

    public void Invalidate() => _snapshot = null;

    private async Task<Snapshot> CurrentAsync()
    {
        if (_snapshot is { } fresh && time.GetUtcNow() - fresh.ReadAt < MaxAge) return fresh;
        await _reading.WaitAsync();
        try
        {
            if (_snapshot is { } other && time.GetUtcNow() - other.ReadAt < MaxAge) return other;
            using var scope = scopes.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            var roles = new Dictionary<string, string>();
            foreach (var moderator in await users.GetUsersInRoleAsync(Roles.Moderator)) roles[moderator.Id] = Roles.Moderator;
            foreach (var administrator in await users.GetUsersInRoleAsync(Roles.Administrator)) roles[administrator.Id] = Roles.Administrator;
            return _snapshot = new Snapshot(roles, time.GetUtcNow());
        }
        finally
        {
            _reading.Release();
        }
    }
}
