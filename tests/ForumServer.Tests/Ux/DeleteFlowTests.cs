using System.Net;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Ux;

/// <summary>
/// Deleting asks first; an author deleting the opening post of an unanswered topic removes the topic. The tests
/// share one app; each has members and topics of its own.
/// </summary>
public sealed class DeleteFlowTests(SharedForumApp app) : IClassFixture<SharedForumApp>
{
    private readonly ForumApp _app = app;

    [Fact]
    public async Task Delete_link_asks_for_confirmation_and_only_the_post_deletes()
    {
        using var bob = await _app.NewMemberAsync("BobAsk", "bob.ask@example.org");
        var topicUrl = (await bob.CreateTopicAsync(1, "Ask first", "keep")).Location!;
        var topic = await bob.FollowAsync(await bob.ReplyAsync(topicUrl, "maybe delete"));
        var link = topic.Document.QuerySelector(".post:nth-of-type(2) .post-actions a.delete")!.GetAttribute("href")!;

        var confirm = await bob.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Contains("cannot be undone", confirm.Text(".delete-confirm p"));
        Assert.Contains("maybe delete", (await bob.GetAsync(topicUrl)).Html); // nothing happened yet

        var done = await bob.FollowAsync(await bob.SubmitAsync(confirm, ".delete-confirm form"));
        Assert.Equal("Deleted by its author.", done.Text(".post:nth-of-type(2) .removed-note"));
    }

    [Fact]
    public async Task Deleting_the_opening_post_of_an_unanswered_topic_removes_the_topic()
    {
        using var bob = await _app.NewMemberAsync("BobShell", "bob.shell@example.org");
        var topicUrl = (await bob.CreateTopicAsync(1, "Shell topic", "oops")).Location!;
        var topic = await bob.GetAsync(topicUrl);
        var confirm = await bob.GetAsync(topic.Document.QuerySelector(".post .post-actions a.delete")!.GetAttribute("href")!);
        Assert.Contains("removes the whole topic", confirm.Text(".delete-confirm p"));

        var landed = await bob.SubmitAsync(confirm, ".delete-confirm form");
        Assert.Equal("/c/1/general", landed.Location);
        using var visitor = _app.NewBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(topicUrl)).Status);
        Assert.DoesNotContain("Shell topic", (await visitor.GetAsync("/c/1/general")).Html);
        var reply = await bob.PostRawAsync(topicUrl + "?handler=Reply", new() { ["Input.Body"] = "into the void" });
        Assert.NotEqual(HttpStatusCode.Redirect, reply.StatusCode);
    }

    [Fact]
    public async Task With_someone_elses_reply_the_opening_post_goes_and_the_topic_stays()
    {
        using var bob = await _app.NewMemberAsync("BobAnswered", "bob.answered@example.org");
        using var eve = await _app.NewMemberAsync("EveAnswered", "eve.answered@example.org");
        var topicUrl = (await bob.CreateTopicAsync(1, "Answered", "question")).Location!;
        await eve.ReplyAsync(topicUrl, "an answer worth keeping");
        var topic = await bob.GetAsync(topicUrl);
        var confirm = await bob.GetAsync(topic.Document.QuerySelector(".post .post-actions a.delete")!.GetAttribute("href")!);
        Assert.DoesNotContain("removes the whole topic", confirm.Text(".delete-confirm p"));
        await bob.SubmitAsync(confirm, ".delete-confirm form");
        var after = await eve.GetAsync(topicUrl);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Contains("an answer worth keeping", after.Html);
    }

    [Fact]
    public async Task Someone_elses_delete_confirmation_is_refused()
    {
        using var bob = await _app.NewMemberAsync("BobNotYours", "bob.notyours@example.org");
        using var eve = await _app.NewMemberAsync("EveNotYours", "eve.notyours@example.org");
        var topicUrl = (await bob.CreateTopicAsync(1, "Not yours", "mine")).Location!;
        var postId = (await bob.GetAsync(topicUrl)).Document.QuerySelector(".post")!.GetAttribute("data-post-id");
        Assert.Equal(HttpStatusCode.Forbidden, (await eve.GetAsync($"/p/{postId}/edit?handler=Delete")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await eve.GetAsync("/p/999999/edit?handler=Delete")).Status);
    }
}
