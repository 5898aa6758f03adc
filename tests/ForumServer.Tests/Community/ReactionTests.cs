using System.Net;
using System.Text.Json;
using ForumServer.Core.Reactions;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Community;

/// <summary>Likes. The tests share one app; each has members and topics of its own.</summary>
public sealed class ReactionTests(SharedForumApp app) : IClassFixture<SharedForumApp>
{
    private readonly ForumApp _app = app;

    [Fact]
    public async Task A_like_counts_once_per_member_even_when_sent_in_parallel_and_shows_who_liked()
    {
        using var alice = await _app.NewMemberAsync("AliceLiked", "alice.liked@example.org");
        using var bob = await _app.NewMemberAsync("BobLikes", "bob.likes@example.org");
        using var carol = await _app.NewMemberAsync("CarolLikes", "carol.likes@example.org");
        var topic = (await alice.CreateTopicAsync(1, "Like me", "A helpful post.")).Location!;
        var postId = (await bob.GetAsync(topic)).PostIds()[0];

        var likes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => bob.PostFormAsync($"/p/{postId}/like", new() { ["like"] = "true" })));
        Assert.All(likes, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, await _app.Service<IReactionStore>().CountOfPostAsync(postId));
        var json = await carol.PostFormAsync($"/p/{postId}/like", new() { ["like"] = "true" }, json: true);
        Assert.Equal(2, JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("count").GetInt32());

        using var anon = _app.NewBrowser();
        var page = await anon.GetAsync(topic);
        Assert.Equal("2 likes", page.Text($"#post-{postId} a.likes"));
        Assert.Null(page.Document.QuerySelector($"#post-{postId} form.like-form"));
        var who = await anon.GetAsync($"/p/{postId}/like");
        Assert.Equal(["BobLikes", "CarolLikes"], who.Texts(".liked-by li").Order());
        Assert.DoesNotContain("@example.org", who.Html);
        Assert.Equal("2 likes", (await anon.GetAsync("/")).Document.QuerySelectorAll(".topic-row")
            .Single(r => r.TextContent.Contains("Like me")).QuerySelector(".like-count")!.TextContent.Trim());

        // Bob's button now takes the like back.
        var bobPage = await bob.GetAsync(topic);
        Assert.Equal("false", bobPage.Document.QuerySelector($"#post-{postId} form.like-form input[name=like]")!.GetAttribute("value"));
        var unliked = await bob.SubmitAsync(bobPage, $"#post-{postId} form.like-form");
        Assert.Equal(HttpStatusCode.Redirect, unliked.Status);
        Assert.Equal("1 like", (await bob.GetAsync(topic)).Text($"#post-{postId} a.likes"));
    }

    [Fact]
    public async Task Own_posts_cannot_be_liked_and_anonymous_or_bad_requests_change_nothing()
    {
        using var alice = await _app.NewMemberAsync("AliceOwn", "alice.own@example.org");
        var topic = (await alice.CreateTopicAsync(1, "Mine", "My own post.")).Location!;
        var page = await alice.GetAsync(topic);
        var postId = page.PostIds()[0];
        Assert.Null(page.Document.QuerySelector($"#post-{postId} form.like-form"));

        var own = await alice.PostFormAsync($"/p/{postId}/like", new() { ["like"] = "true" });
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Contains("You cannot like your own post.", await own.Content.ReadAsStringAsync());
        var ownJson = await alice.PostFormAsync($"/p/{postId}/like", new() { ["like"] = "true" }, json: true);
        Assert.Equal(HttpStatusCode.BadRequest, ownJson.StatusCode);
        Assert.Equal("application/problem+json", ownJson.Content.Headers.ContentType!.MediaType);

        using var anon = _app.NewBrowser();
        var anonymous = await anon.PostFormAsync($"/p/{postId}/like", new() { ["like"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString);
        var forged = await alice.PostRawAsync($"/p/{postId}/like", new() { ["like"] = "true" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode); // no antiforgery token
        Assert.Equal(HttpStatusCode.NotFound, (await alice.PostFormAsync("/p/999999/like", new() { ["like"] = "true" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/p/999999/like")).Status);
        Assert.Equal(0, await _app.Service<IReactionStore>().CountOfPostAsync(postId));
    }

    [Fact]
    public async Task Removing_an_account_removes_its_likes_and_the_export_lists_them_before()
    {
        using var alice = await _app.NewMemberAsync("AliceRemoved", "alice.removed@example.org");
        using var bob = await _app.NewMemberAsync("BobRemoved", "bob.removed@example.org");
        var topic = (await alice.CreateTopicAsync(1, "Liked", "Post.")).Location!;
        var postId = (await bob.GetAsync(topic)).PostIds()[0];
        await bob.PostFormAsync($"/p/{postId}/like", new() { ["like"] = "true" });

        var export = await bob.Client.GetAsync("/privacy/export");
        var community = JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement.GetProperty("community");
        Assert.Equal(postId, community.GetProperty("likes")[0].GetProperty("postId").GetInt32());

        var settings = await bob.GetAsync("/account/settings");
        await bob.SubmitAsync(settings, "form.remove-account", new() { ["Input.RemovalMode"] = "Anonymize", ["Input.Password"] = Flows.Password });
        Assert.Equal(0, await _app.Service<IReactionStore>().CountOfPostAsync(postId));
        using var anon = _app.NewBrowser();
        Assert.Null((await anon.GetAsync(topic)).Document.QuerySelector($"#post-{postId} a.likes:not([hidden])"));
    }
}
