using System.ComponentModel.DataAnnotations;
using ForumServer.Accounts;
using ForumServer.Http;
using ForumServer.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Account;

[RateLimitedPosts(RateLimitedPostsAttribute.Account)]
public sealed class RegisterModel(AccountActions accounts) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Invalid();
        var result = await accounts.RegisterAsync(Input.DisplayName!, Input.Email!, Input.Password!);
        if (!result.Succeeded)
        {
            ModelState.AddFieldErrors(result.Errors);
            return Invalid();
        }
        Done = true;
        return Page();
    }

    private PageResult Invalid()
    {
        return this.Refused();
    }

    public sealed class RegisterInput
    {
        [Required(ErrorMessage = "Display name is required.")]
        [Display(Name = "Display name")]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "Email is required."), EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(254)]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Password is required."), StringLength(200, MinimumLength = 10, ErrorMessage = "Password must be 10 to 200 characters long.")]
        public string? Password { get; set; }
    }
}
