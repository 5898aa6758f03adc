using System.Collections.Concurrent;
using ForumServer.Core.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace ForumServer.Accounts;

/// <summary>
/// Makes a role grant reach the member's open sessions on their next request instead of after the security-stamp
/// interval, without signing them out: a session issued before the grant gets its principal rebuilt from the store
/// (the stamp is still checked) and its cookie re-issued. Kept per server; other servers follow within the interval.
/// </summary>
public sealed class RoleGrants(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _grantedAt = new();

    public void Granted(string memberId) => _grantedAt[memberId] = time.GetUtcNow();

    /// <summary>Wraps the cookie's principal validation (Identity's security-stamp check) with the refresh after a grant.</summary>
    public static void Attach(CookieAuthenticationOptions options)
    {
        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            var grants = context.HttpContext.RequestServices.GetRequiredService<RoleGrants>();
            var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<Member>>();
            var id = signIn.UserManager.GetUserId(context.Principal!);
            if (id is null || !grants._grantedAt.TryGetValue(id, out var at) || context.Properties.IssuedUtc > at)
            {
                await validate(context);
                return;
            }
            if (await signIn.ValidateSecurityStampAsync(context.Principal) is not { } member)
            {
                context.RejectPrincipal();
                await signIn.SignOutAsync();
                return;
            }
            context.ReplacePrincipal(await signIn.CreateUserPrincipalAsync(member));
            context.ShouldRenew = true;
        };
    }
}
