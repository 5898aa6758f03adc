using System.Net;
using System.Text.Json;
using ForumServer.Core.Notifications;
using ForumServer.Storage.LiteDb;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Notifications;

/// <summary>
/// The bell, the notifications page, watch levels, unread counts and personal data, through the pages. The tests
/// share one app; each has members and topics of its own. The tests that read forum-wide lists (new topics, the
/// name lookup) are in <see cref="NotificationListTests"/>, on an app per test.
/// </summary>
public sealed class NotificationPageTests(SharedForumApp app) : IClassFixture<SharedForumApp>
{
    private readonly ForumApp _app = app;

    [Fact]
    public async Task Bell_counts_unread_notifications_and_opening_one_marks_it_read_and_leads_to_the_post()
    {
        using var alice = await _app.NewMemberAsync("AliceBell", "alice.bell@example.org");
        using var bob = await _app.NewMemberAsync("BobBell", "bob.bell@example.org");
        var topic = (await alice.CreateTopicAsync(1, "Coffee machine", "It beeps.")).Location!;
        Assert.Equal(0, (await alice.GetAsync("/")).BellCount());

        var first = (await bob.ReplyAsync(topic, "Descale it.")).Location!;
        await bob.ReplyAsync(topic, "Or unplug it.");
        await _app.WaitForFanOutAsync();

        var front = await alice.GetAsync("/");
        Assert.Equal(2, front.BellCount());
        Assert.Equal(0, (await bob.GetAsync("/")).BellCount());

        var page = await alice.GetAsync("/notifications");
        Assert.Equal(["BobBell replied to your topic \"Coffee machine\"", "BobBell replied to your topic \"Coffee machine\""],
            page.Texts(".notification .headline").ToArray());
        var opened = await alice.SubmitAsync(page, ".notification:last-child form");
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        Assert.Equal($"/t/{topic.Split('/')[2]}?page=1#post-{first.Split("#post-")[1]}", opened.Location);
        Assert.Equal(1, (await alice.GetAsync("/")).BellCount());

        var all = await alice.SubmitAsync(await alice.GetAsync("/notifications"), "form.mark-all-read");
        Assert.Equal(HttpStatusCode.Redirect, all.Status);
        var after = await alice.GetAsync("/notifications");
        Assert.Equal(0, after.BellCount());
        Assert.Empty(after.Document.QuerySelectorAll(".notification.unread"));

        // Bob cannot open Alice's notification.
        var bobPage = await bob.GetAsync("/notifications");
        var aliceNotification = page.Document.QuerySelector(".notification")!.GetAttribute("data-notification-id")!;
        var foreign = await bob.SubmitAsync(await bob.GetAsync("/notifications/settings"), "main form.notification-mail");
        Assert.Equal(HttpStatusCode.Redirect, foreign.Status);
        var stolen = await bob.Client.PostAsync("/notifications?handler=Open", new FormUrlEncodedContent([
            new("id", aliceNotification), new("__af", await AntiforgeryAsync(bob))]));
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.Empty(bobPage.Document.QuerySelectorAll(".notification"));
    }

    [Fact]
    public async Task Watching_a_category_notifies_of_new_topics_and_its_level_is_listed_in_account_settings()
    {
        using var alice = await _app.NewMemberAsync("AliceWatch", "alice.watch@example.org");
        using var bob = await _app.NewMemberAsync("BobWatch", "bob.watch@example.org");
        var category = await alice.GetAsync("/c/1/general");
        var set = await alice.SubmitAsync(category, "form.watch-level[data-target=Category]", new() { ["level"] = "Watching" });
        Assert.Equal("/c/1/general", set.Location);

        await bob.CreateTopicAsync(1, "Hello all", "First post here.");
        await _app.WaitForFanOutAsync();
        Assert.Equal(["BobWatch started \"Hello all\" in a category you watch"], (await alice.GetAsync("/notifications")).Texts(".notification .headline").ToArray());

        var settings = await alice.GetAsync("/account/settings");
        var item = settings.Document.QuerySelector(".watch-list li[data-target=Category]")!;
        Assert.Equal("General", item.QuerySelector("a")!.TextContent);
        Assert.Equal("Watching", item.QuerySelector(".level")!.TextContent);
        Assert.Empty((await bob.GetAsync("/account/settings")).Document.QuerySelectorAll(".watch-list li[data-target=Category]"));
    }

    [Fact]
    public async Task Export_holds_the_members_watches_read_positions_and_notifications_and_removal_deletes_them()
    {
        using var alice = await _app.NewMemberAsync("AliceExport", "alice.export@example.org");
        using var bob = await _app.NewMemberAsync("BobExport", "bob.export@example.org");
        var topic = (await alice.CreateTopicAsync(1, "Secret hobby", "Knitting.")).Location!;
        await bob.ReplyAsync(topic, "Me too!");
        await _app.WaitForFanOutAsync();
        var aliceId = await _app.MemberIdAsync("alice.export@example.org");
        var bobId = await _app.MemberIdAsync("bob.export@example.org");

        var export = JsonDocument.Parse(await alice.Client.GetStringAsync("/privacy/export")).RootElement.GetProperty("notifications");
        Assert.Equal("Watching", export.GetProperty("watches")[0].GetProperty("level").GetString());
        Assert.Equal(1, export.GetProperty("readPositions")[0].GetProperty("lastReadNumber").GetInt32());
        Assert.Equal("ReplyToYou", export.GetProperty("notifications")[0].GetProperty("kind").GetString());
        Assert.Equal("Secret hobby", export.GetProperty("notifications")[0].GetProperty("topicTitle").GetString());
        Assert.DoesNotContain("Bob", export.GetRawText());

        var bobExport = await bob.Client.GetStringAsync("/privacy/export");
        Assert.Equal(0, JsonDocument.Parse(bobExport).RootElement.GetProperty("notifications").GetProperty("notifications").GetArrayLength());
        Assert.DoesNotContain(aliceId, bobExport);
        Assert.DoesNotContain("alice.export@example.org", bobExport);

        var settings = await alice.GetAsync("/account/settings");
        var removed = await alice.SubmitAsync(settings, "form.remove-account", new() { ["Input.Password"] = Flows.Password, ["Input.RemovalMode"] = "Anonymize" });
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);

        var db = _app.Service<ForumDatabase>();
        Assert.DoesNotContain(db.Watches.FindAll(), w => w.MemberId == aliceId);
        Assert.DoesNotContain(db.ReadPositions.FindAll(), p => p.MemberId == aliceId);
        Assert.DoesNotContain(db.Notifications.FindAll(), n => n.MemberId == aliceId);
        Assert.Null(db.NotificationPreferences.FindById(aliceId));
        Assert.Contains(db.Watches.FindAll(), w => w.MemberId == bobId); // Bob's tracking stays
    }

    [Fact]
    public async Task Replies_posted_at_the_same_time_each_notify_the_author_once()
    {
        using var alice = await _app.NewMemberAsync("AliceBusy", "alice.busy@example.org");
        var topic = (await alice.CreateTopicAsync(1, "Busy topic", "Everyone answer at once.")).Location!;
        var members = new List<TestBrowser>();
        for (var i = 0; i < 8; i++) members.Add(await _app.NewMemberAsync($"Member {i}", $"member{i}@example.org"));

        var replies = await Task.WhenAll(members.Select((m, i) => m.ReplyAsync(topic, $"Answer number {i}")));
        Assert.All(replies, r => Assert.Equal(HttpStatusCode.Redirect, r.Status));
        await _app.WaitForFanOutAsync();

        var page = await alice.GetAsync("/notifications");
        Assert.Equal(8, page.BellCount());
        var headlines = page.Texts(".notification .headline").ToList();
        Assert.Equal(8, headlines.Count);
        Assert.Equal(8, headlines.Distinct().Count()); // one per replier, none twice
        foreach (var m in members) m.Dispose();
    }

    private static async Task<string> AntiforgeryAsync(TestBrowser browser)
    {
        var page = await browser.GetAsync("/notifications/settings");
        return page.Document.QuerySelector("input[name=__af]")!.GetAttribute("value")!;
    }
}

/// <summary>
/// The "New" and "Unread" topic lists and the bad-input answers with the name lookup: they read every topic and
/// member of the forum, so each test has an app of its own.
/// </summary>
public sealed class NotificationListTests : IDisposable
{
    private readonly ForumApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Topic_lists_show_how_many_posts_are_new_and_link_to_the_first_unread_one()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var bob = await _app.NewMemberAsync("Bob", "bob@example.org");
        var topic = (await alice.CreateTopicAsync(1, "Garden", "Tomatoes or beans?")).Location!;
        var bobsTopic = (await bob.CreateTopicAsync(1, "Bikes", "Which one?")).Location!;

        // Bob's new topic is "New" for Alice until she opens it.
        Assert.Equal(["Bikes"], (await alice.GetAsync("/new")).Texts(".topic-title").ToArray());
        Assert.Empty((await alice.GetAsync("/")).Document.QuerySelectorAll(".unread-count"));

        var second = (await bob.ReplyAsync(topic, "Beans.")).Location!;
        await bob.ReplyAsync(topic, "Definitely beans.");
        await _app.WaitForFanOutAsync();

        var front = await alice.GetAsync("/");
        var row = front.Document.QuerySelectorAll(".topic-row").Single(r => r.TextContent.Contains("Garden"));
        Assert.Equal("2 new", row.QuerySelector(".unread-count")!.TextContent);
        Assert.Equal(["Garden"], (await alice.GetAsync("/unread")).Texts(".topic-title").ToArray());
        Assert.Empty((await bob.GetAsync("/")).Document.QuerySelectorAll(".unread-count")); // Bob wrote them

        var jump = await alice.GetAsync(row.QuerySelector(".unread-count")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.Redirect, jump.Status);
        Assert.Equal($"/t/1/garden#post-{second.Split("#post-")[1]}", jump.Location);

        // Reading the page (no JavaScript) reads its posts.
        await alice.GetAsync(topic);
        Assert.Empty((await alice.GetAsync("/")).Document.QuerySelectorAll(".unread-count"));
        Assert.Empty((await alice.GetAsync("/unread")).Document.QuerySelectorAll(".topic-title"));
        await alice.GetAsync(bobsTopic);
        Assert.Empty((await alice.GetAsync("/new")).Document.QuerySelectorAll(".topic-title"));

        await bob.ReplyAsync(topic, "Or peas.");
        Assert.Equal("1 new", (await alice.GetAsync("/c/1/general")).Document.QuerySelectorAll(".topic-row")
            .Single(r => r.TextContent.Contains("Garden")).QuerySelector(".unread-count")!.TextContent);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_answer_and_stores_nothing()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var topic = (await alice.CreateTopicAsync(1, "Bounds", "Edges.")).Location!;
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync("/notifications?page=0")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync("/notifications?page=2")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync("/notifications?page=99999999")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync("/notifications/unread/999")).Status);

        var page = await alice.GetAsync(topic);
        var bogus = await alice.SubmitAsync(page, "form.watch-level", new() { ["level"] = "Obsessed" });
        Assert.Equal(HttpStatusCode.BadRequest, bogus.Status);
        Assert.Equal("Choose one of the offered watch levels.", bogus.Text("[role=alert]"));
        var numeric = await alice.SubmitAsync(page, "form.watch-level", new() { ["level"] = "7" });
        Assert.Equal(HttpStatusCode.BadRequest, numeric.Status);
        var missing = await alice.SubmitAsync(page, "form.watch-level", new() { ["id"] = "999", ["level"] = "Muted" });
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("Watching", (await alice.GetAsync(topic)).Document.QuerySelector("form.watch-level option[selected]")!.GetAttribute("value"));

        var settings = await alice.GetAsync("/notifications/settings");
        var badMail = await alice.SubmitAsync(settings, "form.notification-mail", new() { ["mail.Reply"] = "Sometimes" });
        Assert.Equal(HttpStatusCode.BadRequest, badMail.Status);
        Assert.Equal("Choose one of the offered email settings.", badMail.Text("[role=alert]"));
        Assert.Equal("Immediately", (await alice.GetAsync("/notifications/settings")).Document
            .QuerySelector("select[name='mail.Reply'] option[selected]")!.GetAttribute("value"));

        var longPrefix = await alice.Client.GetAsync("/notifications/names?prefix=" + new string('a', 33));
        Assert.Equal(HttpStatusCode.BadRequest, longPrefix.StatusCode);
        Assert.Equal("application/problem+json", longPrefix.Content.Headers.ContentType!.MediaType);
        var names = JsonDocument.Parse(await alice.Client.GetStringAsync("/notifications/names?prefix=al"));
        Assert.Equal(["Alice"], names.RootElement.GetProperty("names").EnumerateArray().Select(e => e.GetString()!).ToArray());
        using var anonymous = _app.NewBrowser();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.Client.GetAsync("/notifications/names?prefix=al")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/notifications/unsubscribe/not-a-token/Reply")).Status);
        var token = (await _app.Service<INotificationStore>().GetPreferencesAsync(await _app.MemberIdAsync("alice@example.org")))!.Token;
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/notifications/unsubscribe/{token}/Bogus")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/notifications/unsubscribe/{token}/3")).Status);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/notifications/unsubscribe/{token}/Reply,Mention")).Status);
    }
}
