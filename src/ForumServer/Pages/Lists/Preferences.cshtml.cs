using ForumServer.Core.Lists;
using ForumServer.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Lists;

/// <summary>Reached from the unsubscribe token in every list message: switch lists or leave them all.</summary>
[RateLimitedPosts(RateLimitedPostsAttribute.Account)]
public sealed class PreferencesModel(SubscriptionService subscriptions) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    public IReadOnlyList<(MailingList List, bool Subscribed)> Lists { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string[]? lists)
    {
        var result = await subscriptions.SetPreferencesAsync(Token, lists ?? []);
        if (result.NotFound) return NotFound();
        Saved = true;
        await LoadAsync();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var result = await subscriptions.PreferencesAsync(Token);
        if (!result.Succeeded) return false;
        Lists = result.Value!;
        return true;
    }
}
