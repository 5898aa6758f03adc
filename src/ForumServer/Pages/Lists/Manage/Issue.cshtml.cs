using System.Globalization;
using ForumServer.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Lists.Manage;

/// <summary>An issue: preview, test, schedule or send, then its progress while the outbox works through it.</summary>
[Authorize(Policy = ListsSetup.ListManagerPolicy)]
public sealed class IssueModel(IListStore store, IssueService issues, IssueDispatcher dispatcher, CurrentMember current) : PageModel
{
    public ListIssue Issue { get; private set; } = new();
    public MailingList List { get; private set; } = new();
    public BatchProgress Progress { get; private set; } = new(0, 0, 0);
    public int Confirmed { get; private set; }
    public bool Running => Issue.State == IssueState.Sending || (Issue.IsPublished && !Progress.Done);
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostTestAsync(long id)
    {
        var member = (await current.GetAsync())!;
        return await ShowAsync(id, await issues.SendTestAsync(id, member.Email), $"A test copy is on its way to your account address.");
    }

    public async Task<IActionResult> OnPostSendAsync(long id)
    {
        var result = await issues.ScheduleAsync(id, null);
        if (result.Succeeded) dispatcher.Wake();
        return await ShowAsync(id, result, "Sending has started.");
    }

    public async Task<IActionResult> OnPostScheduleAsync(long id, string? at)
    {
        if (!DateTime.TryParseExact(at, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
            return await ShowAsync(id, OperationResult<ListIssue>.Invalid(new FieldError("at", "Send at: enter a date and time like 2030-01-31T09:00.")), "");
        var moment = new DateTimeOffset(when, TimeSpan.Zero);
        var result = await issues.ScheduleAsync(id, moment);
        return await ShowAsync(id, result, $"Scheduled for {moment:yyyy-MM-dd HH:mm} UTC.");
    }

    public async Task<IActionResult> OnPostUnscheduleAsync(long id) =>
        await ShowAsync(id, await issues.UnscheduleAsync(id), "Back to draft.");

    private async Task<IActionResult> ShowAsync(long id, OperationResult<ListIssue> result, string done)
    {
        if (result.NotFound || !await LoadAsync(id)) return NotFound();
        if (result.Succeeded) Message = done;
        else
        {
            ModelState.AddFieldErrors(result.Errors, "");
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    private async Task<bool> LoadAsync(long id)
    {
        if (await store.FindIssueAsync(id) is not { } issue || await store.FindListAsync(issue.ListId) is not { } list) return false;
        Issue = issue;
        List = list;
        Progress = await issues.ProgressAsync(issue);
        Confirmed = await store.CountSubscribersAsync(list.Id, SubscriptionState.Confirmed);
        return true;
    }
}
