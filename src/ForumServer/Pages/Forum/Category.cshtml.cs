using ForumServer.Forum;
using Microsoft.AspNetCore.OutputCaching;
using ForumServer.Core.Forum;
using ForumServer.Core.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Forum;

[OutputCache(PolicyName = ForumPageCache.PolicyName)]
public sealed class CategoryModel(IForumStore store, ForumServer.Core.Curation.CurationService curation) : PageModel
{
    public Category Category { get; private set; } = null!;
    public TopicListView Topics { get; private set; } = null!;
    public Pager Pager { get; private set; } = Pager.Single;

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery] int page = 1)
    {
        var category = await store.GetCategoryAsync(id);
        if (category is null) return NotFound();
        var count = await store.CountTopicsAsync(id);
        var last = ForumService.PageCount(count, ForumService.TopicsPerPage);
        if (page < 1 || page > last) return NotFound();

        Category = category;
        var topics = await store.ListTopicsAsync(id, (page - 1) * ForumService.TopicsPerPage, ForumService.TopicsPerPage);
        Topics = new TopicListView(topics, new Dictionary<int, Category> { [id] = category }, page == 1 ? await curation.PinnedAsync(id) : null);
        Pager = new Pager($"/c/{id}/{category.Slug}", page, last);
        return Page();
    }
}
