using ForumServer.Accounts;
using ForumServer.Core.Lists;
using ForumServer.Core.Localization;
using ForumServer.Forum;
using ForumServer.Http;
using ForumServer.Lists;
using ForumServer.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Lists;

/// <summary>Both lists with a subscribe form; the answer never reveals whether an address was already on a list.</summary>
[RateLimitedPosts(RateLimitedPostsAttribute.Account)]
public sealed class IndexModel(IListStore store, SubscriptionService subscriptions, MemberLists memberLists, CurrentMember current) : PageModel
{
    public const string CheckInbox = "Thank you. If the address is not on the list yet, a message is on its way: open the link in it to confirm.";

    public IReadOnlyList<MailingList> Lists { get; private set; } = [];
    public bool MemberAddressConfirmed { get; private set; }

    /// <summary>The lists the signed-in member receives at their account address: these offer Unsubscribe.</summary>
    public IReadOnlySet<string> Subscribed { get; private set; } = new HashSet<string>();
    public string? Done { get; private set; }
    public string? List { get; private set; }
    public string? Email { get; private set; }
    public string? EmailError { get; private set; }

    public async Task OnGetAsync(string? left)
    {
        await LoadAsync();
        if (left is not null && Lists.FirstOrDefault(l => l.Id == left) is { } list)
            Done = Texts.T("You left {0}. No more issues of it come to your account address.", list.Name);
    }

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
        Done = Texts.T(CheckInbox);
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

    /// <summary>Leaving a list from the site (the signed-in member's own address); back to this page or the settings.</summary>
    public async Task<IActionResult> OnPostUnsubscribeAsync(string? list, string? back)
    {
        var member = await current.GetAsync();
        if (member is null) return Challenge();
        if (await store.FindListAsync(list ?? "") is not { } found) return NotFound();
        await memberLists.UnsubscribeAsync(member, found.Id); // leaving a list one is not on is done already
        return Redirect(back == "settings" ? $"/account/settings?left={found.Id}#lists" : $"/lists?left={found.Id}#list-{found.Id}");
    }

    private async Task LoadAsync()
    {
        Lists = await store.ListListsAsync();
        var member = await current.GetAsync();
        MemberAddressConfirmed = member?.EmailConfirmed == true;
        Subscribed = await memberLists.SubscribedListIdsAsync(member);
    }
}
