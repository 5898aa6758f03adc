using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Core.Localization;
using ForumServer.Http;
using ForumServer.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Account;

[RateLimitedPosts(RateLimitedPostsAttribute.Account)]
public sealed class ConfirmEmailChangeModel(UserManager<Member> users, SignInManager<Member> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    public bool Done { get; private set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var member = UserId is null ? null : await users.FindByIdAsync(UserId);
        var token = AccountLinks.Decode(Code);
        if (member is null || token is null || string.IsNullOrEmpty(Email)) return Fail();
        var result = await users.ChangeEmailAsync(member, Email, token);
        if (!result.Succeeded) return Fail();
        if (signIn.IsSignedIn(User)) await signIn.RefreshSignInAsync(member);
        Done = true;
        return Page();
    }

    private PageResult Fail()
    {
        Error = Texts.T("This link is invalid, has expired, or the address is now in use. Ask for a new one from your settings.");
        return this.Refused();
    }
}
