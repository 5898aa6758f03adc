using ForumServer.Core.Forum;
using ForumServer.Forum;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ForumServer.Pages.Forum;

[OutputCache(PolicyName = ForumPageCache.PolicyName)]
public sealed class IndexModel(IForumStore store, ForumServer.Core.Curation.CurationService curation) : PageModel
{
    public IReadOnlyList<Category> Categories { get; private set; } = [];
    public TopicListView RecentTopics { get; private set; } = new([], new Dictionary<int, Category>());
    public Pager Pager { get; private set; } = Pager.Single;

    public async Task<IActionResult> OnGetAsync([FromQuery] string? page)
    {
        Categories = await store.ListCategoriesAsync();
        // Each category counts its live topics, so their sum is the number of topics the front page lists.
        var count = Categories.Sum(c => (long)c.TopicCount);
        if (this.ChoosePage(page, count, ForumService.TopicsPerPage, "/", out var slice) is { } answer) return answer;
        var topics = await store.ListRecentTopicsAsync(slice.Skip, ForumService.TopicsPerPage);
        RecentTopics = new TopicListView(topics, Categories.ToDictionary(c => c.Id),
            slice.Page == 1 ? await curation.PinnedAsync(null) : null);
        Pager = new Pager("/", slice.Page, slice.Last);
        return Page();
    }
}
