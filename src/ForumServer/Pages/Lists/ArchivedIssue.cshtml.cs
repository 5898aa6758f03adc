using ForumServer.Core.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Lists;

/// <summary>One sent issue; drafts and scheduled issues are not public.</summary>
public sealed class ArchivedIssueModel(IListStore store) : PageModel
{
    public MailingList List { get; private set; } = new();
    public ListIssue Issue { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string list, long id)
    {
        if (await store.FindListAsync(list) is not { } found) return NotFound();
        if (await store.FindIssueAsync(id) is not { IsPublished: true } issue || issue.ListId != found.Id) return NotFound();
        List = found;
        Issue = issue;
        return Page();
    }
}
