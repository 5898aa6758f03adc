using System.ComponentModel.DataAnnotations;
using ForumServer.Accounts;
using ForumServer.Http;
using ForumServer.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Account;

[Authorize, RateLimitedPosts(RateLimitedPostsAttribute.Account)]
public sealed class ChangeEmailModel(CurrentMember current, AccountActions accounts) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var member = await current.GetAsync();
        if (member is null) return Challenge();
        if (ModelState.IsValid)
        {
            var result = await accounts.RequestEmailChangeAsync(member, Input.NewEmail!);
            if (result.Succeeded)
            {
                Sent = true;
                return Page();
            }
            ModelState.AddFieldErrors(result.Errors);
        }
        return this.Refused();
    }

    public sealed class EmailInput
    {
        [Required(ErrorMessage = "Email is required."), EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(254)]
        public string? NewEmail { get; set; }
    }
}
