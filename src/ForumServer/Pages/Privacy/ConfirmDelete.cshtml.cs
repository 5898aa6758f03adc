using ForumServer.Core.Moderation;
using ForumServer.Http;
using ForumServer.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Privacy;

/// <summary>The link shows a button; only the POST confirms, since mail scanners follow links.</summary>
[RateLimitedPosts(RateLimitedPostsAttribute.Account)]
public sealed class ConfirmDeleteRequestModel(DeletionRequestService requests) : PageModel
{
    public const string BadLink = "This confirmation link is invalid. Copy the whole link from the email, or send the request again.";

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public DeletionRequest? Confirmed { get; private set; }

    /// <summary>An identical request from this address was open already: that one is shown, this one is not queued.</summary>
    public bool AlreadyOpen { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
        if (Id <= 0 || string.IsNullOrEmpty(Token)) Fail();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await requests.ConfirmAsync(Id, Token);
        if (!result.Succeeded) return Fail();
        (Confirmed, AlreadyOpen) = (result.Value!.Request, result.Value.AlreadyOpen);
        return Page();
    }

    private PageResult Fail()
    {
        Error = BadLink;
        return this.Refused();
    }
}
