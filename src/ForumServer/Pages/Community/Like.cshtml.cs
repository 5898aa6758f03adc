using ForumServer.Accounts;
using ForumServer.Community;
using ForumServer.Core.Forum;
using ForumServer.Core.Localization;
using ForumServer.Core.Reactions;
using ForumServer.Http;
using ForumServer.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Community;

/// <summary>
/// <c>/p/{id}/like</c>: GET lists who liked the post (display names only); POST likes or unlikes it. A form post
/// without JavaScript goes back to the post; <c>Accept: application/json</c> gets the new count instead.
/// </summary>
[RateLimitedPosts(RateLimitedPostsAttribute.Forum)]
public sealed class LikeModel(ReactionService reactions, IForumStore forum, CurrentMember current) : PageModel
{
    public Post Post { get; private set; } = null!;
    public Topic Topic { get; private set; } = null!;
    public IReadOnlyList<string> Names { get; private set; } = [];
    public int Total { get; private set; }
    public string PostUrl => ForumServer.Live.LiveMarkup.PostUrl(Topic, Post);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        (Names, Total) = await reactions.WhoAsync(id);
        if (WantsJson) return new JsonResult(new { count = Total, names = Names });
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, bool like = true)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        var result = await reactions.SetAsync(actor, id, like);
        if (result.NotFound) return NotFound();
        if (!await LoadAsync(id)) return NotFound();
        if (result.Forbidden || !result.Succeeded)
        {
            var message = result.Forbidden ? Texts.T("Confirm your email address before you post.") : Texts.T(result.Errors[0].Message);
            if (WantsJson) return ProblemAnswer.Of(message, result.Forbidden ? 403 : 400);
            ModelState.AddModelError("", message);
            (Names, Total) = await reactions.WhoAsync(id);
            return this.Refused(result.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
        }
        if (WantsJson) return new JsonResult(new { count = result.Value, liked = like });
        return Redirect(PostUrl);
    }

    private bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    private async Task<bool> LoadAsync(int id)
    {
        if (await forum.GetPostAsync(id) is not { IsRemoved: false } post) return false;
        if (await forum.GetTopicAsync(post.TopicId) is not { IsRemoved: false } topic) return false;
        Post = post;
        Topic = topic;
        return true;
    }
}
