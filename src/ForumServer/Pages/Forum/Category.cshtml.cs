using ForumServer.Core.Forum;
using ForumServer.Forum;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ForumServer.Pages.Forum;

[OutputCache(PolicyName = ForumPageCache.PolicyName)]
public sealed class CategoryModel(IForumStore store, ForumServer.Core.Curation.CurationService curation) : PageModel
{
    public Category Category { get; private set; } = null!;
    public TopicListView Topics { get; private set; } = null!;
    public Pager Pager { get; private set; } = Pager.Single;

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery] string? page)
    {
        var category = await store.GetCategoryAsync(id);
        if (category is null) return NotFound();
        var count = await store.CountTopicsAsync(id);
        var basePath = $"/c/{id}/{category.Slug}";
        if (this.ChoosePage(page, count, ForumService.TopicsPerPage, basePath, out var slice) is { } answer) return answer;

        Category = category;
        var topics = await store.ListTopicsAsync(id, slice.Skip, ForumService.TopicsPerPage);
        Topics = new TopicListView(topics, new Dictionary<int, Category> { [id] = category }, slice.Page == 1 ? await curation.PinnedAsync(id) : null);
        Pager = new Pager(basePath, slice.Page, slice.Last);
        return Page();
    }
}
