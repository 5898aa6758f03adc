using ForumServer.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ForumServer.Accounts;

/// <summary>Identity's sign-in manager, refusing members a moderator has suspended.</summary>
public sealed class ForumSignInManager(
    UserManager<Member> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<Member> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<Member>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Member> confirmation,
    TimeProvider time)
    : SignInManager<Member>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(Member user) =>
        !user.IsSuspended(time.GetUtcNow()) && await base.CanSignInAsync(user);

    /// <summary>
    /// Ends the session. The external-login and two-factor cookies are cleared only when the browser sent them: the
    /// forum sets neither, and sign-out must not answer with expiring cookies that were never set.
    /// </summary>
    public override async Task SignOutAsync()
    {
        await Context.SignOutAsync(AuthenticationScheme);
        var cookies = Context.RequestServices.GetRequiredService<IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>();
        foreach (var scheme in new[] { IdentityConstants.ExternalScheme, IdentityConstants.TwoFactorUserIdScheme })
            if (cookies.Get(scheme).Cookie.Name is { } name && Context.Request.Cookies.ContainsKey(name))
                await Context.SignOutAsync(scheme);
    }
}
