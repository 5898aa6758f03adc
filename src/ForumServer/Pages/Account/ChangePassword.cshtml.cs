using System.ComponentModel.DataAnnotations;
using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Http;
using ForumServer.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Account;

[Authorize, RateLimitedPosts(RateLimitedPostsAttribute.Account)]
public sealed class ChangePasswordModel(CurrentMember current, UserManager<Member> users, SignInManager<Member> signIn) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var member = await current.GetAsync();
        if (member is null) return Challenge();
        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(member, Input.CurrentPassword!, Input.NewPassword!);
            if (result.Succeeded)
            {
                await signIn.RefreshSignInAsync(member);
                Done = true;
                return Page();
            }
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword",
                    e.Code == "PasswordMismatch" ? "The current password is wrong." : e.Description);
        }
        return this.Refused();
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Current password is required.")]
        public string? CurrentPassword { get; set; }

        [Required(ErrorMessage = "New password is required."), StringLength(200, MinimumLength = 10, ErrorMessage = "Password must be 10 to 200 characters long.")]
        public string? NewPassword { get; set; }
    }
}
