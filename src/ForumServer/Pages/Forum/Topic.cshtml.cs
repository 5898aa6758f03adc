using ForumServer.Accounts;
using ForumServer.Community;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;
using ForumServer.Core.Localization;
using ForumServer.Forum;
using ForumServer.Http;
using ForumServer.Media;
using ForumServer.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ForumServer.Pages.Forum;

[RateLimitedPosts(RateLimitedPostsAttribute.Forum), AcceptsMediaUploads]
[OutputCache(PolicyName = ForumPageCache.PolicyName)]
public sealed class TopicModel(IForumStore store, ForumService forum, CurrentMember current, PostMedia media, CommunityViews community) : PageModel
{
    public Topic Topic { get; private set; } = null!;
    public Category Category { get; private set; } = null!;
    public IReadOnlyList<PostView> Posts { get; private set; } = [];
    public Pager Pager { get; private set; } = Pager.Single;
    public int KnownLastPostId { get; private set; }

    /// <summary>The topic's opening post, for the page description and structured data.</summary>
    public Post? FirstPost { get; private set; }
    public bool SignedIn { get; private set; }
    public bool CanPost { get; private set; }
    public bool IsModerator { get; private set; }

    [BindProperty]
    public ReplyInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, string? slug, [FromQuery] string? page)
    {
        var topic = await store.GetTopicAsync(id);
        if (topic is null || topic.IsRemoved) return NotFound();
        if (this.ChoosePage(page, topic.PostCount, ForumService.PostsPerPage, ForumLinks.Topic(topic), out var slice) is { } answer) return answer;
        if (!await LoadAsync(topic, slice.Page)) return NotFound();
        // An old or made-up slug leads to the one address of the topic (links keep working after a rename).
        if (slug is not null && slug != Topic.Slug) return RedirectPermanent(Pager.Link(slice.Page));
        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(int id)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        var result = await media.SaveWithFilesAsync(actor, Input.Body, Input.Files,
            markdown => forum.ReplyAsync(actor, id, markdown), HttpContext.RequestAborted);
        if (result.NotFound) return NotFound();
        if (result.Succeeded)
        {
            return Redirect(ForumLinks.Post((await store.GetTopicAsync(id))!, result.Value!));
        }

        if (result.Forbidden) ModelState.AddModelError("", Texts.T("Confirm your email address before you post."));
        ModelState.AddFieldErrors(result.Errors);
        var topic = await store.GetTopicAsync(id);
        await LoadAsync(id, ForumService.PageCount(topic?.PostCount ?? 1, ForumService.PostsPerPage));
        return this.Refused(result.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
    }

    private async Task<bool> LoadAsync(int id, int page) =>
        await store.GetTopicAsync(id) is { IsRemoved: false } topic && await LoadAsync(topic, page);

    private async Task<bool> LoadAsync(Topic topic, int page)
    {
        var id = topic.Id;
        var last = ForumService.PageCount(topic.PostCount, ForumService.PostsPerPage);
        if (page < 1 || page > last) return false;

        Topic = topic;
        Category = await store.GetCategoryAsync(topic.CategoryId) ?? new Category { Id = topic.CategoryId, Name = "?" };
        var actor = await current.GetActorAsync();
        SignedIn = actor is not null;
        CanPost = actor?.CanPost == true;
        IsModerator = actor?.IsModerator == true;
        var posts = await store.ListPostsAsync(id, (page - 1) * ForumService.PostsPerPage, ForumService.PostsPerPage);
        Posts = posts.Select(p => PostView.For(p, actor)).ToList();
        await community.PreloadPostsAsync(HttpContext, topic, Category, posts);
        // Live catch-up starts after the topic's newest post, so later pages' posts are not announced as new.
        KnownLastPostId = Math.Max(topic.LastPostId, posts.Count == 0 ? 0 : posts.Max(p => p.Id));
        Pager = new Pager(ForumLinks.Topic(topic), page, last);
        FirstPost = page == 1 ? posts.FirstOrDefault() : (await store.ListPostsAsync(id, 0, 1)).FirstOrDefault();
        return true;
    }

    public sealed class ReplyInput
    {
        public string? Body { get; set; }
        public List<IFormFile> Files { get; set; } = [];
    }
}
