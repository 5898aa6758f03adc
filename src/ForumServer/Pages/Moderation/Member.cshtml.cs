using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;
using ForumServer.Core.Moderation;
using ForumServer.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Moderation;

[Authorize(Policy = AccountsSetup.ModeratorPolicy)]
public sealed class ModerateMemberModel(
    IMemberStore members, IForumStore forum, ModerationService moderation, AccountEraser eraser, CurrentMember current, TimeProvider time) : PageModel
{
    public Member Target { get; private set; } = null!;
    public int PostCount { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public string? Days { get; set; }

    /// <summary>Longer than any suspension the service accepts, short enough that TimeSpan.FromDays cannot overflow.</summary>
    private const int MaxSuspensionDays = 100_000;

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSuspendAsync(string id, string? days, string? reason)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        TimeSpan? duration = null;
        if (!string.IsNullOrWhiteSpace(days))
        {
            if (!int.TryParse(days, out var n)) return await ShowAsync(id, this.Refusal(
                OperationResult<Member>.Invalid(new FieldError("Days", "Days must be a whole number, or empty to suspend indefinitely.")), Page)!);
            // Clamped so TimeSpan cannot overflow; the service still refuses anything outside its range with a message.
            duration = TimeSpan.FromDays(Math.Clamp(n, 0, MaxSuspensionDays));
        }
        var result = await moderation.SuspendAsync(actor, id, duration, reason);
        return await ShowAsync(id, this.Refusal(result, Page) ?? RedirectToPage());
    }

    public async Task<IActionResult> OnPostUnsuspendAsync(string id, string? reason)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        return await ShowAsync(id, this.Refusal(await moderation.UnsuspendAsync(actor, id, reason), Page) ?? RedirectToPage());
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id, AccountRemovalMode mode, string? reason)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        if (!Enum.IsDefined(mode)) return BadRequest();
        var result = await eraser.RemoveAsync(actor, id, mode, reason);
        return await ShowAsync(id, this.Refusal(result, Page) ?? Redirect("/moderation?removed=" + mode));
    }

    private async Task<IActionResult> ShowAsync(string id, IActionResult result) =>
        result is PageResult && !await LoadAsync(id) ? NotFound() : result;

    private async Task<bool> LoadAsync(string id)
    {
        if (await members.GetAsync(id) is not { } member) return false;
        Target = member;
        Now = time.GetUtcNow();
        PostCount = (await forum.ListPostsByAuthorAsync(id)).Count(p => !p.IsRemoved);
        return true;
    }
}
