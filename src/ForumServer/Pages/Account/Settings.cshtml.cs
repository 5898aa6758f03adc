using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Forum;
using ForumServer.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Account;

[Authorize, RateLimitedPosts(RateLimitedPostsAttribute.Account)]
public sealed class SettingsModel(CurrentMember current, AccountActions accounts, SignInManager<Member> signIn) : PageModel
{
    public Member Member { get; private set; } = null!;
    public string? Message { get; private set; }

    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Challenge();
        Input.DisplayName = Member.DisplayName;
        return Page();
    }

    public async Task<IActionResult> OnPostDisplayNameAsync()
    {
        if (!await LoadAsync()) return Challenge();
        var result = await accounts.ChangeDisplayNameAsync(Member, Input.DisplayName ?? "");
        if (!result.Succeeded)
        {
            ModelState.AddFieldErrors(result.Errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await signIn.RefreshSignInAsync(Member);
        Message = "Your display name is saved.";
        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        if (!await LoadAsync()) return Challenge();
        if (!Member.EmailConfirmed) await accounts.SendConfirmationAsync(Member);
        Input.DisplayName = Member.DisplayName;
        Message = "We sent the confirmation link again.";
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var member = await current.GetAsync();
        if (member is null) return false;
        Member = member;
        return true;
    }

    public sealed class SettingsInput
    {
        public string? DisplayName { get; set; }
    }
}
