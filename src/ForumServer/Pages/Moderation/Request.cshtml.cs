using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Moderation;
using ForumServer.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Moderation;

[Authorize(Policy = AccountsSetup.ModeratorPolicy)]
public sealed class DeletionRequestModel(
    IModerationStore store, IMemberStore members, DeletionRequestService requests, CurrentMember current, TimeProvider time) : PageModel
{
    public DeletionRequest Item { get; private set; } = null!;
    public string? MemberName { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public string? PostIds { get; set; }
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStartAsync(int id)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        return await ShowAsync(id, this.Refusal(await requests.StartAsync(actor, id), Page) ?? RedirectToPage());
    }

    public async Task<IActionResult> OnPostCompleteAsync(int id, AccountRemovalMode mode, string? postIds, string? note)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        var ids = new List<int>();
        foreach (var part in (postIds ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part.TrimStart('#'), out var postId) || postId <= 0)
                return await ShowAsync(id, this.Refusal(OperationResult<DeletionRequest>.Invalid(
                    FieldError.Of("PostIds", "'{0}' is not a post id; give numbers separated by commas.", part)), Page)!);
            ids.Add(postId);
        }
        var result = await requests.CompleteAsync(actor, id, mode, ids, note);
        return await ShowAsync(id, this.Refusal(result, Page) ?? RedirectToPage());
    }

    public async Task<IActionResult> OnPostRejectAsync(int id, string? reason)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        return await ShowAsync(id, this.Refusal(await requests.RejectAsync(actor, id, reason), Page) ?? RedirectToPage());
    }

    private async Task<IActionResult> ShowAsync(int id, IActionResult result) =>
        result is PageResult && !await LoadAsync(id) ? NotFound() : result;

    private async Task<bool> LoadAsync(int id)
    {
        // Unconfirmed requests are not in the queue: nobody has shown they own the address yet.
        if (await store.GetDeletionRequestAsync(id) is not { } request || request.State == DeletionRequestState.Received) return false;
        Item = request;
        Now = time.GetUtcNow();
        MemberName = request.MemberId is null ? null : (await members.GetAsync(request.MemberId))?.DisplayName;
        return true;
    }
}
