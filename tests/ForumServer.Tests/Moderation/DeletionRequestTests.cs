using System.Net;
using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Moderation;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Moderation;

public sealed class DeletionRequestTests : IDisposable
{
    private const string ForumAddress = "forum@example.org";
    private readonly TimedForumApp _app = new(new() { ["Forum:ContactAddress"] = ForumAddress });

    public void Dispose() => _app.Dispose();

    private IModerationStore Store => _app.Service<IModerationStore>();

    [Fact]
    public async Task Visitor_request_is_confirmed_by_link_reaches_the_forum_address_and_queue_and_the_requester_hears_each_decision()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var mod = await _app.NewModeratorAsync("Mod", "mod@example.org");
        var (topicUrl, _) = await alice.TopicAsync("Party", "photos");
        var postId = await alice.ReplyIdAsync(topicUrl, "Carla Rossi lives at Via Roma 1");

        using var carla = _app.NewBrowser();
        var form = await carla.GetAsync("/privacy/delete");
        var bad = await carla.SubmitAsync(form, "form.visitor-request", new() { ["Input.Email"] = "not an address", ["Input.Description"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("valid address", bad.Text("[data-valmsg-for='Input.Email']"));
        Assert.Contains("Describe", bad.Text("[data-valmsg-for='Input.Description']"));
        Assert.Null(await Store.GetDeletionRequestAsync(1));

        var filed = await carla.SubmitAsync(form, "form.visitor-request", new() { ["Input.Email"] = "carla@example.net", ["Input.Description"] = $"Post {postId} gives my home address." });
        Assert.Contains("Check your inbox", filed.Text(".notice"));

        // Unconfirmed: not in the queue, not at the forum address.
        Assert.Equal("0", (await mod.GetAsync("/moderation")).Text("header .queue .count.requests"));
        Assert.Equal(HttpStatusCode.NotFound, (await mod.GetAsync("/moderation/requests/1")).Status);
        var forged = await carla.GetAsync("/privacy/delete/confirm?id=1&token=0000");
        Assert.Equal(HttpStatusCode.BadRequest, (await carla.SubmitAsync(forged, "main form")).Status);
        Assert.Equal(DeletionRequestState.Received, (await Store.GetDeletionRequestAsync(1))!.State);

        var confirmMail = await _app.Mailbox.WaitForAsync("carla@example.net", "Confirm your deletion request");
        var confirmPage = await carla.GetAsync(Mailbox.LinkIn(confirmMail));
        var confirmed = await carla.SubmitAsync(confirmPage, "main form");
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Contains("is confirmed", confirmed.Text(".notice"));

        var notice = await _app.Mailbox.WaitForAsync(ForumAddress, "Deletion request #1");
        var queueLink = Mailbox.LinkIn(notice);
        Assert.Equal("/moderation/requests/1", queueLink);
        Assert.Equal("1", (await mod.GetAsync("/moderation")).Text("header .queue .count.requests"));
        var request = await mod.GetAsync(queueLink);
        Assert.Equal("Confirmed", request.Text(".state"));
        Assert.DoesNotContain("carla@example.net", request.Html); // requester addresses are for administrators
        Assert.Equal(_app.Time.GetUtcNow().AddDays(30).ToString("yyyy-MM-dd"), request.Text(".deadline"));

        await mod.SubmitAsync(request, "form.start");
        await _app.Mailbox.WaitForAsync("carla@example.net", "in progress");
        var badIds = await mod.SubmitAsync(await mod.GetAsync(queueLink), "form.complete", new() { ["postIds"] = "abc" });
        Assert.Equal(HttpStatusCode.BadRequest, badIds.Status);
        Assert.Contains("not a post id", badIds.Text("[data-valmsg-for='PostIds']"));
        var done = await mod.SubmitAsync(await mod.GetAsync(queueLink), "form.complete", new() { ["postIds"] = postId.ToString(), ["note"] = "address" });
        Assert.Equal(HttpStatusCode.Redirect, done.Status);

        Assert.Equal("Done", (await mod.GetAsync(queueLink)).Text(".state"));
        var decision = await _app.Mailbox.WaitForAsync("carla@example.net", "is done");
        Assert.Contains("#1", decision.Subject);
        Assert.Equal("Removed by a moderator.", (await carla.GetAsync(topicUrl)).Text($"#post-{postId} .removed-note"));
        Assert.Equal("0", (await mod.GetAsync("/moderation")).Text("header .queue .count.requests"));
        Assert.Contains(AuditActions.CompleteRequest, (await Store.ListAuditAsync(0, 10)).Select(e => e.Action));
    }

    [Fact]
    public async Task Member_asks_to_delete_chosen_posts_and_a_rejection_needs_and_sends_a_reason()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var bob = await _app.NewMemberAsync("Bob", "bob@example.org");
        using var mod = await _app.NewModeratorAsync("Mod", "mod@example.org");
        var (topicUrl, _) = await alice.TopicAsync("Mine", "first");
        var postId = await alice.ReplyIdAsync(topicUrl, "second");
        var bobsPost = await bob.ReplyIdAsync(topicUrl, "bob's");

        var form = await alice.GetAsync("/privacy/delete");
        Assert.DoesNotContain("bob's", form.Html);
        var notMine = await alice.SubmitAsync(form, "form.member-request", new() { ["Input.Scope"] = "Posts", ["Input.PostIds"] = bobsPost.ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, notMine.Status);
        Assert.Contains("not one of your posts", notMine.Text("[data-valmsg-for='Input.PostIds']"));

        var filed = await alice.SubmitAsync(form, "form.member-request", new() { ["Input.Scope"] = "Posts", ["Input.PostIds"] = postId.ToString() });
        Assert.Contains("is received", filed.Text(".notice"));
        await _app.Mailbox.WaitForAsync(ForumAddress, "Deletion request #1");
        await _app.Mailbox.WaitForAsync("alice@example.org", "is received");

        // Past the deadline the request stands out.
        _app.Time.Advance(TimeSpan.FromDays(31));
        await mod.SignInAsync("mod@example.org");
        var queue = await mod.GetAsync("/moderation");
        Assert.NotNull(queue.Document.QuerySelector("tr.request.overdue[data-request-id='1']"));
        Assert.Equal("overdue", queue.Text("tr.request.overdue .badge"));

        var page = await mod.GetAsync("/moderation/requests/1");
        var noReason = await mod.SubmitAsync(page, "form.reject", new() { ["reason"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.Contains("reason", noReason.Text("[data-valmsg-for='Reason']"));
        await mod.SubmitAsync(page, "form.reject", new() { ["reason"] = "That post is needed for the thread." });
        var mail = await _app.Mailbox.WaitForAsync("alice@example.org", "was rejected");
        Assert.Contains("That post is needed for the thread.", mail.TextBody);
        Assert.Equal("second", (await _app.Service<IForumStore>().GetPostAsync(postId))!.Markdown);
        Assert.Null((await mod.GetAsync("/moderation")).Document.QuerySelector("tr.request"));
    }

    [Fact]
    public async Task Member_account_request_done_by_a_moderator_runs_the_same_removal_as_moderation()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var mod = await _app.NewModeratorAsync("Mod", "mod@example.org");
        var (topicUrl, topicId) = await alice.TopicAsync("Mine", "first words");
        await alice.SubmitAsync(await alice.GetAsync("/privacy/delete"), "form.member-request", new() { ["Input.Scope"] = "Account" });
        var aliceId = await _app.MemberIdAsync("alice@example.org");

        var page = await mod.GetAsync("/moderation/requests/1");
        Assert.Contains("Alice", page.Text("dl"));
        await mod.SubmitAsync(page, "form.complete", new() { ["mode"] = "DeleteContent" });

        Assert.Null(await _app.Service<IMemberStore>().GetAsync(aliceId));
        Assert.Equal(HttpStatusCode.NotFound, (await mod.GetAsync(topicUrl)).Status);
        Assert.True((await _app.Service<IForumStore>().GetTopicAsync(topicId))!.IsRemoved);
        await _app.Mailbox.WaitForAsync("alice@example.org", "is done");
        Assert.Equal([AuditActions.DeleteAccount, AuditActions.CompleteRequest],
            (await Store.ListAuditAsync(0, 10)).Select(e => e.Action).Reverse());
    }
}
