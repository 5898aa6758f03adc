using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Core.Localization;
using ForumServer.Core.Moderation;
using ForumServer.Http;
using ForumServer.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Account;

[Authorize, RateLimitedPosts(RateLimitedPostsAttribute.Account)]
public sealed class SettingsModel(
    CurrentMember current, AccountActions accounts, SignInManager<Member> signIn, UserManager<Member> users, AccountEraser eraser) : PageModel
{
    public Member Member { get; private set; } = null!;
    public string? Message { get; private set; }
    public string? RemoveError { get; private set; }

    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Challenge();
        Input.DisplayName = Member.DisplayName;
        Input.Language = Member.Language;
        return Page();
    }

    public async Task<IActionResult> OnPostLanguageAsync()
    {
        if (!await LoadAsync()) return Challenge();
        Input.DisplayName = Member.DisplayName;
        var language = Input.Language ?? "";
        if (!SupportedLanguages.Contains(language))
        {
            ModelState.AddModelError("Input.Language", Texts.T("Choose English, Italiano, Deutsch or your browser's language."));
            return this.Refused();
        }
        Member.Language = language;
        var result = await users.UpdateAsync(Member);
        if (!result.Succeeded) return StatusCode(StatusCodes.Status409Conflict);
        Message = Texts.T("Your language is saved.");
        return Page();
    }

    /// <summary>The member removes their own account at once, after giving the password again.</summary>
    public async Task<IActionResult> OnPostRemoveAsync()
    {
        if (!await LoadAsync()) return Challenge();
        Input.DisplayName = Member.DisplayName;
        Input.Language = Member.Language;
        if (!Enum.IsDefined(Input.RemovalMode))
            ModelState.AddModelError("Input.RemovalMode", Texts.T("Choose whether your posts stay anonymized or are deleted."));
        else if (string.IsNullOrEmpty(Input.Password) || !await users.CheckPasswordAsync(Member, Input.Password))
            ModelState.AddModelError("Input.Password", Texts.T("The password is wrong; your account stays as it is."));
        else if (Member.IsInRole(Roles.Administrator) && (await users.GetUsersInRoleAsync(Roles.Administrator)).Count <= 1)
        {
            RemoveError = Texts.T("You are the only administrator. Make someone else an administrator first, so the forum is not left without one.");
            return this.Refused(StatusCodes.Status409Conflict);
        }
        if (ModelState.ErrorCount > 0)
        {
            return this.Refused();
        }
        await eraser.RemoveOwnAsync(Member, Input.RemovalMode);
        await signIn.SignOutAsync();
        return Redirect("/?account=removed");
    }

    public async Task<IActionResult> OnPostDisplayNameAsync()
    {
        if (!await LoadAsync()) return Challenge();
        var result = await accounts.ChangeDisplayNameAsync(Member, Input.DisplayName ?? "");
        if (!result.Succeeded)
        {
            ModelState.AddFieldErrors(result.Errors);
            return this.Refused();
        }
        await signIn.RefreshSignInAsync(Member);
        Input.Language = Member.Language;
        Message = Texts.T("Your display name is saved.");
        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        if (!await LoadAsync()) return Challenge();
        if (!Member.EmailConfirmed) await accounts.SendConfirmationAsync(Member);
        Input.DisplayName = Member.DisplayName;
        Message = Texts.T("We sent the confirmation link again.");
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var member = await current.GetAsync();
        if (member is null) return false;
        Member = member;
        return true;
    }

    public static readonly IReadOnlyList<string> SupportedLanguages = ["", "en", "it", "de"];

    public sealed class SettingsInput
    {
        public string? DisplayName { get; set; }
        public string? Language { get; set; }
        public AccountRemovalMode RemovalMode { get; set; }
        public string? Password { get; set; }
    }
}
