using ForumServer.Http;
using ForumServer.Accounts;
using ForumServer.Core.Lists;
using ForumServer.Core.Localization;
using ForumServer.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Lists;

/// <summary>Both lists with a subscribe form; the answer never reveals whether an address was already on a list.</summary>
[RateLimitedPosts(RateLimitedPostsAttribute.Account)]
public sealed class IndexModel(IListStore store, SubscriptionService subscriptions, CurrentMember current) : PageModel
{
    public const string CheckInbox = "Thank you. If the address is not on the list yet, a message is on its way: open the link in it to confirm.";

    public IReadOnlyList<MailingList> Lists { get; private set; } = [];
    public bool MemberAddressConfirmed { get; private set; }
    public string? Done { get; private set; }
    public string? List { get; private set; }
    public string? Email { get; private set; }
    public string? EmailError { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(string? list, string? email)
    {
        var result = await subscriptions.SubscribeAsync(list ?? "", email);
        if (result.NotFound) return NotFound();
        await LoadAsync();
        if (!result.Succeeded)
        {
            List = list;
            Email = email;
            EmailError = result.Errors[0].Text;
            return this.Refused();
        }
        Done = CheckInbox;
        return Page();
    }

    public async Task<IActionResult> OnPostMemberAsync(string? list)
    {
        var member = await current.GetAsync();
        if (member is null) return Challenge();
        if (!member.EmailConfirmed) return Forbid();
        var result = await subscriptions.SubscribeConfirmedAddressAsync(list ?? "", member.Email);
        if (result.NotFound) return NotFound();
        await LoadAsync();
        Done = Texts.T("You are subscribed. A welcome message with a link to leave is on its way.");
        return Page();
    }

    private async Task LoadAsync()
    {
        Lists = await store.ListListsAsync();
        MemberAddressConfirmed = (await current.GetAsync())?.EmailConfirmed == true;
    }
}
