using System.ComponentModel.DataAnnotations;
using ForumServer.Core.Accounts;
using ForumServer.Core.Localization;
using ForumServer.Http;
using ForumServer.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Account;

[RateLimitedPosts(RateLimitedPostsAttribute.Account)]
public sealed class LoginModel(SignInManager<Member> signIn, UserManager<Member> users) : PageModel
{
    /// <summary>One message for unknown address, wrong password and lockout, so the form reveals nothing.</summary>
    public const string Failed = "Sign-in failed: the email or password is wrong, or the account is temporarily locked after too many attempts.";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return this.Refused();
        }
        var member = await users.FindByEmailAsync(Input.Email!);
        var result = member is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(member, Input.Password!, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(ForumServer.Security.LocalUrl.OrElse(ReturnUrl));

        return this.Refused(Texts.T(Failed));
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Email is required.")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Password is required.")]
        public string? Password { get; set; }

        public bool RememberMe { get; set; }
    }
}
