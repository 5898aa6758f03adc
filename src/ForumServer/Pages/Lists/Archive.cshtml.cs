using ForumServer.Core.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Lists;

/// <summary>The public archive of a list: sent issues, newest first.</summary>
public sealed class ArchiveModel(IListStore store) : PageModel
{
    public const int Shown = 200;

    public MailingList List { get; private set; } = new();
    public IReadOnlyList<ListIssue> Issues { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string list)
    {
        if (await store.FindListAsync(list) is not { } found) return NotFound();
        List = found;
        Issues = await store.ListIssuesAsync(found.Id, publishedOnly: true, Shown);
        return Page();
    }
}
