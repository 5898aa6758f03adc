using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Http;
using ForumServer.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Account;

/// <summary>The link shows a button; only the POST confirms, since mail scanners follow links.</summary>
[RateLimitedPosts(RateLimitedPostsAttribute.Account)]
public sealed class ConfirmEmailModel(UserManager<Member> users, SignInManager<Member> signIn) : PageModel
{
    public const string BadLink = "This confirmation link is invalid or has expired. Sign in and ask for a new one from your settings.";

    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    public bool Confirmed { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
        if (string.IsNullOrEmpty(UserId) || AccountLinks.Decode(Code) is null) Fail();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var token = AccountLinks.Decode(Code);
        var member = UserId is null ? null : await users.FindByIdAsync(UserId);
        if (member is null || token is null) return Fail();
        if (!member.EmailConfirmed)
        {
            var result = await users.ConfirmEmailAsync(member, token);
            if (!result.Succeeded) return Fail();
            if (signIn.IsSignedIn(User)) await signIn.RefreshSignInAsync(member);
        }
        Confirmed = true;
        return Page();
    }

    private PageResult Fail()
    {
        Error = BadLink;
        return this.Refused();
    }
}
