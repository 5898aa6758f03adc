using ForumServer.Accounts;
using ForumServer.Core.Lists;
using ForumServer.Http;
using ForumServer.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Lists.Manage;

/// <summary>Write or edit a draft issue, with a preview of how it will read.</summary>
[Authorize(Policy = ListsSetup.ListManagerPolicy)]
public sealed class ComposeModel(IListStore store, IssueService issues, CurrentMember current) : PageModel
{
    public sealed class InputModel
    {
        public string? Subject { get; set; }
        public string? Body { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public MailingList List { get; private set; } = new();
    public string? PreviewHtml { get; private set; }

    public async Task<IActionResult> OnGetAsync(string list, long? id)
    {
        if (await store.FindListAsync(list) is not { } found) return NotFound();
        List = found;
        if (id is { } issueId)
        {
            if (await store.FindIssueAsync(issueId) is not { } issue || issue.ListId != found.Id) return NotFound();
            Input = new InputModel { Subject = issue.Subject, Body = issue.BodyMarkdown };
        }
        return Page();
    }

    /// <summary>One form, two buttons: preview renders without saving; save stores the draft.</summary>
    public Task<IActionResult> OnPostAsync(string list, long? id, string? act) =>
        act == "preview" ? PreviewAsync(list) : SaveAsync(list, id);

    private async Task<IActionResult> PreviewAsync(string list)
    {
        if (await store.FindListAsync(list) is not { } found) return NotFound();
        List = found;
        PreviewHtml = issues.Preview(Input.Body ?? "");
        return Page();
    }

    private async Task<IActionResult> SaveAsync(string list, long? id)
    {
        var member = (await current.GetAsync())!;
        var result = await issues.SaveDraftAsync(id, list, Input.Subject, Input.Body, member.Id);
        if (result.NotFound) return NotFound();
        if (!result.Succeeded)
        {
            List = (await store.FindListAsync(list))!;
            ModelState.AddFieldErrors(result.Errors);
            return this.Refused();
        }
        return Redirect($"/lists/manage/issues/{result.Value!.Id}");
    }
}
