using System.Net;
using System.Text.Json;
using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Moderation;
using ForumServer.Storage.LiteDb;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Moderation;

public sealed class PrivacyTests : IDisposable
{
    private readonly ForumApp _app = new();

    public void Dispose() => _app.Dispose();

    private IForumStore Forum => _app.Service<IForumStore>();

    [Fact]
    public async Task Anonymizing_an_account_keeps_posts_as_by_former_member_and_deletes_email_name_ip_and_password()
    {
        using var alice = await _app.NewMemberAsync("Alice Liddell", "alice@example.org");
        using var bob = await _app.NewMemberAsync("Bob", "bob@example.org");
        using var mod = await _app.NewModeratorAsync("Mod", "mod@example.org");
        var (topicUrl, topicId) = await alice.TopicAsync("Rabbit holes", "Down we go");
        await bob.ReplyIdAsync(topicUrl, "Bob was here");
        var lastReply = await alice.ReplyIdAsync(topicUrl, "Curiouser and curiouser");
        var aliceId = await _app.MemberIdAsync("alice@example.org");

        var removed = await mod.SubmitAsync(await mod.GetAsync($"/moderation/members/{aliceId}"), "form.remove-account", new() { ["mode"] = "Anonymize" });
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);

        using var anon = _app.NewBrowser();
        var topic = await anon.GetAsync(topicUrl);
        Assert.Equal(["former member", "Bob", "former member"], topic.Texts(".post .author"));
        Assert.Equal("Curiouser and curiouser", topic.Text($"#post-{lastReply} .post-body"));
        var front = await anon.GetAsync("/");
        Assert.DoesNotContain("Alice", front.Html);
        Assert.DoesNotContain("Alice", topic.Html);

        var db = _app.Service<ForumDatabase>();
        Assert.Null(db.Members.FindById(aliceId));
        Assert.DoesNotContain(db.Members.FindAll(), m => m.Email == "alice@example.org" || m.DisplayName.StartsWith("Alice"));
        Assert.DoesNotContain(db.Posts.FindAll(), p => p.AuthorId == aliceId || p.AuthorName.Contains("Alice"));
        var storedTopic = db.Topics.FindById(topicId);
        Assert.Equal(("former member", "former member"), (storedTopic.AuthorName, storedTopic.LastPosterName));
        Assert.Equal(2, db.Posts.FindAll().Count(p => p.AuthorName == "former member" && !p.IsRemoved));

        using var again = _app.NewBrowser();
        Assert.Equal(HttpStatusCode.BadRequest, (await again.SignInAsync("alice@example.org")).Status);
        var audit = db.Audit.FindAll().Single();
        Assert.Equal((AuditActions.AnonymizeAccount, aliceId), (audit.Action, audit.ItemId));
    }

    [Fact]
    public async Task Deleting_an_account_with_content_removes_every_post_and_started_topic_and_the_member()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var bob = await _app.NewMemberAsync("Bob", "bob@example.org");
        using var mod = await _app.NewModeratorAsync("Mod", "mod@example.org");
        var (aliceTopic, aliceTopicId) = await alice.TopicAsync("Alice's topic", "alice first");
        var (bobTopic, _) = await bob.TopicAsync("Bob's topic", "bob first");
        var aliceReply = await alice.ReplyIdAsync(bobTopic, "alice reply text");
        var bobReply = await bob.ReplyIdAsync(bobTopic, "bob reply text");
        var aliceId = await _app.MemberIdAsync("alice@example.org");

        await mod.SubmitAsync(await mod.GetAsync($"/moderation/members/{aliceId}"), "form.remove-account", new() { ["mode"] = "DeleteContent" });

        using var anon = _app.NewBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync(aliceTopic)).Status);
        var topic = await anon.GetAsync(bobTopic);
        Assert.Equal("Removed with its author's account.", topic.Text($"#post-{aliceReply} .removed-note"));
        Assert.Equal("bob reply text", topic.Text($"#post-{bobReply} .post-body"));
        Assert.DoesNotContain("alice", topic.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Alice", (await anon.GetAsync("/")).Html);

        var db = _app.Service<ForumDatabase>();
        Assert.Null(db.Members.FindById(aliceId));
        Assert.DoesNotContain(db.Posts.FindAll(), p => p.Markdown.Contains("alice") || p.Html.Contains("alice") || p.AuthorId == aliceId);
        Assert.True(db.Topics.FindById(aliceTopicId).IsRemoved);
        Assert.Equal(1, db.Categories.FindById(1).TopicCount);
    }

    [Fact]
    public async Task Export_holds_the_members_own_data_and_nothing_of_other_members()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var bob = await _app.NewMemberAsync("Bob", "bob@example.org");
        var (topicUrl, _) = await alice.TopicAsync("Shared topic", "alice **markdown** text");
        var bobPost = await bob.ReplyIdAsync(topicUrl, "bob secret words");
        var flagForm = await alice.GetAsync($"/p/{bobPost}/flag");
        await alice.SubmitAsync(flagForm, "form.flag", new() { ["Input.Reason"] = "rude" });
        await alice.SubmitAsync(await alice.GetAsync("/privacy/delete"), "form.member-request", new() { ["Input.Scope"] = "Account", ["Input.Description"] = "please" });

        Assert.Equal(HttpStatusCode.Redirect, (await _app.NewBrowser().GetAsync("/privacy/export")).Status);
        var settings = await alice.GetAsync("/account/settings");
        var response = await alice.Client.GetAsync(settings.Document.QuerySelector("a[href='/privacy/export']")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var json = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("alice@example.org", root.GetProperty("profile").GetProperty("email").GetString());
        Assert.Equal("Alice", root.GetProperty("profile").GetProperty("displayName").GetString());
        Assert.True(root.GetProperty("lastAccess").TryGetProperty("at", out _));
        var posts = root.GetProperty("posts").EnumerateArray().ToList();
        Assert.Equal(["alice **markdown** text"], posts.Select(p => p.GetProperty("markdown").GetString()));
        Assert.Equal("rude", root.GetProperty("flagsFiled")[0].GetProperty("reason").GetString());
        Assert.Equal("please", root.GetProperty("deletionRequests")[0].GetProperty("description").GetString());

        Assert.DoesNotContain("bob", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", json);
    }

    [Fact]
    public async Task Member_removes_own_account_with_the_password_choosing_the_mode()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var (topicUrl, _) = await alice.TopicAsync("Leaving", "goodbye text");
        var aliceId = await _app.MemberIdAsync("alice@example.org");

        var settings = await alice.GetAsync("/account/settings");
        var wrong = await alice.SubmitAsync(settings, "form.remove-account", new() { ["Input.Password"] = "not my password", ["Input.RemovalMode"] = "DeleteContent" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Contains("password is wrong", wrong.Text("[data-valmsg-for='Input.Password']"));
        Assert.NotNull(await _app.Service<IMemberStore>().GetAsync(aliceId));

        var done = await alice.SubmitAsync(settings, "form.remove-account", new() { ["Input.Password"] = Flows.Password, ["Input.RemovalMode"] = "DeleteContent" });
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Null(await _app.Service<IMemberStore>().GetAsync(aliceId));
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync(topicUrl)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await alice.GetAsync("/account/settings")).Status);
        var audit = _app.Service<ForumDatabase>().Audit.FindAll().Single();
        Assert.Equal((aliceId, AuditActions.DeleteAccount), (audit.ActorId, audit.Action));
    }

    [Fact]
    public async Task The_only_administrator_cannot_remove_their_own_account()
    {
        using var admin = await _app.NewAdministratorAsync("Admin", "admin@example.org");
        var settings = await admin.GetAsync("/account/settings");
        var refused = await admin.SubmitAsync(settings, "form.remove-account", new() { ["Input.Password"] = Flows.Password });
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("only administrator", refused.Text("form.remove-account .errors"));
        Assert.NotNull(await _app.Service<IMemberStore>().GetAsync(await _app.MemberIdAsync("admin@example.org")));
    }

    [Fact]
    public async Task Language_is_chosen_in_settings_and_stored_on_the_member()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var settings = await alice.GetAsync("/account/settings");
        Assert.Equal(["", "en", "it", "de"], settings.Document.QuerySelectorAll("select[name='Input.Language'] option").Select(o => o.GetAttribute("value")));
        var saved = await alice.SubmitAsync(settings, "form.language", new() { ["Input.Language"] = "it" });
        Assert.Contains("language is saved", saved.Text(".notice"));
        Assert.Equal("it", (await _app.Service<IMemberStore>().GetAsync(await _app.MemberIdAsync("alice@example.org")))!.Language);
        Assert.Equal("it", (await alice.GetAsync("/account/settings")).Document.QuerySelector("select[name='Input.Language'] option[selected]")!.GetAttribute("value"));

        var bad = await alice.SubmitAsync(settings, "form.language", new() { ["Input.Language"] = "xx" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        // The member now reads the pages in Italian, so the error is Italian too.
        Assert.Contains("English, Italiano, Deutsch", bad.Text("[data-valmsg-for='Input.Language']"));
        Assert.Equal("it", (await _app.Service<IMemberStore>().GetAsync(await _app.MemberIdAsync("alice@example.org")))!.Language);
    }
}
