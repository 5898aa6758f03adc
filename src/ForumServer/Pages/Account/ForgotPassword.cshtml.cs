using System.ComponentModel.DataAnnotations;
using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using ForumServer.Http;
using ForumServer.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Account;

[RateLimitedPosts(RateLimitedPostsAttribute.Account)]
public sealed class ForgotPasswordModel(UserManager<Member> users, AccountMailer mailer, SiteOptions site) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return this.Refused();
        }
        var member = await users.FindByEmailAsync(Input.Email!);
        if (member is not null)
        {
            var token = await users.GeneratePasswordResetTokenAsync(member);
            await mailer.SendPasswordResetAsync(member.Email, member.DisplayName, AccountLinks.ResetPassword(site, member.Id, token), member.Language);
        }
        Sent = true; // the same answer whether or not the address is registered
        return Page();
    }

    public sealed class EmailInput
    {
        [Required(ErrorMessage = "Email is required."), EmailAddress(ErrorMessage = "Enter a valid email address.")]
        public string? Email { get; set; }
    }
}
