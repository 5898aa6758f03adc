using ForumServer.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace ForumServer.Accounts;

/// <summary>The signed-in member of this request, loaded once.</summary>
public sealed class CurrentMember(IHttpContextAccessor http, UserManager<Member> users, TimeProvider time)
{
    private Member? _member;
    private bool _loaded;

    public async Task<Member?> GetAsync()
    {
        if (_loaded) return _member;
        _loaded = true;
        var principal = http.HttpContext?.User;
        if (principal?.Identity?.IsAuthenticated == true) _member = await users.GetUserAsync(principal);
        return _member;
    }

    public async Task<Actor?> GetActorAsync() => await GetAsync() is { } m ? Actor.From(m, time.GetUtcNow()) : null;
}
