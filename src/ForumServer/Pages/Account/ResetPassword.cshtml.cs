using System.ComponentModel.DataAnnotations;
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
public sealed class ResetPasswordModel(UserManager<Member> users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    [BindProperty, Required(ErrorMessage = "Password is required."), StringLength(200, MinimumLength = 10, ErrorMessage = "Password must be 10 to 200 characters long.")]
    public string? Password { get; set; }

    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var member = UserId is null ? null : await users.FindByIdAsync(UserId);
            var token = AccountLinks.Decode(Code);
            if (member is null || token is null)
                ModelState.AddModelError("", Texts.T("This link is invalid or has expired. Ask for a new one."));
            else
            {
                var result = await users.ResetPasswordAsync(member, token, Password!);
                if (result.Succeeded)
                {
                    await users.ResetAccessFailedCountAsync(member);
                    Done = true;
                    return Page();
                }
                foreach (var e in result.Errors)
                    ModelState.AddModelError(e.Code.StartsWith("Password") ? nameof(Password) : "",
                        e.Code == "InvalidToken" ? "This link is invalid or has expired. Ask for a new one." : e.Description);
            }
        }
        return this.Refused();
    }
}
