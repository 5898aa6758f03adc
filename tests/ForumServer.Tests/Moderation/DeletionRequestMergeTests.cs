using System.Net;
using ForumServer.Core.Accounts;
using ForumServer.Core.Moderation;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Lists;
using ForumServer.Tests.Notifications;

namespace ForumServer.Tests.Moderation;

/// <summary>Asking again for what an open request already asks gives that request, also when the asks arrive in parallel.</summary>
public sealed class DeletionRequestMergeTests : SmtpForumTest
{
    private const string ForumAddress = "forum@example.org";

    protected override void Configure(Dictionary<string, string?> settings) => settings["Forum:ContactAddress"] = ForumAddress;

    private IModerationStore Store => App.Service<IModerationStore>();

    [Fact]
    public async Task A_member_asking_again_for_the_same_thing_gets_the_open_request_and_no_second_mail()
    {
        using var alice = await App.NewMemberOverSmtpAsync(Sink, "Alice", "alice@example.org");
        using var mod = await App.WithRoleAsync(await App.NewMemberOverSmtpAsync(Sink, "Mod", "mod@example.org"), "mod@example.org", Roles.Moderator);
        var (topicUrl, _) = await alice.TopicAsync("Mine", "first");
        var postId = await alice.ReplyIdAsync(topicUrl, "second");

        var first = await alice.SubmitAsync(await alice.GetAsync("/privacy/delete"), "form.member-request", new() { ["Input.Scope"] = "Account" });
        Assert.StartsWith("Your request #1 is received.", first.Text(".notice"));
        var again = await alice.SubmitAsync(await alice.GetAsync("/privacy/delete"), "form.member-request",
            new() { ["Input.Scope"] = "Account", ["Input.Description"] = "Please hurry." });
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.StartsWith("Your request is already open, reference #1.", again.Text(".notice"));

        // Other posts are another thing to ask for.
        var posts = await alice.SubmitAsync(await alice.GetAsync("/privacy/delete"), "form.member-request",
            new() { ["Input.Scope"] = "Posts", ["Input.PostIds"] = postId.ToString() });
        Assert.StartsWith("Your request #2 is received.", posts.Text(".notice"));
        Assert.Equal(2, await Store.CountOpenDeletionRequestsAsync());
        Assert.Equal("2", (await mod.GetAsync("/moderation")).Text("header .queue .count.requests"));

        // Once decided, the same ask is a new request.
        await mod.SubmitAsync(await mod.GetAsync("/moderation/requests/1"), "form.reject", new() { ["reason"] = "Ask again later." });
        var later = await alice.SubmitAsync(await alice.GetAsync("/privacy/delete"), "form.member-request", new() { ["Input.Scope"] = "Account" });
        Assert.StartsWith("Your request #3 is received.", later.Text(".notice"));

        await Sink.WaitForAsync("alice@example.org", "#3 to Test Forum is received");
        await App.WaitForOutboxDrainedAsync();
        Assert.Equal(["#1", "#2", "#3"], ReceivedMails("alice@example.org"));
        Assert.Equal(3, Sink.To(ForumAddress).Count);
    }

    [Fact]
    public async Task Identical_member_requests_sent_in_parallel_leave_one_open_request()
    {
        using var alice = await App.NewMemberOverSmtpAsync(Sink, "Alice", "alice@example.org");
        var (topicUrl, _) = await alice.TopicAsync("Mine", "first");
        var postId = await alice.ReplyIdAsync(topicUrl, "second");
        var form = await alice.GetAsync("/privacy/delete");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            alice.SubmitAsync(form, "form.member-request", new() { ["Input.Scope"] = "Posts", ["Input.PostIds"] = postId.ToString() }))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(1, await Store.CountOpenDeletionRequestsAsync());
        var id = (await Store.ListOpenDeletionRequestsAsync(10)).Single().Id;
        var notices = answers.Select(a => a.Text(".notice")).ToList();
        Assert.Single(notices, n => n.StartsWith($"Your request #{id} is received.", StringComparison.Ordinal));
        Assert.Equal(7, notices.Count(n => n.StartsWith($"Your request is already open, reference #{id}.", StringComparison.Ordinal)));
        await Sink.WaitForAsync("alice@example.org", "is received");
        await App.WaitForOutboxDrainedAsync();
        Assert.Equal([$"#{id}"], ReceivedMails("alice@example.org"));
        Assert.Single(Sink.To(ForumAddress));
    }

    [Fact]
    public async Task A_visitor_confirming_the_same_request_again_gets_the_open_one_also_in_parallel()
    {
        using var carla = App.NewBrowser();
        async Task<string> FileAsync(string email, string description)
        {
            var seen = Sink.To(email).Count(m => m.Message.Subject!.Contains("Confirm your deletion request"));
            var filed = await carla.SubmitAsync(await carla.GetAsync("/privacy/delete"), "form.visitor-request",
                new() { ["Input.Email"] = email, ["Input.Description"] = description });
            Assert.Contains("Check your inbox", filed.Text(".notice"));
            return Mailbox.LinkIn((await Sink.WaitForAsync(email, "Confirm your deletion request", alreadySeen: seen)).Message);
        }
        async Task<TestBrowser.Page> ConfirmAsync(string link) => await carla.SubmitAsync(await carla.GetAsync(link), "main form");

        var first = await ConfirmAsync(await FileAsync("carla@example.net", "Post 3 shows my address."));
        Assert.StartsWith("Thank you, request #1 is confirmed.", first.Text(".notice"));

        // Same address (case and +tag aside), same words (case and spacing aside): one request stays open.
        var links = new List<string>();
        links.Add(await FileAsync("Carla+forum@example.net", "post 3  shows my address."));
        links.Add(await FileAsync("carla@example.net", "Post 3 shows my address. "));
        var parallel = await Task.WhenAll(links.Select(l => Task.Run(() => ConfirmAsync(l))));
        Assert.All(parallel, p => Assert.StartsWith("Your request is already open, reference #1.", p.Text(".notice")));
        Assert.Equal(1, await Store.CountOpenDeletionRequestsAsync());

        // Something else from the same address is a request of its own.
        var other = await ConfirmAsync(await FileAsync("carla@example.net", "Post 9 has my photo."));
        Assert.StartsWith("Thank you, request #4 is confirmed.", other.Text(".notice"));
        Assert.Equal(2, await Store.CountOpenDeletionRequestsAsync());
        await App.WaitForOutboxDrainedAsync();
        Assert.Equal(2, Sink.To(ForumAddress).Count);
        Assert.Equal(DeletionRequestState.Received, (await Store.GetDeletionRequestAsync(2))!.State);
    }

    private List<string> ReceivedMails(string address) =>
        Sink.To(address).Select(m => m.Message.Subject!).Where(s => s.Contains("is received"))
            .Select(s => s.Split(' ').Single(w => w.StartsWith('#'))).Order().ToList();
}
