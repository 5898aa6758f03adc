using ForumServer.Core.Lists;
using ForumServer.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Lists.Manage;

[Authorize(Policy = ListsSetup.ListManagerPolicy)]
public sealed class IndexModel(IListStore store) : PageModel
{
    public sealed record Row(MailingList List, int Confirmed, int Pending, IReadOnlyList<ListIssue> Issues);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var rows = new List<Row>();
        foreach (var list in await store.ListListsAsync())
            rows.Add(new Row(list,
                await store.CountSubscribersAsync(list.Id, SubscriptionState.Confirmed),
                await store.CountSubscribersAsync(list.Id, SubscriptionState.Pending),
                await store.ListIssuesAsync(list.Id, publishedOnly: false, 50)));
        Rows = rows;
    }
}
