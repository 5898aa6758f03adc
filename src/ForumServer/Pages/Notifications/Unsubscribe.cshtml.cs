using ForumServer.Core.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Notifications;

/// <summary>
/// RFC 8058 one-click: mail clients POST with no cookie, login or antiforgery token and expect a 200, so the
/// unguessable token in the link is the authority. The GET only shows a button (link scanners fetch URLs).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(NotificationService notifications) : PageModel
{
    private const int MaxKindsLength = 200;

    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Kinds { get; set; } = "";
    public IReadOnlyList<NotificationKind> KindList { get; private set; } = [];
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!Parse() || await notifications.FindPreferencesByTokenAsync(Token) is null) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Parse() || !await notifications.TurnOffMailAsync(Token, KindList)) return NotFound();
        Done = true;
        return Page();
    }

    private bool Parse()
    {
        if (Kinds.Length is 0 or > MaxKindsLength) return false;
        var list = new List<NotificationKind>();
        foreach (var part in Kinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<NotificationKind>(part, ignoreCase: false, out var kind) || !Enum.IsDefined(kind) || int.TryParse(part, out _)) return false;
            if (!list.Contains(kind)) list.Add(kind);
        }
        KindList = list;
        return list.Count > 0;
    }
}
