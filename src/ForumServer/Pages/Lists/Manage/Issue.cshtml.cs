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

/// <summary>
/// An issue: preview, test, schedule or send (after a confirmation step), then its progress while the outbox works
/// through it. Every POST redirects back (Post/Redirect/Get), so reloading the page never repeats an action.
/// </summary>
[Authorize(Policy = ListsSetup.ListManagerPolicy)]
public sealed class IssueModel(IListStore store, IssueService issues, IssueDispatcher dispatcher, CurrentMember current, TimeProvider time) : PageModel
{
    /// <summary>What the redirect after a POST reports (the <c>done</c> query value).</summary>
    public static readonly IReadOnlyDictionary<string, string> DoneMessages = new Dictionary<string, string>
    {
        ["test"] = "A test copy is on its way to your account address.",
        ["sent"] = "Sending has started.",
        ["draft"] = "Back to draft.",
    };

    public ListIssue Issue { get; private set; } = new();
    public MailingList List { get; private set; } = new();
    public BatchProgress Progress { get; private set; } = new(0, 0, 0);
    public int Confirmed { get; private set; }
    /// <summary>Sending has begun or is due this moment: the page shows progress, not Send/Schedule/Back to draft.</summary>
    public bool Started { get; private set; }
    public bool Running => Started && (Issue.State != IssueState.Sent || !Progress.Done);
    public bool ConfirmingSend { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    /// <summary>The confirmation step: names the list and how many subscribers get the issue.</summary>
    public async Task<IActionResult> OnGetSendAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Started) return Redirect(IssueUrl(id));
        ConfirmingSend = true;
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync(long id)
    {
        var member = (await current.GetAsync())!;
        return await AfterAsync(id, await issues.SendTestAsync(id, member.Email), "test");
    }

    public async Task<IActionResult> OnPostSendAsync(long id)
    {
        var result = await issues.ScheduleAsync(id, null);
        if (result.Succeeded) dispatcher.Wake();
        return await AfterAsync(id, result, "sent");
    }

    public async Task<IActionResult> OnPostScheduleAsync(long id, string? at)
    {
        if (!DateTime.TryParseExact(at, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
            return await AfterAsync(id, OperationResult<ListIssue>.Invalid(new FieldError("at", "Send at: enter a date and time like 2030-01-31T09:00.")), "");
        return await AfterAsync(id, await issues.ScheduleAsync(id, new DateTimeOffset(when, TimeSpan.Zero)), "scheduled");
    }

    public async Task<IActionResult> OnPostUnscheduleAsync(long id) =>
        await AfterAsync(id, await issues.UnscheduleAsync(id), "draft");

    private async Task<IActionResult> AfterAsync(long id, OperationResult<ListIssue> result, string done)
    {
        if (result.NotFound) return NotFound();
        if (result.Succeeded) return Redirect($"{IssueUrl(id)}?done={done}");
        if (!await LoadAsync(id)) return NotFound();
        Done = null;
        ModelState.AddFieldErrors(result.Errors, "");
        // An issue that is already on its way is a conflict with its state, not a malformed request.
        Response.StatusCode = Started ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }

    private static string IssueUrl(long id) => $"/lists/manage/issues/{id}";

    private async Task<bool> LoadAsync(long id)
    {
        if (await store.FindIssueAsync(id) is not { } issue || await store.FindListAsync(issue.ListId) is not { } list) return false;
        Issue = issue;
        List = list;
        Progress = await issues.ProgressAsync(issue);
        Started = IssueService.IsStarted(issue, time.GetUtcNow());
        Confirmed = await store.CountSubscribersAsync(list.Id, SubscriptionState.Confirmed);
        return true;
    }
}
