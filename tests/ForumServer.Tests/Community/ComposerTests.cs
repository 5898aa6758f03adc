using System.Net;
using System.Text.Json;
using ForumServer.Core.Drafts;
using ForumServer.Core.Forum;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Community;

/// <summary>Preview and drafts. The tests share one app; each has members and topics of its own.</summary>
public sealed class ComposerTests(SharedForumApp app) : IClassFixture<SharedForumApp>
{
    private readonly ForumApp _app = app;

    private const string Markdown = "**Bold** and _it_, a [link](https://example.org), `code`\n\n> quoted\n\n- one\n- two\n\n<script>alert(1)</script><img src=x onerror=alert(1)>";

    [Fact]
    public async Task Preview_is_exactly_the_html_the_post_is_stored_with()
    {
        using var alice = await _app.NewMemberAsync("AlicePreview", "alice.preview@example.org");
        var response = await alice.PostFormAsync("/composer/preview", new() { ["body"] = Markdown }, json: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("html").GetString()!;
        Assert.DoesNotContain("<script", preview);
        Assert.DoesNotContain("onerror", preview);

        var created = await alice.CreateTopicAsync(1, "Previewed", Markdown);
        var topicId = int.Parse(created.Location!.Split('/')[2]);
        var stored = (await _app.Service<IForumStore>().ListPostsAsync(topicId, 0, 1))[0].Html;
        Assert.Equal(stored, preview);
    }

    [Fact]
    public async Task Preview_refuses_anonymous_visitors_oversized_text_and_unconfirmed_members()
    {
        using var anon = _app.NewBrowser();
        var anonymous = await anon.PostFormAsync("/composer/preview", new() { ["body"] = "hi" }, json: true);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);

        using var alice = await _app.NewMemberAsync("AliceRefused", "alice.refused@example.org");
        var big = await alice.PostFormAsync("/composer/preview", new() { ["body"] = new string('x', 70 * 1024) }, json: true);
        Assert.Equal(HttpStatusCode.BadRequest, big.StatusCode);
        Assert.Contains("64 KiB", await big.Content.ReadAsStringAsync());

        using var bob = _app.NewBrowser();
        await bob.RegisterAsync("BobUnconfirmed", "bob.unconfirmed@example.org");
        await bob.SignInAsync("bob.unconfirmed@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PostFormAsync("/composer/preview", new() { ["body"] = "hi" }, json: true)).StatusCode);
    }

    [Fact]
    public async Task Drafts_are_kept_per_member_and_place_and_deleted_when_posted()
    {
        using var alice = await _app.NewMemberAsync("AliceDrafts", "alice.drafts@example.org");
        using var bob = await _app.NewMemberAsync("BobDrafts", "bob.drafts@example.org");
        var topic = (await alice.CreateTopicAsync(1, "Drafty", "Start.")).Location!;
        var key = Draft.TopicKey(int.Parse(topic.Split('/')[2]));

        Assert.Equal(HttpStatusCode.OK, (await bob.PostFormAsync("/composer/draft", new() { ["key"] = key, ["body"] = "Half a reply" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.PostFormAsync("/composer/draft", new() { ["key"] = "c1", ["title"] = "A new idea", ["body"] = "Later." })).StatusCode);
        var got = await bob.Client.GetAsync($"/composer/draft?key={key}");
        Assert.Equal("Half a reply", JsonDocument.Parse(await got.Content.ReadAsStringAsync()).RootElement.GetProperty("body").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await alice.Client.GetAsync($"/composer/draft?key={key}")).StatusCode); // Alice never sees Bob's

        // Bad input is refused and stores nothing.
        foreach (var bad in new[] { "x", "t0", "t-1", "u5", "t99999999999", "../t1", "" })
            Assert.Equal(HttpStatusCode.BadRequest, (await bob.PostFormAsync("/composer/draft", new() { ["key"] = bad, ["body"] = "no" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await bob.PostFormAsync("/composer/draft", new() { ["key"] = key, ["body"] = new string('y', 65 * 1024 + 1) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await bob.Client.GetAsync("/composer/draft?key=zzz")).StatusCode);
        var bobId = await _app.MemberIdAsync("bob.drafts@example.org");
        Assert.Equal(2, (await _app.Service<IDraftStore>().ListOfMemberAsync(bobId)).Count);

        await bob.ReplyAsync(topic, "The finished reply.");
        Assert.Equal(HttpStatusCode.NoContent, (await bob.Client.GetAsync($"/composer/draft?key={key}")).StatusCode);
        await bob.CreateTopicAsync(1, "A new idea", "Now written.");
        Assert.Empty(await _app.Service<IDraftStore>().ListOfMemberAsync(bobId));
    }
}
