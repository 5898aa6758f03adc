using ForumServer.Core.Accounts;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ForumServer.BrowserTests.Ux;

/// <summary>Sending a list issue in Chromium: a confirmation step first, and reloading afterwards sends nothing.</summary>
public sealed class ListSendTests(Chromium chromium, BrowserForum forum) : IClassFixture<Chromium>, IClassFixture<BrowserForum>
{
    private const string ManagerEmail = "lee@example.org";

    [Fact]
    public async Task Send_now_asks_first_and_reloading_the_sent_page_posts_nothing_again()
    {
        var manager = await forum.App.NewMemberAsync("Lee", ManagerEmail);
        await forum.App.WithRoleAsync(manager, ManagerEmail, Roles.ListManager);
        manager.Dispose();
        var now = DateTimeOffset.UtcNow;
        await forum.App.Service<IListStore>().AddSubscriptionsAsync(new[] { "a@example.org", "b@example.org", "c@example.org" }
            .Select(e => new Subscription
            {
                ListId = "announce", Email = e, Key = Subscription.KeyFor("announce", e), Token = ListTokens.New(),
                State = SubscriptionState.Confirmed, CreatedAt = now, ConfirmedAt = now,
            }).ToList());
        var draft = (await forum.App.Service<IssueService>().SaveDraftAsync(null, "announce", "Version 2 is out", "Read all about it.", "lee")).Value!;

        var page = await forum.OpenAsync(chromium.Browser, ManagerEmail);
        await page.GotoAsync(forum.Url($"/lists/manage/issues/{draft.Id}"));
        await BrowserForum.ClickAndLoadAsync(page, "a.send-now-step");

        var confirm = page.Locator(".send-confirm");
        Assert.Contains("3 confirmed subscribers of Announce", await confirm.InnerTextAsync());
        Assert.Equal(IssueState.Draft, (await forum.App.Service<IListStore>().FindIssueAsync(draft.Id))!.State);

        await BrowserForum.ClickAndLoadAsync(page, ".send-confirm button[type=submit]");
        Assert.Contains("Sending has started", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Equal(0, await page.Locator("form.schedule, form.send-now, a.send-now-step").CountAsync());

        var posts = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) => { if (request.Method == "POST") posts.Enqueue(request.Url); };
        await page.ReloadAsync();
        await page.ReloadAsync();
        Assert.DoesNotContain(posts, u => u.Contains("/lists/manage/issues/"));

        var outbox = forum.App.Service<IOutboxStore>();
        await WaitUntilAsync(async () => (await outbox.CountBatchAsync(draft.Batch)).Sent == 3);
        await WaitUntilAsync(async () => (await forum.App.Service<IListStore>().FindIssueAsync(draft.Id))!.State == IssueState.Sent);
        var progress = await outbox.CountBatchAsync(draft.Batch);
        Assert.Equal((0, 3, 0), (progress.Pending, progress.Sent, progress.Failed));

        // The finished issue says when and to how many it went and links to the archive, with nothing left to send.
        await page.GotoAsync(forum.Url($"/lists/manage/issues/{draft.Id}"));
        Assert.Equal("3", await page.Locator(".sent-state .recipients").InnerTextAsync());
        Assert.Equal(1, await page.Locator(".sent-state .sent-at time").CountAsync());
        await BrowserForum.ClickAndLoadAsync(page, "a.archive-link");
        Assert.Equal("Version 2 is out", await page.Locator("h1").InnerTextAsync());
        await page.GotoAsync(forum.Url($"/lists/manage/issues/{draft.Id}?handler=Send"));
        Assert.Equal(0, await page.Locator("form.send-now").CountAsync());
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) =>
        Eventually.UntilAsync(condition, TimeSpan.FromSeconds(15), () => "Condition not met in time.");
}
