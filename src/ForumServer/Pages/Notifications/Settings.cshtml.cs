using System.Security.Claims;
using ForumServer.Core.Notifications;
using ForumServer.Http;
using ForumServer.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Notifications;

/// <summary>Mail choices per kind of notification and watch levels of topics and categories (the forms on topic, category and account pages post here).</summary>
[Authorize, RateLimitedPosts(RateLimitedPostsAttribute.Forum)]
public sealed class SettingsModel(NotificationService notifications) : PageModel
{
    public string? Error { get; private set; }

    public IActionResult OnGet() => Page();

    /// <summary>Form fields <c>mail.Reply=Hourly</c> and so on; unknown kinds or values are refused whole.</summary>
    public async Task<IActionResult> OnPostMailAsync()
    {
        var choices = new Dictionary<NotificationKind, MailFrequency>();
        foreach (var (key, value) in Request.Form)
        {
            if (!key.StartsWith("mail.", StringComparison.Ordinal)) continue;
            if (!TryParse<NotificationKind>(key[5..], out var kind) || !TryParse<MailFrequency>(value.ToString(), out var frequency))
                return Invalid(Core.Localization.Texts.T("Choose one of the offered email settings."));
            choices[kind] = frequency;
        }
        await notifications.SaveMailAsync(MemberId, choices);
        return Redirect("/account/settings?saved=notifications#notifications");
    }

    public async Task<IActionResult> OnPostLevelAsync([FromForm] string? target, [FromForm] int id, [FromForm] string? level, [FromForm] string? returnUrl)
    {
        if (!TryParse<WatchTarget>(target, out var t) || !TryParse<WatchLevel>(level, out var l))
            return Invalid(Core.Localization.Texts.T("Choose one of the offered watch levels."));
        if (!await notifications.SetLevelAsync(MemberId, t, id, l)) return NotFound();
        return Redirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/account/settings#notifications");
    }

    private IActionResult Invalid(string message)
    {
        Error = message;
        return this.Refused();
    }

    private static bool TryParse<T>(string? text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: false, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    private string MemberId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
