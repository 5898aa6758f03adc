using System.Net;
using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Moderation;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Moderation;

public sealed class ModerationTests : IDisposable
{
    private readonly TimedForumApp _app = new();

    public void Dispose() => _app.Dispose();

    private IForumStore Forum => _app.Service<IForumStore>();
    private IModerationStore Moderation => _app.Service<IModerationStore>();

    [Fact]
    public async Task Moderator_removes_flagged_post_readers_see_placeholder_content_is_deleted_and_audit_keeps_ids()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var bob = await _app.NewMemberAsync("Bob", "bob@example.org");
        using var mod = await _app.NewModeratorAsync("Mod", "mod@example.org");
        var (topicUrl, _) = await alice.TopicAsync("Hello", "first");
        var postId = await bob.ReplyIdAsync(topicUrl, "some **spam** here");

        // Alice flags Bob's post; the moderator's header counts it.
        var topic = await alice.GetAsync(topicUrl);
        var flagForm = await alice.GetAsync(topic.Document.QuerySelector($"#post-{postId} a.flag")!.GetAttribute("href")!);
        var empty = await alice.SubmitAsync(flagForm, "form.flag", new() { ["Input.Reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Contains("Say why", empty.Text("[data-valmsg-for='Input.Reason']"));
        var flagged = await alice.SubmitAsync(flagForm, "form.flag", new() { ["Input.Reason"] = "spam" });
        Assert.Contains("Thank you", flagged.Text(".notice"));
        var queue = await mod.GetAsync("/moderation");
        Assert.Equal("1", queue.Text("header .queue .count.flags"));
        Assert.Equal("spam", queue.Text(".queue-flags tr.flag td:nth-child(2)"));

        var modTopic = await mod.GetAsync(topicUrl);
        var moderate = await mod.GetAsync(modTopic.Document.QuerySelector($"#post-{postId} a.moderate")!.GetAttribute("href")!);
        var removed = await mod.SubmitAsync(moderate, "form.remove-post", new() { ["reason"] = "spam" });
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);

        using var anon = _app.NewBrowser();
        var read = await anon.GetAsync(topicUrl);
        Assert.Equal("Removed by a moderator.", read.Text($"#post-{postId} .removed-note"));
        Assert.DoesNotContain("spam", read.Html);
        var stored = (await Forum.GetPostAsync(postId))!;
        Assert.Equal(("", ""), (stored.Markdown, stored.Html));
        Assert.Equal(RemovedBy.Moderator, stored.Removal!.By);

        Assert.Equal(0, await Moderation.CountOpenFlagsAsync());
        Assert.Equal("0", (await mod.GetAsync("/moderation")).Text("header .queue .count.flags"));
        var entry = (await Moderation.ListAuditAsync(0, 10)).Single(e => e.Action == AuditActions.RemovePost);
        Assert.Equal((await _app.MemberIdAsync("mod@example.org"), "post", postId.ToString(), "spam"), (entry.ActorId, entry.ItemType, entry.ItemId, entry.Reason));
    }

    [Fact]
    public async Task Moderator_locks_unlocks_moves_and_removes_a_topic()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var mod = await _app.NewModeratorAsync("Mod", "mod@example.org");
        var news = (await _app.Service<ForumService>().CreateCategoryAsync("News", "")).Value!;
        var (topicUrl, topicId) = await alice.TopicAsync("Move me", "text");
        var replyId = await alice.ReplyIdAsync(topicUrl, "a reply");

        var tools = await mod.GetAsync((await mod.GetAsync(topicUrl)).Document.QuerySelector("a.moderate-topic")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.Redirect, (await mod.SubmitAsync(tools, "form.lock")).Status);
        var locked = await alice.GetAsync(topicUrl);
        Assert.Equal("locked", locked.Text("h1 .badge"));
        Assert.Null(locked.Document.QuerySelector("form#reply"));
        Assert.True((await Forum.GetTopicAsync(topicId))!.IsLocked);

        tools = await mod.GetAsync($"/moderation/topics/{topicId}");
        Assert.Equal("Unlock topic", tools.Text("form.lock button"));
        await mod.SubmitAsync(tools, "form.lock");
        Assert.False((await Forum.GetTopicAsync(topicId))!.IsLocked);

        var badMove = await mod.SubmitAsync(await mod.GetAsync($"/moderation/topics/{topicId}"), "form.move", new() { ["categoryId"] = "999" });
        Assert.Equal(HttpStatusCode.BadRequest, badMove.Status);
        Assert.Contains("category that exists", badMove.Text("[data-valmsg-for='CategoryId']"));
        await mod.SubmitAsync(await mod.GetAsync($"/moderation/topics/{topicId}"), "form.move", new() { ["categoryId"] = news.Id.ToString() });
        Assert.Equal(news.Id, (await Forum.GetTopicAsync(topicId))!.CategoryId);
        Assert.Equal((1, 2), ((await Forum.GetCategoryAsync(news.Id))!.TopicCount, (await Forum.GetCategoryAsync(news.Id))!.PostCount));
        Assert.Equal(0, (await Forum.GetCategoryAsync(1))!.TopicCount);
        Assert.Contains("Move me", (await alice.GetAsync($"/c/{news.Id}")).Texts(".topic-title"));

        var removed = await mod.SubmitAsync(await mod.GetAsync($"/moderation/topics/{topicId}"), "form.remove-topic", new() { ["reason"] = "off topic" });
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync(topicUrl)).Status);
        Assert.DoesNotContain("Move me", (await alice.GetAsync("/")).Html);
        Assert.All(await Forum.ListPostsAsync(topicId, 0, 20), p => Assert.Equal("", p.Markdown));
        Assert.True((await Forum.GetPostAsync(replyId))!.IsRemoved);
        Assert.Equal(0, (await Forum.GetCategoryAsync(news.Id))!.TopicCount);

        var actions = (await Moderation.ListAuditAsync(0, 10)).Select(e => e.Action).Reverse();
        Assert.Equal([AuditActions.LockTopic, AuditActions.UnlockTopic, AuditActions.MoveTopic, AuditActions.RemoveTopic], actions);
    }

    [Fact]
    public async Task Members_and_anonymous_visitors_are_refused_every_moderation_action_and_nothing_changes()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var bob = await _app.NewMemberAsync("Bob", "bob@example.org");
        var (topicUrl, topicId) = await alice.TopicAsync("Guarded", "text");
        var postId = await alice.ReplyIdAsync(topicUrl, "keep me");
        var aliceId = await _app.MemberIdAsync("alice@example.org");
        var news = (await _app.Service<ForumService>().CreateCategoryAsync("News", "")).Value!;

        var actions = new (string Url, Dictionary<string, string> Fields)[]
        {
            ($"/moderation/posts/{postId}?handler=Remove", new() { ["reason"] = "x" }),
            ($"/moderation/topics/{topicId}?handler=Lock", new()),
            ($"/moderation/topics/{topicId}?handler=Move", new() { ["categoryId"] = news.Id.ToString() }),
            ($"/moderation/topics/{topicId}?handler=Remove", new()),
            ($"/moderation/members/{aliceId}?handler=Suspend", new() { ["days"] = "3" }),
            ($"/moderation/members/{aliceId}?handler=Remove", new() { ["mode"] = "DeleteContent" }),
            ("/moderation?handler=Dismiss", new() { ["flagId"] = "1" }),
        };
        using var anon = _app.NewBrowser();
        var bobToken = await bob.AntiforgeryTokenAsync();
        var anonToken = await anon.AntiforgeryTokenAsync();
        foreach (var (url, fields) in actions)
        {
            var asMember = await bob.PostRawAsync(url, new(fields) { ["__af"] = bobToken });
            Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
            var asAnon = await anon.PostRawAsync(url, new(fields) { ["__af"] = anonToken });
            Assert.Equal(HttpStatusCode.Redirect, asAnon.StatusCode);
            Assert.StartsWith("/account/login", asAnon.Headers.Location!.PathAndQuery);
        }
        foreach (var page in new[] { "/moderation", $"/moderation/posts/{postId}", $"/moderation/topics/{topicId}", $"/moderation/members/{aliceId}", "/moderation/audit" })
            Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync(page)).Status);
        Assert.Null((await bob.GetAsync(topicUrl)).Document.QuerySelector("a.moderate-topic, a.moderate, header .queue"));

        var topic = (await Forum.GetTopicAsync(topicId))!;
        Assert.False(topic.IsLocked || topic.IsRemoved);
        Assert.Equal(1, topic.CategoryId);
        Assert.Equal("keep me", (await Forum.GetPostAsync(postId))!.Markdown);
        var alice2 = (await _app.Service<IMemberStore>().GetAsync(aliceId))!;
        Assert.Null(alice2.Suspension);
        Assert.Equal(0, await Moderation.CountAuditAsync());
    }

    [Fact]
    public async Task Suspended_member_cannot_post_or_sign_in_and_their_open_session_ends()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var mod = await _app.NewModeratorAsync("Mod", "mod@example.org");
        var (topicUrl, _) = await alice.TopicAsync("Before", "text");
        var aliceId = await _app.MemberIdAsync("alice@example.org");

        var page = await mod.GetAsync($"/moderation/members/{aliceId}");
        var bad = await mod.SubmitAsync(page, "form.suspend", new() { ["days"] = "soon" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("whole number", bad.Text("[data-valmsg-for='Days']"));
        Assert.Equal(HttpStatusCode.Redirect, (await mod.SubmitAsync(page, "form.suspend", new() { ["days"] = "7", ["reason"] = "abuse" })).Status);
        Assert.Contains("Suspended until", (await mod.GetAsync($"/moderation/members/{aliceId}")).Text(".suspended"));

        // At once: no posting, even with the old session.
        var topicPage = await alice.GetAsync(topicUrl);
        Assert.Null(topicPage.Document.QuerySelector("form#reply"));
        var reply = await alice.PostRawAsync(topicUrl + "?handler=Reply", new() { ["Input.Body"] = "still here?", ["__af"] = await alice.AntiforgeryTokenAsync() });
        Assert.Equal(HttpStatusCode.Forbidden, reply.StatusCode);
        Assert.Single(await Forum.ListPostsAsync(1, 0, 20));

        // Within the validation interval the session ends.
        _app.Time.Advance(TimeSpan.FromSeconds(31));
        var settings = await alice.GetAsync("/account/settings");
        Assert.Equal(HttpStatusCode.Redirect, settings.Status);
        Assert.Contains("/account/login", settings.Location);
        var signIn = await alice.SignInAsync("alice@example.org");
        Assert.Equal(HttpStatusCode.BadRequest, signIn.Status);

        // After the suspension runs out, signing in works again.
        _app.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(HttpStatusCode.Redirect, (await alice.SignInAsync("alice@example.org")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await alice.ReplyAsync(topicUrl, "back again")).Status);
    }

    [Fact]
    public async Task Indefinite_suspension_holds_until_lifted()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var mod = await _app.NewModeratorAsync("Mod", "mod@example.org");
        var aliceId = await _app.MemberIdAsync("alice@example.org");
        await mod.SubmitAsync(await mod.GetAsync($"/moderation/members/{aliceId}"), "form.suspend", new() { ["days"] = "" });
        _app.Time.Advance(TimeSpan.FromDays(3000));
        using var again = _app.NewBrowser();
        Assert.Equal(HttpStatusCode.BadRequest, (await again.SignInAsync("alice@example.org")).Status);
        await mod.SignInAsync("mod@example.org"); // the moderator's own cookie expired meanwhile
        Assert.Contains("indefinitely", (await mod.GetAsync($"/moderation/members/{aliceId}")).Text(".suspended"));
        await mod.SubmitAsync(await mod.GetAsync($"/moderation/members/{aliceId}"), "form.unsuspend");
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync("alice@example.org")).Status);
    }

    [Fact]
    public async Task A_moderator_cannot_suspend_or_remove_an_administrator_but_an_administrator_can()
    {
        using var admin = await _app.NewAdministratorAsync("Admin", "admin@example.org");
        using var mod = await _app.NewModeratorAsync("Mod", "mod@example.org");
        var adminId = await _app.MemberIdAsync("admin@example.org");
        var modId = await _app.MemberIdAsync("mod@example.org");

        var page = await mod.GetAsync($"/moderation/members/{adminId}");
        Assert.Equal(HttpStatusCode.Forbidden, (await mod.SubmitAsync(page, "form.remove-account", new() { ["mode"] = "DeleteContent" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await mod.SubmitAsync(page, "form.suspend", new() { ["days"] = "1" })).Status);
        Assert.NotNull(await _app.Service<IMemberStore>().GetAsync(adminId));

        var removed = await admin.SubmitAsync(await admin.GetAsync($"/moderation/members/{modId}"), "form.remove-account", new() { ["mode"] = "Anonymize" });
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Null(await _app.Service<IMemberStore>().GetAsync(modId));
    }

    [Fact]
    public async Task Audit_log_is_read_by_administrators_only_and_keeps_no_personal_data()
    {
        using var admin = await _app.NewAdministratorAsync("Admin", "admin@example.org");
        using var mod = await _app.NewModeratorAsync("Mod", "mod@example.org");
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var (topicUrl, _) = await alice.TopicAsync("Mine", "private words");
        var aliceId = await _app.MemberIdAsync("alice@example.org");
        await mod.SubmitAsync(await mod.GetAsync($"/moderation/members/{aliceId}"), "form.remove-account", new() { ["mode"] = "DeleteContent", ["reason"] = "asked" });

        Assert.Equal(HttpStatusCode.Forbidden, (await mod.GetAsync("/moderation/audit")).Status);
        using var anon = _app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await anon.GetAsync("/moderation/audit")).Status);
        var audit = await admin.GetAsync("/moderation/audit");
        Assert.Equal(HttpStatusCode.OK, audit.Status);
        var row = audit.Document.QuerySelector("tr.audit-entry")!;
        Assert.Equal(("Mod", AuditActions.DeleteAccount, $"member {aliceId}", "asked"),
            (row.QuerySelector(".actor")!.TextContent, row.QuerySelector(".action")!.TextContent, row.QuerySelector(".item")!.TextContent, row.QuerySelector(".reason")!.TextContent));
        Assert.DoesNotContain("alice", audit.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("private words", audit.Html);
    }
}
