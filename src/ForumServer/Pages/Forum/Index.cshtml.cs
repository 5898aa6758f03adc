using ForumServer.Forum;
using Microsoft.AspNetCore.OutputCaching;
using ForumServer.Core.Forum;
using ForumServer.Core.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Forum;

[OutputCache(PolicyName = ForumPageCache.PolicyName)]
public sealed class IndexModel(IForumStore store, ForumServer.Core.Curation.CurationService curation) : PageModel
{
    public IReadOnlyList<Category> Categories { get; private set; } = [];
    public TopicListView RecentTopics { get; private set; } = new([], new Dictionary<int, Category>());
    public Pager Pager { get; private set; } = Pager.Single;

    public async Task<IActionResult> OnGetAsync([FromQuery] int page = 1)
    {
        if (page < 1) return NotFound();
        Categories = await store.ListCategoriesAsync();
        var topics = await store.ListRecentTopicsAsync((page - 1) * ForumService.TopicsPerPage, ForumService.TopicsPerPage + 1);
        if (page > 1 && topics.Count == 0) return NotFound();
        RecentTopics = new TopicListView(topics.Take(ForumService.TopicsPerPage).ToList(), Categories.ToDictionary(c => c.Id),
            page == 1 ? await curation.PinnedAsync(null) : null);
        Pager = new Pager("/", page, topics.Count > ForumService.TopicsPerPage ? page + 1 : page);
        return Page();
    }
}
