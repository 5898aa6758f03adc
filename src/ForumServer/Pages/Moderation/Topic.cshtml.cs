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
public sealed class ModerateTopicModel(IForumStore forum, ModerationService moderation, CurrentMember current) : PageModel
{
    public Topic Topic { get; private set; } = null!;
    public IReadOnlyList<Category> Categories { get; private set; } = [];
    public int CategoryId { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostLockAsync(int id, string? reason) =>
        ActAsync(id, actor => moderation.SetLockedAsync(actor, id, true, reason));

    public Task<IActionResult> OnPostUnlockAsync(int id, string? reason) =>
        ActAsync(id, actor => moderation.SetLockedAsync(actor, id, false, reason));

    public Task<IActionResult> OnPostMoveAsync(int id, int categoryId, string? reason) =>
        ActAsync(id, actor => moderation.MoveTopicAsync(actor, id, categoryId, reason));

    public async Task<IActionResult> OnPostRemoveAsync(int id, string? reason)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        var result = await moderation.RemoveTopicAsync(actor, id, reason);
        if (this.Refusal(result, Page) is { } refusal) return await ShowAsync(id, refusal);
        return Redirect($"/c/{result.Value!.CategoryId}");
    }

    private async Task<IActionResult> ActAsync(int id, Func<Actor, Task<OperationResult<Topic>>> action)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        var result = await action(actor);
        if (this.Refusal(result, Page) is { } refusal) return await ShowAsync(id, refusal);
        return Redirect(ForumLinks.Topic(result.Value!));
    }

    private async Task<IActionResult> ShowAsync(int id, IActionResult refusal) =>
        refusal is PageResult && !await LoadAsync(id) ? NotFound() : refusal;

    private async Task<bool> LoadAsync(int id)
    {
        if (await forum.GetTopicAsync(id) is not { IsRemoved: false } topic) return false;
        Topic = topic;
        Categories = await forum.ListCategoriesAsync();
        return true;
    }
}
