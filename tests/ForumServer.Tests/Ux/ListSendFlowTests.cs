using System.Net;
using ForumServer.Core.Accounts;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Lists;

namespace ForumServer.Tests.Ux;

/// <summary>The send step of a list issue: one send however often the confirmation is posted, clear answers otherwise.</summary>
public sealed class ListSendFlowTests : IDisposable
{
    private readonly ForumApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(TestBrowser Manager, ListIssue Draft)> DraftAsync(int subscribers)
    {
        var manager = await _app.NewMemberAsync("Lee", "lee@example.org");
        await _app.WithRoleAsync(manager, "lee@example.org", Roles.ListManager);
        await _app.AddConfirmedAsync("news", Enumerable.Range(0, subscribers).Select(i => $"s{i}@example.org"));
        var draft = (await _app.Service<IssueService>().SaveDraftAsync(null, "news", "Twice?", "Once.", "lee")).Value!;
        return (manager, draft);
    }

    [Fact]
    public async Task Parallel_confirmations_send_the_issue_once()
    {
        var (manager, draft) = await DraftAsync(5);
        using var _ = manager;
        var confirm = await manager.GetAsync($"/lists/manage/issues/{draft.Id}?handler=Send");
        Assert.Equal(HttpStatusCode.OK, confirm.Status);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => manager.SubmitAsync(confirm, "form.send-now")));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Redirect);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Redirect), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.Status);
            Assert.Equal("This issue is already being sent.", a.Text(".errors li"));
        });
        await ListTestKit.WaitUntilAsync(async () => (await _app.Service<IListStore>().FindIssueAsync(draft.Id))!.State == IssueState.Sent);
        await _app.WaitForOutboxDrainedAsync();
        Assert.Equal(5, (await _app.Service<IOutboxStore>().CountBatchAsync(draft.Batch)).Sent);
        Assert.Single(_app.Mailbox.To("s0@example.org"));
    }

    [Fact]
    public async Task Sending_scheduling_or_drafting_a_sent_issue_is_refused_with_a_message()
    {
        var (manager, draft) = await DraftAsync(1);
        using var _ = manager;
        var confirm = await manager.GetAsync($"/lists/manage/issues/{draft.Id}?handler=Send");
        var issuePage = await manager.GetAsync($"/lists/manage/issues/{draft.Id}");
        await manager.SubmitAsync(confirm, "form.send-now");
        await ListTestKit.WaitUntilAsync(async () => (await _app.Service<IListStore>().FindIssueAsync(draft.Id))!.State == IssueState.Sent);

        var again = await manager.SubmitAsync(confirm, "form.send-now");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("This issue is already being sent.", again.Text(".errors li"));
        Assert.Equal("1", again.Text(".sent-state .recipients"));
        var schedule = await manager.SubmitAsync(issuePage, "form.schedule", new() { ["at"] = "2099-01-31T09:00" });
        Assert.Equal(HttpStatusCode.Conflict, schedule.Status);
        Assert.Equal("This issue is already being sent.", schedule.Text(".errors li"));

        // The confirmation step of a sent issue leads back to the issue; an unknown issue is 404.
        var step = await manager.GetAsync($"/lists/manage/issues/{draft.Id}?handler=Send");
        Assert.Equal(HttpStatusCode.Redirect, step.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/lists/manage/issues/999999?handler=Send")).Status);
    }

    [Fact]
    public async Task A_schedule_without_a_usable_date_names_the_field_and_changes_nothing()
    {
        var (manager, draft) = await DraftAsync(1);
        using var _ = manager;
        var issuePage = await manager.GetAsync($"/lists/manage/issues/{draft.Id}");
        var bad = await manager.SubmitAsync(issuePage, "form.schedule", new() { ["at"] = "next tuesday" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("Send at: enter a date and time", bad.Text(".errors"));
        Assert.Equal(IssueState.Draft, (await _app.Service<IListStore>().FindIssueAsync(draft.Id))!.State);

        var scheduled = await manager.FollowAsync(await manager.SubmitAsync(issuePage, "form.schedule", new() { ["at"] = "2099-01-31T09:00" }));
        Assert.Equal("Scheduled for 2099-01-31 09:00 UTC.", scheduled.Text("[role=status]"));
        Assert.NotNull(scheduled.Document.QuerySelector("a.send-now-step"));
    }
}
