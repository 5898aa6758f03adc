using ForumServer.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;
using ForumServer.Core.Localization;
using ForumServer.Http;
using ForumServer.Media;
using ForumServer.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Forum;

[Authorize, RateLimitedPosts(RateLimitedPostsAttribute.Forum), AcceptsMediaUploads]
public sealed class NewTopicModel(IForumStore store, ForumService forum, CurrentMember current, PostMedia media) : PageModel
{
    public Category Category { get; private set; } = null!;
    public bool CanPost { get; private set; }

    [BindProperty]
    public TopicInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var category = await store.GetCategoryAsync(id);
        if (category is null) return NotFound();
        Category = category;
        CanPost = (await current.GetActorAsync())?.CanPost == true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        var result = await media.SaveWithFilesAsync(actor, Input.Body, Input.Files,
            markdown => forum.CreateTopicAsync(actor, id, Input.Title, markdown), HttpContext.RequestAborted);
        if (result.Succeeded) return Redirect(ForumLinks.Topic(result.Value!));
        if (result.NotFound) return NotFound();

        Category = (await store.GetCategoryAsync(id))!;
        CanPost = actor.CanPost;
        if (result.Forbidden) ModelState.AddModelError("", Texts.T("Confirm your email address before you post."));
        ModelState.AddFieldErrors(result.Errors);
        return this.Refused(result.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
    }

    public sealed class TopicInput
    {
        public string? Title { get; set; }
        public string? Body { get; set; }
        public List<IFormFile> Files { get; set; } = [];
    }
}
