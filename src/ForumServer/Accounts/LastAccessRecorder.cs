using System.Collections.Concurrent;
using System.Security.Claims;
using ForumServer.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace ForumServer.Accounts;

/// <summary>
/// Keeps only the IP address and time of a member's last access, overwritten, and written at most every few
/// minutes per member so the read path stays cheap.
/// </summary>
public sealed class LastAccessRecorder(IMemberStore members, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastWritten = new();

    public async Task RecordAsync(ClaimsPrincipal user, string? ip)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return;
        var now = time.GetUtcNow();
        if (_lastWritten.TryGetValue(id, out var last) && now - last < Interval) return;
        _lastWritten[id] = now;
        await members.RecordAccessAsync(id, ip, now);
    }
}

public static class LastAccessMiddleware
{
    public static void UseLastAccessRecording(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
                await context.RequestServices.GetRequiredService<LastAccessRecorder>()
                    .RecordAsync(context.User, context.Connection.RemoteIpAddress?.ToString());
            await next();
        });
}
