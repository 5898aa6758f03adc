using ForumServer.Accounts;
using ForumServer.Community;
using ForumServer.Core.Drafts;
using ForumServer.Core.Forum;
using ForumServer.Core.Localization;
using ForumServer.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Composer;

/// <summary>
/// <c>/composer/draft?key=t12</c>: GET returns the member's draft for that place as JSON (204 when none); POST
/// stores it (an empty text deletes it). Only the member themself ever reads their drafts.
/// </summary>
[Authorize, RateLimitedPosts(Policy)]
[RequestSizeLimit(Post.MaxMarkdownBytes * 4 + 16 * 1024)]
[RequestFormLimits(ValueLengthLimit = Post.MaxMarkdownBytes * 4)]
public sealed class DraftModel(DraftService drafts, CurrentMember current) : PageModel
{
    public const string Policy = "draft";

    public async Task<IActionResult> OnGetAsync(string? key)
    {
        if (await current.GetAsync() is not { } member) return Challenge();
        if (!Draft.IsValidKey(key)) return ProblemAnswer.Of(Texts.T("Unknown draft place."), StatusCodes.Status400BadRequest);
        var draft = await drafts.GetAsync(member.Id, key!);
        return draft is null ? new NoContentResult() : new JsonResult(new { key = draft.Key, title = draft.Title, body = draft.Body, updatedAt = draft.UpdatedAt });
    }

    public async Task<IActionResult> OnPostAsync(string? key, string? title, string? body)
    {
        if (await current.GetAsync() is not { } member) return Challenge();
        var result = await drafts.SaveAsync(member.Id, key, title, body);
        if (!result.Succeeded) return ProblemAnswer.Of(Texts.T(result.Errors[0].Message), StatusCodes.Status400BadRequest);
        return new JsonResult(new { saved = result.Value is not null });
    }
}
