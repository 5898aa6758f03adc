using ForumServer.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Moderation;
using ForumServer.Http;
using ForumServer.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Moderation;

/// <summary>A signed-in member reports a post to the moderators.</summary>
[Authorize, RateLimitedPosts(RateLimitedPostsAttribute.Forum)]
public sealed class FlagPostModel(IForumStore forum, ModerationService moderation, CurrentMember current) : PageModel
{
    public Post Post { get; private set; } = null!;
    public Topic Topic { get; private set; } = null!;
    public bool Filed { get; private set; }

    [BindProperty]
    public FlagInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        if (!await LoadAsync(id)) return NotFound();
        var result = await moderation.FlagPostAsync(actor, id, Input.Reason);
        if (this.Refusal(result, Page, "Input") is { } refusal) return refusal;
        Filed = true;
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await forum.GetPostAsync(id) is not { IsRemoved: false } post) return false;
        if (await forum.GetTopicAsync(post.TopicId) is not { IsRemoved: false } topic) return false;
        (Post, Topic) = (post, topic);
        return true;
    }

    public sealed class FlagInput
    {
        public string? Reason { get; set; }
    }
}
