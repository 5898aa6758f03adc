using System.Security.Claims;
using ForumServer.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ForumServer.Accounts;

public static class AccountsSetup
{
    public const string ModeratorPolicy = "Moderator";
    public const string AdministratorPolicy = "Administrator";

    /// <summary>ASP.NET Core Identity over the LiteDB member store, with cookie sign-in and role policies.</summary>
    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.AddSingleton<RoleGrants>();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            RoleGrants.Attach(o);
            o.Cookie.Name = ForumServer.Forum.ForumPageCache.AuthCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            // A signed-in member without the right role gets a 403 page, not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // Suspensions and password changes end other sessions within this interval.
        // The validator is given the app's clock explicitly: AddIdentityCore does not wire one up.
        builder.Services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, time) =>
        {
            o.ValidationInterval = TimeSpan.FromSeconds(30);
            o.TimeProvider = time;
        });

        builder.Services.AddIdentityCore<Member>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = ""; // display names: any characters, checked by DisplayNameRules
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedEmail = false; // members may sign in before confirming, but not post
            })
            .AddSignInManager<ForumSignInManager>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<MemberClaimsFactory>();
        builder.Services.AddScoped<ILookupNormalizer, ConfusableNameNormalizer>(); // look-alike display names count as taken

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ModeratorPolicy, p => p.RequireRole(Roles.Moderator, Roles.Administrator).AddRequirements(new NotSuspendedRequirement()))
            .AddPolicy(AdministratorPolicy, p => p.RequireRole(Roles.Administrator).AddRequirements(new NotSuspendedRequirement()));
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, NotSuspendedHandler>();

        builder.Services.AddSingleton<AccountMailer>();
        builder.Services.AddScoped<AccountActions>();
        builder.Services.AddScoped<CurrentMember>();
        builder.Services.AddSingleton<SetupTokens>();
        builder.Services.AddSingleton<StaffDirectory>();
        builder.Services.AddSingleton<LastAccessRecorder>();
    }
}

/// <summary>Adds the member's roles to the sign-in cookie so role policies need no lookup.</summary>
public sealed class MemberClaimsFactory(UserManager<Member> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Member>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Member user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var role in user.Roles)
            identity.AddClaim(new Claim(identity.RoleClaimType, role));
        return identity;
    }
}
