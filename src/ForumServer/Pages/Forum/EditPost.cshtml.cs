using ForumServer.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;
using ForumServer.Core.Media;
using ForumServer.Http;
using ForumServer.Media;
using ForumServer.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Forum;

[Authorize, RateLimitedPosts(RateLimitedPostsAttribute.Forum), AcceptsMediaUploads]
public sealed class EditPostModel(IForumStore store, ForumService forum, CurrentMember current, PostMedia media, IMediaItemStore mediaItems) : PageModel
{
    public Post Post { get; private set; } = null!;
    public Topic Topic { get; private set; } = null!;
    public Category? Category { get; private set; }
    public IReadOnlyList<MediaItem> Media { get; private set; } = [];

    /// <summary>The opening post's edit page also renames the topic.</summary>
    public bool EditsTitle => Post.Number == 1;

    /// <summary>Set on the delete confirmation step; true when deleting removes the whole topic.</summary>
    public bool? ConfirmingDelete { get; private set; }

    [BindProperty]
    public EditInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var actor = await current.GetActorAsync();
        if (!await LoadAsync(id)) return NotFound();
        if (actor is null || (Post.AuthorId != actor.Id && !actor.IsModerator)) return StatusCode(StatusCodes.Status403Forbidden);
        Input.Body = Post.Markdown;
        Input.Title = Topic.Title;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        var title = Input.Title ?? (Request.Form.ContainsKey("Input.Title") ? "" : null);
        var result = await media.SaveWithFilesAsync(actor, Input.Body, Input.Files,
            markdown => forum.EditPostAsync(actor, id, markdown, title), HttpContext.RequestAborted);
        if (result.NotFound) return NotFound();
        if (result.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        if (result.Succeeded) return await RedirectToPostAsync(result.Value!);

        await LoadAsync(id);
        ModelState.AddFieldErrors(result.Errors);
        return this.Refused();
    }

    /// <summary>The confirmation step before deleting (a link from the post leads here; the form below posts the delete).</summary>
    public async Task<IActionResult> OnGetDeleteAsync(int id)
    {
        var actor = await current.GetActorAsync();
        if (!await LoadAsync(id)) return NotFound();
        if (actor is null || Post.AuthorId != actor.Id) return StatusCode(StatusCodes.Status403Forbidden);
        ConfirmingDelete = await forum.RemovesTopicAsync(Post);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        var result = await forum.RemovePostAsync(actor, id);
        if (result.NotFound) return NotFound();
        if (result.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        var topic = (await store.GetTopicAsync(result.Value!.TopicId))!;
        if (topic.IsRemoved && await store.GetCategoryAsync(topic.CategoryId) is { } category)
            return Redirect($"/c/{category.Id}/{category.Slug}");
        return await RedirectToPostAsync(result.Value!);
    }

    private async Task<IActionResult> RedirectToPostAsync(Post post)
    {
        var topic = (await store.GetTopicAsync(post.TopicId))!;
        return Redirect(ForumLinks.Post(topic, post));
    }

    private async Task<bool> LoadAsync(int id)
    {
        var post = await store.GetPostAsync(id);
        if (post is null || post.IsRemoved) return false;
        var topic = await store.GetTopicAsync(post.TopicId);
        if (topic is null || topic.IsRemoved) return false;
        (Post, Topic) = (post, topic);
        Category = await store.GetCategoryAsync(topic.CategoryId);
        Media = await mediaItems.ListOfPostAsync(post.Id);
        return true;
    }

    public sealed class EditInput
    {
        public string? Title { get; set; }
        public string? Body { get; set; }
        public List<IFormFile> Files { get; set; } = [];
    }
}
