using ForumServer.Accounts;
using ForumServer.Http;
using ForumServer.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Account;

/// <summary>The one-time page, reached from the link printed at first start, that creates the first administrator.</summary>
[RateLimitedPosts(RateLimitedPostsAttribute.Account)]
public sealed class SetupModel(SetupTokens tokens, AccountActions accounts) : PageModel
{
    [BindProperty]
    public RegisterModel.RegisterInput Input { get; set; } = new();

    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token) =>
        await tokens.IsValidAsync(token) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (!await tokens.IsValidAsync(token)) return NotFound();
        if (ModelState.IsValid)
        {
            var result = await accounts.CreateAdministratorAsync(Input.Email!, Input.DisplayName!, Input.Password!);
            if (result.Succeeded)
            {
                await tokens.ConsumeAsync();
                Done = true;
                return Page();
            }
            ModelState.AddFieldErrors(result.Errors);
        }
        return this.Refused();
    }
}
