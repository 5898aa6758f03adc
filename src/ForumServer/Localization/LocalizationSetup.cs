using System.Globalization;
using ForumServer.Accounts;
using ForumServer.Core.Localization;
using Microsoft.AspNetCore.Localization;

namespace ForumServer.Localization;

/// <summary>
/// English, Italian and German for pages and emails. The culture of a request comes from, in order: the language
/// cookie (a visitor's pick), the signed-in member's saved language, the browser's Accept-Language, English.
/// </summary>
public static class LocalizationSetup
{
    /// <summary>The one language cookie. Without "remember" it is a session cookie (no expiry), see <see cref="LanguageCookie"/>.</summary>
    public const string CookieName = ".forum.lang";

    public static void AddForumLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizerFactory, TextsLocalizerFactory>();
        builder.Services.AddRazorPages().AddDataAnnotationsLocalization(o =>
            o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Texts.Languages.Select(CultureInfo.GetCultureInfo).ToList();
            o.DefaultRequestCulture = new RequestCulture(Texts.DefaultLanguage);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.ApplyCurrentCultureToResponseHeaders = true;
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = CookieName },
                new MemberLanguageProvider(),
                new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 },
            ];
        });
    }

    /// <summary>After authentication (the member's language) and before the output cache (which varies by culture).</summary>
    public static void UseForumLocalization(this WebApplication app) => app.UseRequestLocalization();

    /// <summary>The saved language of the signed-in member, when they chose one.</summary>
    private sealed class MemberLanguageProvider : RequestCultureProvider
    {
        public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            if (httpContext.User.Identity?.IsAuthenticated != true) return null;
            var member = await httpContext.RequestServices.GetRequiredService<CurrentMember>().GetAsync();
            return Texts.Supported(member?.Language) is { } language ? new ProviderCultureResult(language) : null;
        }
    }
}

/// <summary>Writes the language cookie for a visitor's pick.</summary>
public static class LanguageCookie
{
    public static readonly TimeSpan RememberFor = TimeSpan.FromDays(365);

    /// <summary>
    /// Remembered: a persistent cookie for a year. Not remembered: the same cookie without an expiry, which the
    /// browser drops when it closes, so the pick lasts for the browser session only and nothing is stored on disk.
    /// </summary>
    public static void Write(HttpResponse response, string language, bool remember, DateTimeOffset now)
    {
        response.Cookies.Append(LocalizationSetup.CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions
            {
                Path = "/",
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = response.HttpContext.Request.IsHttps,
                IsEssential = true,
                Expires = remember ? now + RememberFor : null,
            });
    }
}
