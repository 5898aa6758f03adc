using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Core.Localization;
using ForumServer.Core.Profiles;
using ForumServer.Http;
using ForumServer.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Profiles;

/// <summary>The member's own profile settings: avatar upload or removal, and whether the activity list is public.</summary>
[Authorize, RateLimitedPosts(RateLimitedPostsAttribute.Forum)]
[RequestSizeLimit(ProfileService.MaxAvatarBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ProfileService.MaxAvatarBytes + 64 * 1024)]
public sealed class EditProfileModel(CurrentMember current, ProfileService profiles) : PageModel
{
    public Member Member { get; private set; } = null!;
    public MemberProfile Profile { get; private set; } = null!;
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Challenge();

    public async Task<IActionResult> OnPostAvatarAsync(IFormFile? avatar)
    {
        if (!await LoadAsync()) return Challenge();
        if (avatar is null || avatar.Length == 0)
            return Refuse(Texts.T("Choose an image file."));
        if (avatar.Length > ProfileService.MaxAvatarBytes)
            return Refuse(Texts.T("The image must be at most 5 MB."));
        using var buffer = new MemoryStream();
        await avatar.CopyToAsync(buffer, HttpContext.RequestAborted);
        var result = await profiles.SetAvatarAsync(Member, buffer.ToArray(), HttpContext.RequestAborted);
        if (!result.Succeeded) return Refuse(Texts.T(result.Errors[0].Message));
        Profile = result.Value!;
        Message = Texts.T("Your avatar is saved.");
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAvatarAsync()
    {
        if (!await LoadAsync()) return Challenge();
        var actor = (await current.GetActorAsync())!;
        var result = await profiles.RemoveAvatarAsync(actor, Member.Id);
        Profile = result.Value ?? Profile;
        Message = Texts.T("The avatar is removed.");
        return Page();
    }

    public async Task<IActionResult> OnPostActivityAsync(bool hideActivity)
    {
        if (!await LoadAsync()) return Challenge();
        await profiles.SetHideActivityAsync(Member, hideActivity);
        Profile = await profiles.GetAsync(Member.Id);
        Message = Texts.T("Your profile settings are saved.");
        return Page();
    }

    private IActionResult Refuse(string message)
    {
        ModelState.AddModelError("avatar", message);
        return this.Refused();
    }

    private async Task<bool> LoadAsync()
    {
        if (await current.GetAsync() is not { } member) return false;
        Member = member;
        Profile = await profiles.GetAsync(member.Id);
        return true;
    }
}
