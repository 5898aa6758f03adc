using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using ForumServer.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ForumServer.Tests.Live;

/// <summary>
/// The live hub over a real Kestrel socket, driven by members posting through the pages. The tests share one app;
/// each posts as a member of its own, in topics of its own, and waits only for messages about them.
/// </summary>
public sealed partial class ForumHubTests(SharedKestrelForumApp app) : IClassFixture<SharedKestrelForumApp>, IAsyncLifetime
{
    private static int _members;
    private readonly KestrelForumApp _app = app;
    private TestBrowser _alice = null!;
    private string _aliceName = "";

    public async Task InitializeAsync()
    {
        var n = Interlocked.Increment(ref _members);
        _aliceName = $"Alice{n}";
        _alice = await _app.NewMemberAsync(_aliceName, $"alice{n}@example.org");
    }

    public Task DisposeAsync()
    {
        _alice.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Watching_a_topic_delivers_its_reply_edit_and_removal_and_nothing_from_other_topics()
    {
        var topicA = (await _alice.CreateTopicAsync(1, "Watched topic", "first")).Location!;
        var topicB = (await _alice.CreateTopicAsync(1, "Other topic", "first")).Location!;
        await using var live = await LiveListener.ConnectAsync(_app.Address);
        await live.Connection.InvokeAsync("WatchTopic", TopicId(topicA));

        var replyId = PostId((await _alice.ReplyAsync(topicA, "Hello **live** world")).Location!);
        var created = await live.WaitForAsync("PostCreated");
        Assert.Equal(TopicId(topicA), created.Int("topicId"));
        Assert.Equal(replyId, created.Int("postId"));
        Assert.Equal(2, created.Int("number"));
        Assert.Equal(_aliceName, created.Text("authorName"));
        var article = new HtmlParser().ParseDocument(created.Text("html")).Body!.Children.Single();
        Assert.Equal($"post-{replyId}", article.Id);
        Assert.Equal("live", article.QuerySelector(".post-body strong")!.TextContent);
        Assert.Equal(_aliceName, article.QuerySelector(".author")!.TextContent);
        Assert.Null(article.QuerySelector(".post-actions"));

        await _alice.ReplyAsync(topicB, "Not for the watchers of A");

        var editForm = await _alice.GetAsync($"/p/{replyId}/edit");
        await _alice.SubmitAsync(editForm, "form.editor", new() { ["Input.Body"] = "Edited *live*" });
        var edited = await live.WaitForAsync("PostEdited");
        Assert.Equal(replyId, edited.Int("postId"));
        Assert.Contains("<em>live</em>", edited.Text("html"));
        Assert.Contains("edited", edited.Text("html"));

        var topicPage = await _alice.GetAsync(topicA);
        var confirm = await _alice.GetAsync(topicPage.Document.QuerySelector($"#post-{replyId} .post-actions a.delete")!.GetAttribute("href")!);
        await _alice.SubmitAsync(confirm, "form.actions");
        var removed = await live.WaitForAsync("PostRemoved");
        Assert.Equal(replyId, removed.Int("postId"));
        Assert.Contains("Deleted by its author.", removed.Text("html"));
        Assert.DoesNotContain("live", removed.Text("html"));

        Assert.Equal(["PostCreated", "PostEdited", "PostRemoved"], live.All.Select(r => r.Method));
        Assert.All(live.All, r => Assert.Equal(TopicId(topicA), r.Int("topicId")));
        Assert.All(live.All, r => Assert.DoesNotContain("@example.org", r.Message.GetRawText()));
    }

    [Fact]
    public async Task Category_and_front_page_watchers_see_new_topics_and_replies_without_email()
    {
        await using var front = await LiveListener.ConnectAsync(_app.Address);
        await front.Connection.InvokeAsync("WatchFront");
        await using var general = await LiveListener.ConnectAsync(_app.Address);
        await general.Connection.InvokeAsync("WatchCategory", 1);

        var topic = (await _alice.CreateTopicAsync(1, "Fresh news", "body")).Location!;
        foreach (var listener in new[] { front, general })
        {
            var created = await listener.WaitForAsync("TopicCreated", r => r.Int("topicId") == TopicId(topic));
            Assert.Equal(TopicId(topic), created.Int("topicId"));
            Assert.Equal("Fresh news", created.Text("title"));
            Assert.Contains($"href=\"{topic}\"", created.Text("rowHtml"));
        }

        await _alice.ReplyAsync(topic, "a reply");
        var activity = await general.WaitForAsync("TopicActivity", r => r.Int("topicId") == TopicId(topic));
        Assert.Equal(2, activity.Int("postCount"));
        Assert.Contains("<span class=\"reply-count\" data-posts=\"2\">1 reply</span>", activity.Text("rowHtml"));
        await front.WaitForAsync("TopicActivity", r => r.Int("topicId") == TopicId(topic));
        Assert.All(front.All.Concat(general.All), r => Assert.DoesNotContain("@example.org", r.Message.GetRawText()));
    }

    [Fact]
    public async Task Watching_what_does_not_exist_is_refused_with_a_reason()
    {
        await using var live = await LiveListener.ConnectAsync(_app.Address);
        var topic = await Assert.ThrowsAsync<HubException>(() => live.Connection.InvokeAsync("WatchTopic", 9999));
        Assert.Contains("Topic 9999 does not exist", topic.Message);
        var category = await Assert.ThrowsAsync<HubException>(() => live.Connection.InvokeAsync("WatchCategory", 77));
        Assert.Contains("Category 77 does not exist", category.Message);
        // The hub only listens: there is no method to send content through it.
        var send = await Assert.ThrowsAsync<HubException>(() => live.Connection.InvokeAsync("PostCreated", new { html = "<script>" }));
        Assert.Contains("PostCreated", send.Message);
    }

    [Fact]
    public async Task Posts_after_returns_missed_posts_as_the_viewer_sees_them()
    {
        var topic = (await _alice.CreateTopicAsync(1, "Catching up", "first")).Location!;
        var firstId = PostId((await _alice.FollowAsync(await _alice.GetAsync(topic))).Document.QuerySelector(".post")!.Id!);
        var r1 = PostId((await _alice.ReplyAsync(topic, "missed one")).Location!);
        var r2 = PostId((await _alice.ReplyAsync(topic, "missed two")).Location!);

        using var anon = _app.NewBrowser();
        var missed = await anon.Client.GetFromJsonAsync<JsonElement>($"/t/{TopicId(topic)}/posts-after/{firstId}");
        var posts = missed.GetProperty("posts").EnumerateArray().ToList();
        Assert.Equal([r1, r2], posts.Select(p => p.GetProperty("postId").GetInt32()));
        Assert.Contains("missed two", posts[1].GetProperty("html").GetString());
        Assert.DoesNotContain("post-actions", posts[1].GetProperty("html").GetString());
        Assert.False(missed.GetProperty("hasMore").GetBoolean());
        Assert.Equal(r2, missed.GetProperty("lastPostId").GetInt32());

        var own = await _alice.Client.GetFromJsonAsync<JsonElement>($"/t/{TopicId(topic)}/posts-after/{r1}?take=1");
        Assert.Contains($"href=\"/p/{r2}/edit\"", own.GetProperty("posts")[0].GetProperty("html").GetString());

        var missing = await anon.Client.GetAsync("/t/9999/posts-after/0");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Topic 9999 does not exist", await missing.Content.ReadAsStringAsync());
        var badTake = await anon.Client.GetAsync($"/t/{TopicId(topic)}/posts-after/0?take=0");
        Assert.Equal(HttpStatusCode.BadRequest, badTake.StatusCode);
        Assert.Contains("take must be between 1 and 50", await badTake.Content.ReadAsStringAsync());
    }

    private static int TopicId(string url) => int.Parse(TopicPattern().Match(url).Groups[1].Value);

    private static int PostId(string urlOrId) => int.Parse(PostPattern().Match(urlOrId).Groups[1].Value);

    [GeneratedRegex(@"/t/(\d+)")]
    private static partial Regex TopicPattern();

    [GeneratedRegex(@"post-(\d+)")]
    private static partial Regex PostPattern();
}
