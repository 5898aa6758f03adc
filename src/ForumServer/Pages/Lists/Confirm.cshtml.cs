using ForumServer.Core.Common;
using ForumServer.Core.Lists;
using ForumServer.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Lists;

/// <summary>The link shows a button; only the POST confirms, since mail scanners follow links.</summary>
[RateLimitedPosts(RateLimitedPostsAttribute.Account)]
public sealed class ConfirmModel(SubscriptionService subscriptions) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public string? ListName { get; private set; }
    public string? Error { get; private set; }
    public bool Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync() => Show(await subscriptions.CheckConfirmationAsync(Token));

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await subscriptions.ConfirmAsync(Token);
        Confirmed = result.Succeeded;
        return Show(result);
    }

    private PageResult Show(OperationResult<MailingList> result)
    {
        if (result.Succeeded) ListName = result.Value!.Name;
        else
        {
            Error = result.Errors[0].Text;
            Response.StatusCode = Error == SubscriptionService.ExpiredMessage ? StatusCodes.Status410Gone : StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
