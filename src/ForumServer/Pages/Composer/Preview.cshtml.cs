using System.Text;
using ForumServer.Accounts;
using ForumServer.Community;
using ForumServer.Core.Forum;
using ForumServer.Core.Localization;
using ForumServer.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Composer;

/// <summary>
/// <c>POST /composer/preview</c>: the sanitized HTML the post would be stored with, from the same renderer. Rate
/// limited on its own budget; the body is bounded like a post.
/// </summary>
[Authorize, RateLimitedPosts(Policy)]
[RequestSizeLimit(Post.MaxMarkdownBytes * 4 + 16 * 1024)]
[RequestFormLimits(ValueLengthLimit = Post.MaxMarkdownBytes * 4)]
public sealed class PreviewModel(PostRenderer renderer, CurrentMember current) : PageModel
{
    public const string Policy = "preview";

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(string? body)
    {
        if (await current.GetActorAsync() is not { CanPost: true })
            return ProblemAnswer.Of(Texts.T("Confirm your email address before you post."), StatusCodes.Status403Forbidden);
        var markdown = body ?? "";
        if (Encoding.UTF8.GetByteCount(markdown) > Post.MaxMarkdownBytes)
            return ProblemAnswer.Of(Texts.T("Post text must be at most 64 KiB."), StatusCodes.Status400BadRequest);
        return new JsonResult(new { html = renderer.Render(markdown) });
    }
}
