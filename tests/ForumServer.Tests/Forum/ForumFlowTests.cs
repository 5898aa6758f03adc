using System.Net;
using ForumServer.Core.Forum;
using ForumServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ForumServer.Tests.Forum;

/// <summary>The main paths through the forum. The tests share one app; each has members and topics of its own.</summary>
public sealed class ForumFlowTests(SharedForumApp app) : IClassFixture<SharedForumApp>
{
    private readonly ForumApp _app = app;

    [Fact]
    public async Task First_start_creates_General_and_front_page_lists_it()
    {
        using var anon = _app.NewBrowser();
        var front = await anon.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, front.Status);
        Assert.Contains("General", front.Texts(".category-list a"));
        Assert.Equal("/theme/theme.css", front.Document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"));
        var css = await anon.Client.GetAsync("/theme/theme.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("prefers-color-scheme: dark", await css.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_confirm_sign_in_post_reply_edit_sign_out_and_read_anonymously()
    {
        using var alice = _app.NewBrowser();
        var registered = await alice.RegisterAsync("Alice", "alice@example.org");
        Assert.Contains("Check your inbox", registered.Html);

        // Before confirming, signing in works but posting does not.
        await alice.SignInAsync("alice@example.org");
        var blocked = await alice.GetAsync("/c/1/new");
        Assert.Contains("Confirm your email address before you post", blocked.Html);
        Assert.Null(blocked.Document.QuerySelector("form.editor"));

        await alice.ConfirmEmailFromMailAsync(_app, "alice@example.org");
        var created = await alice.CreateTopicAsync(1, "Release 1.0 is out", "We shipped **1.0**.\n\n- fast\n- small");
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var topicUrl = created.Location!;
        Assert.Matches(@"^/t/\d+/release-1-0-is-out$", topicUrl);

        var replied = await alice.ReplyAsync(topicUrl, "And a reply with `code`.");
        Assert.Equal(HttpStatusCode.Redirect, replied.Status);
        var topic = await alice.FollowAsync(replied);
        Assert.Equal(["Alice", "Alice"], topic.Texts(".post .author"));
        Assert.Equal("code", topic.Text(".post:nth-of-type(2) .post-body code"));

        var editLink = topic.Document.QuerySelectorAll(".post .post-actions a:not(.delete)").Last().GetAttribute("href")!;
        var editForm = await alice.GetAsync(editLink);
        Assert.Equal("And a reply with `code`.", editForm.Document.QuerySelector("textarea")!.TextContent);
        var edited = await alice.FollowAsync(await alice.SubmitAsync(editForm, "form.editor", new() { ["Input.Body"] = "Edited *reply*." }));
        Assert.Equal("reply", edited.Text(".post:nth-of-type(2) .post-body em"));
        Assert.Contains("edited", edited.Text(".post:nth-of-type(2) .edited"));

        var signOut = await alice.SubmitAsync(edited, "header form");
        Assert.Equal(HttpStatusCode.Redirect, signOut.Status);

        using var anon = _app.NewBrowser();
        var read = await anon.GetAsync(topicUrl);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("Release 1.0 is out", read.Document.QuerySelector("h1")!.ChildNodes[0].TextContent.Trim());
        Assert.Equal("1.0", read.Text(".post-body strong"));
        Assert.Empty(read.Document.QuerySelectorAll(".post-actions"));
        Assert.Null(read.Document.QuerySelector("form#reply"));
        Assert.Contains("Sign in", read.Text(".notice"));
        var front = await anon.GetAsync("/");
        Assert.Contains("Release 1.0 is out", front.Texts(".topic-title"));
    }

    [Fact]
    public async Task Author_deletes_own_post_and_readers_see_a_placeholder()
    {
        using var bob = await _app.NewMemberAsync("BobDelete", "bob.delete@example.org");
        var topicUrl = (await bob.CreateTopicAsync(1, "Deleting", "keep")).Location!;
        var topic = await bob.FollowAsync(await bob.ReplyAsync(topicUrl, "regret this"));
        var confirm = await bob.GetAsync(topic.Document.QuerySelector(".post:nth-of-type(2) .post-actions a.delete")!.GetAttribute("href")!);
        var deleted = await bob.FollowAsync(await bob.SubmitAsync(confirm, ".delete-confirm form"));
        Assert.Equal("Deleted by its author.", deleted.Text(".post:nth-of-type(2) .removed-note"));
        Assert.DoesNotContain("regret this", deleted.Html);
    }

    [Fact]
    public async Task Another_member_cannot_edit_or_delete_someone_elses_post()
    {
        using var bob = await _app.NewMemberAsync("BobMine", "bob.mine@example.org");
        using var eve = await _app.NewMemberAsync("EveMine", "eve.mine@example.org");
        var topicUrl = (await bob.CreateTopicAsync(1, "Mine", "original text")).Location!;
        var postId = (await bob.GetAsync(topicUrl)).Document.QuerySelector(".post")!.GetAttribute("data-post-id");

        var evePage = await eve.GetAsync(topicUrl);
        Assert.Empty(evePage.Document.QuerySelectorAll(".post-actions"));
        Assert.Equal(HttpStatusCode.Forbidden, (await eve.GetAsync($"/p/{postId}/edit")).Status);

        // Even with a valid antiforgery token from the reply form, the edit is refused.
        var token = evePage.Document.QuerySelector("form#reply input[name=__af]")!.GetAttribute("value")!;
        var response = await eve.PostRawAsync($"/p/{postId}/edit", new() { ["__af"] = token, ["Input.Body"] = "hacked" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var delete = await eve.PostRawAsync($"/p/{postId}/edit?handler=Delete", new() { ["__af"] = token });
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Contains("original text", (await bob.GetAsync(topicUrl)).Html);
    }

    [Fact]
    public async Task Topic_pages_hold_twenty_posts_and_link_to_each_other()
    {
        using var bob = await _app.NewMemberAsync("BobPaging", "bob.paging@example.org");
        var topicUrl = (await bob.CreateTopicAsync(1, "Paging", "post 1")).Location!;
        var store = _app.Service<IForumStore>();
        var forum = _app.Services.CreateScope().ServiceProvider.GetRequiredService<ForumServer.Core.Forum.ForumService>();
        var topicId = int.Parse(topicUrl.Split('/')[2]);
        var actor = new ForumServer.Core.Accounts.Actor((await store.ListPostsAsync(topicId, 0, 1))[0].AuthorId, "BobPaging", true, false);
        for (var i = 2; i <= 21; i++) await forum.ReplyAsync(actor, topicId, $"post {i}");

        var first = await bob.GetAsync(topicUrl);
        Assert.Equal(20, first.Document.QuerySelectorAll(".post").Length);
        Assert.Equal(topicUrl + "?page=2", first.Document.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        var second = await bob.GetAsync(topicUrl + "?page=2");
        Assert.Equal(["post 21"], second.Texts(".post-body"));
        var past = await bob.GetAsync(topicUrl + "?page=3");
        Assert.Equal(HttpStatusCode.Redirect, past.Status); // a page past the last goes to the last
        Assert.Equal(topicUrl + "?page=2", past.Location);

        // A reply lands on the last page, and the redirect goes there.
        var replied = await bob.ReplyAsync(topicUrl, "post 22");
        Assert.Matches(@"\?page=2#post-\d+$", replied.Location!);
    }
}
