using System.Net;
using System.Xml.Linq;
using ForumServer.Core.Accounts;
using ForumServer.Core.Lists;
using ForumServer.Pages.Lists;
using ForumServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ForumServer.Tests.Lists;

/// <summary>The list pages through HTTP, mail through the pickup folder, time under the test's control.</summary>
public sealed class ListPageTests : IDisposable
{
    private readonly ClockedApp _app = new();

    public void Dispose() => _app.Dispose();

    private sealed class ClockedApp : ForumApp
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureMore(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    private async Task<TestBrowser.Page> SubscribeAsync(TestBrowser browser, string list, string email)
    {
        var page = await browser.GetAsync("/lists");
        return await browser.SubmitAsync(page, $"#list-{list} form.subscribe", new() { ["email"] = email });
    }

    private async Task<string> TokenFromWelcomeAsync(string email, string list)
    {
        var welcome = await _app.Mailbox.WaitForAsync(email, $"Welcome to {list}");
        var header = welcome.Headers["List-Unsubscribe"]!;
        return header[(header.IndexOf("/lists/unsubscribe/", StringComparison.Ordinal) + "/lists/unsubscribe/".Length)..header.IndexOf('>')];
    }

    private async Task ConfirmAsync(TestBrowser browser, string email, string list, int alreadySeen = 0)
    {
        var mail = await _app.Mailbox.WaitForAsync(email, $"Confirm your subscription to {list}", alreadySeen);
        var page = await browser.GetAsync(Mailbox.LinkIn(mail));
        var done = await browser.SubmitAsync(page, "form.confirm");
        Assert.Equal(HttpStatusCode.OK, done.Status);
    }

    [Fact]
    public async Task The_answer_is_the_same_for_new_pending_and_subscribed_addresses()
    {
        using var browser = _app.NewBrowser();
        var asNew = await SubscribeAsync(browser, "news", "same@example.org");
        var asPending = await SubscribeAsync(browser, "news", "same@example.org");
        await ConfirmAsync(browser, "same@example.org", "News");
        await _app.Mailbox.WaitForAsync("same@example.org", "Welcome to News");
        var asSubscribed = await SubscribeAsync(browser, "news", "same@example.org");

        Assert.All([asNew, asPending, asSubscribed], p => Assert.Equal(IndexModel.CheckInbox, p.Text("[role=status]")));
        Assert.All([asNew, asPending, asSubscribed], p => Assert.Equal(HttpStatusCode.OK, p.Status));
        await _app.WaitForOutboxDrainedAsync();
        // One confirmation (the immediate second sign-up is rate-limited per address) and one welcome.
        Assert.Equal(2, _app.Mailbox.To("same@example.org").Count);
    }

    [Fact]
    public async Task Signing_up_again_while_pending_resends_the_confirmation_after_the_interval()
    {
        using var browser = _app.NewBrowser();
        await SubscribeAsync(browser, "announce", "lost@example.org");
        await _app.Mailbox.WaitForAsync("lost@example.org", "Confirm your subscription");
        _app.Clock.Advance(TimeSpan.FromMinutes(11));
        await SubscribeAsync(browser, "announce", "lost@example.org");
        await _app.Mailbox.WaitForAsync("lost@example.org", "Confirm your subscription", alreadySeen: 1);
    }

    [Fact]
    public async Task An_invalid_address_is_refused_naming_the_field_and_nothing_is_stored()
    {
        using var browser = _app.NewBrowser();
        var page = await SubscribeAsync(browser, "announce", "not an address");
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Email", page.Text(".errors"));
        Assert.Equal("Enter an email address like name@example.org.", page.Text("#list-announce .field-error"));
        Assert.Null(await _app.SubscriptionAsync("announce", "not an address"));
        Assert.Equal(0, await _app.Service<IListStore>().CountSubscribersAsync("announce", SubscriptionState.Pending));
    }

    [Fact]
    public async Task An_expired_link_and_a_used_link_get_a_clear_page_and_change_nothing()
    {
        using var browser = _app.NewBrowser();
        await SubscribeAsync(browser, "announce", "late@example.org");
        var first = await _app.Mailbox.WaitForAsync("late@example.org", "Confirm your subscription");
        var firstLink = Mailbox.LinkIn(first);
        var page = await browser.GetAsync(firstLink);
        _app.Clock.Advance(TimeSpan.FromHours(49));

        var expired = await browser.SubmitAsync(page, "form.confirm");
        Assert.Equal(HttpStatusCode.Gone, expired.Status);
        Assert.Equal(SubscriptionService.ExpiredMessage, expired.Text(".errors"));
        Assert.Equal(SubscriptionState.Pending, (await _app.SubscriptionAsync("announce", "late@example.org"))!.State);

        await SubscribeAsync(browser, "announce", "late@example.org");
        await ConfirmAsync(browser, "late@example.org", "Announce", alreadySeen: 1);
        var secondLink = Mailbox.LinkIn(_app.Mailbox.To("late@example.org").Last(m => m.Subject!.StartsWith("Confirm")));
        var reused = await browser.GetAsync(secondLink);
        Assert.Equal(HttpStatusCode.BadRequest, reused.Status);
        Assert.Equal(SubscriptionService.InvalidMessage, reused.Text(".errors"));
        Assert.Null(reused.Document.QuerySelector("form.confirm"));
        var old = await browser.GetAsync(firstLink);
        Assert.Equal(HttpStatusCode.BadRequest, old.Status);
        Assert.Equal(SubscriptionState.Confirmed, (await _app.SubscriptionAsync("announce", "late@example.org"))!.State);
    }

    [Fact]
    public async Task Unsubscribe_GET_only_shows_a_button_POST_leaves_and_a_wrong_token_is_404()
    {
        using var browser = _app.NewBrowser();
        await SubscribeAsync(browser, "announce", "leaver@example.org");
        await ConfirmAsync(browser, "leaver@example.org", "Announce");
        var token = await TokenFromWelcomeAsync("leaver@example.org", "Announce");

        using var scanner = _app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var get = await scanner.GetAsync($"/lists/unsubscribe/{token}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("Unsubscribe from Announce", await get.Content.ReadAsStringAsync());
        Assert.Equal(SubscriptionState.Confirmed, (await _app.SubscriptionAsync("announce", "leaver@example.org"))!.State);

        var oneClick = new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" };
        var wrong = await scanner.PostAsync($"/lists/unsubscribe/{ListTokens.New()}", new FormUrlEncodedContent(oneClick));
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scanner.GetAsync("/lists/unsubscribe/short")).StatusCode);
        Assert.Equal(SubscriptionState.Confirmed, (await _app.SubscriptionAsync("announce", "leaver@example.org"))!.State);

        // The page's own button works the same way, without any cookie.
        var page = await browser.GetAsync($"/lists/unsubscribe/{token}");
        var left = await browser.SubmitAsync(page, "form.unsubscribe");
        Assert.Equal(HttpStatusCode.OK, left.Status);
        Assert.Contains("You have left Announce", left.Text("[role=status]"));
        Assert.Equal(SubscriptionState.Unsubscribed, (await _app.SubscriptionAsync("announce", "leaver@example.org"))!.State);
    }

    [Fact]
    public async Task Preferences_from_the_same_token_switch_lists()
    {
        using var browser = _app.NewBrowser();
        await SubscribeAsync(browser, "announce", "switch@example.org");
        await ConfirmAsync(browser, "switch@example.org", "Announce");
        var token = await TokenFromWelcomeAsync("switch@example.org", "Announce");

        var page = await browser.GetAsync($"/lists/preferences/{token}");
        Assert.Equal(["announce"], page.Document.QuerySelectorAll("input[name=lists][checked]").Select(e => e.GetAttribute("value")));
        var saved = await browser.SubmitAsync(page, "form.preferences", new() { ["lists"] = "news" });
        Assert.Equal("Saved.", saved.Text("[role=status]"));
        Assert.Equal(SubscriptionState.Unsubscribed, (await _app.SubscriptionAsync("announce", "switch@example.org"))!.State);
        Assert.Equal(SubscriptionState.Confirmed, (await _app.SubscriptionAsync("news", "switch@example.org"))!.State);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/lists/preferences/{ListTokens.New()}")).Status);
    }

    [Fact]
    public async Task Administrator_grants_list_manager_who_composes_previews_tests_sends_and_the_archive_shows_it()
    {
        using var admin = await _app.WithRoleAsync(await _app.NewMemberAsync("Ada", "ada@example.org"), "ada@example.org", Roles.Administrator);
        using var bob = await _app.NewMemberAsync("Bob", "bob@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync("/lists/manage")).Status);

        var members = await admin.GetAsync("/admin/members");
        var bobRow = members.Document.QuerySelectorAll("tr").First(r => r.TextContent.Contains("Bob"));
        var grantForm = bobRow.QuerySelector("form.list-manager")!;
        grantForm.Id = "grant-bob";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(members, "#grant-bob")).Status);
        await bob.SignInAsync("bob@example.org");

        // A signed-in member with a confirmed address subscribes with one click.
        var lists = await bob.GetAsync("/lists");
        var joined = await bob.SubmitAsync(lists, "#list-news form.subscribe-member");
        Assert.Contains("You are subscribed", joined.Text("[role=status]"));
        await _app.Mailbox.WaitForAsync("bob@example.org", "Welcome to News");

        var manage = await bob.GetAsync("/lists/manage");
        Assert.Equal(HttpStatusCode.OK, manage.Status);
        Assert.Equal("1", manage.Text("#manage-news .confirmed-count"));
        var compose = await bob.GetAsync("/lists/manage/compose/news");
        var invalid = await bob.SubmitAsync(compose, "form.compose", new() { ["Input.Subject"] = "", ["Input.Body"] = "x", ["act"] = "save" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("Enter a subject.", invalid.Text(".errors"));
        var preview = await bob.SubmitAsync(compose, "form.compose", new() { ["Input.Subject"] = "Our **big** week", ["Input.Body"] = "We are **hiring**.", ["act"] = "preview" });
        Assert.Equal("hiring", preview.Text(".preview strong"));
        var saved = await bob.SubmitAsync(preview, "form.compose", new() { ["act"] = "save" });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var issuePage = await bob.GetAsync(saved.Location!);
        Assert.Equal("Draft", issuePage.Text(".state"));
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync("/lists/news/archive/" + saved.Location!.Split('/').Last())).Status);

        var tested = await bob.FollowAsync(await bob.SubmitAsync(issuePage, "form.test"));
        Assert.Contains("test copy", tested.Text("[role=status]"));
        await _app.Mailbox.WaitForAsync("bob@example.org", "[Test] Our **big** week");

        var confirm = await bob.GetAsync(tested.Document.QuerySelector("a.send-now-step")!.GetAttribute("href")!);
        Assert.Contains("1 confirmed subscriber of", confirm.Text(".send-confirm"));
        Assert.Contains("News", confirm.Text(".send-confirm"));
        var sent = await bob.SubmitAsync(confirm, "form.send-now");
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        var sending = await bob.FollowAsync(sent);
        Assert.Contains("Sending has started", sending.Text("[role=status]"));
        Assert.Null(sending.Document.QuerySelector("form.schedule, form.send-now, a.send-now-step"));
        Assert.Equal($"/lists/news/archive/{saved.Location!.Split('/').Last()}", sending.Document.QuerySelector("a.archive-link")!.GetAttribute("href"));

        // The same confirmation form sent again (a double click, or the form kept open in a second tab) sends nothing more.
        var again = await bob.SubmitAsync(confirm, "form.send-now");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("This issue is already being sent.", again.Text(".errors li"));
        Assert.NotNull(again.Document.QuerySelector("dl.sent-state"));
        await _app.Mailbox.WaitForAsync("bob@example.org", "Our **big** week", alreadySeen: 1);
        await ListTestKit.WaitUntilAsync(async () => (await bob.GetAsync(saved.Location!)).Texts(".progress .sent").SingleOrDefault() == "1");
        var progress = await bob.GetAsync(saved.Location!);
        Assert.Equal("0", progress.Text(".progress .pending"));
        Assert.Equal("0", progress.Text(".progress .failed"));

        using var anon = _app.NewBrowser();
        var archive = await anon.GetAsync("/lists/news/archive");
        Assert.Equal(["Our **big** week"], archive.Texts(".archive a"));
        var archived = await anon.GetAsync(archive.Document.QuerySelector(".archive a")!.GetAttribute("href")!);
        Assert.Equal("hiring", archived.Text(".list-issue strong"));
        var feed = await anon.Client.GetAsync("/lists/news/feed");
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType!.MediaType);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = XDocument.Parse(await feed.Content.ReadAsStringAsync()).Root!.Element(atom + "entry")!;
        Assert.Equal("Our **big** week", entry.Element(atom + "title")!.Value);
        Assert.DoesNotContain("bob@example.org", archived.Html);

        // Addresses: list managers see them, only administrators export them.
        var subscribers = await bob.GetAsync("/lists/manage/subscribers/news");
        Assert.Contains("bob@example.org", subscribers.Texts(".subscribers td"));
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync("/lists/manage/subscribers/news?handler=Csv")).Status);
        var csv = await admin.Client.GetAsync("/lists/manage/subscribers/news?handler=Csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"bob@example.org\",Confirmed", await csv.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await anon.GetAsync("/lists/manage/subscribers/news")).Status);
    }
}
