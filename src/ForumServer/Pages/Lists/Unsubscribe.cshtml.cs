using ForumServer.Core.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Lists;

/// <summary>
/// RFC 8058 one-click unsubscribe. Mail providers POST here with no cookie, no login and no antiforgery token and
/// expect a 200 (a redirect is forbidden), so the POST needs none of them; the unguessable token is the authority.
/// The GET only shows a button, since link scanners fetch URLs.
/// </summary>
[IgnoreAntiforgeryToken]
[ForumServer.Accounts.AllowWhileSuspended] // leaving a list is always allowed
public sealed class UnsubscribeModel(SubscriptionService subscriptions, IListStore store) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    public string ListName { get; private set; } = "";
    public bool Unsubscribed { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var subscription = await subscriptions.FindByTokenAsync(Token);
        if (subscription is null) return NotFound();
        ListName = (await store.FindListAsync(subscription.ListId))?.Name ?? subscription.ListId;
        Unsubscribed = subscription.State == SubscriptionState.Unsubscribed;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await subscriptions.UnsubscribeAsync(Token);
        if (!result.Succeeded) return NotFound();
        ListName = result.Value!.Name;
        Unsubscribed = true;
        return Page();
    }
}
