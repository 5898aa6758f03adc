using System.Net;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Lists;

namespace ForumServer.Tests.Notifications;

/// <summary>An edit that adds @mentions notifies the newly mentioned members, by bell and mail, and nobody twice.</summary>
public sealed class EditMentionTests : SmtpForumTest
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Notifications:MaxMentionsPerPost"] = "3";

    [Fact]
    public async Task Editing_a_post_to_add_mentions_notifies_only_the_newly_mentioned_never_the_author_or_a_muted_member_and_at_most_the_limit()
    {
        using var alice = await App.NewMemberOverSmtpAsync(Sink, "Alice", "alice@example.org");
        using var bob = await App.NewMemberOverSmtpAsync(Sink, "Bob", "bob@example.org");
        using var carol = await App.NewMemberOverSmtpAsync(Sink, "Carol", "carol@example.org");
        using var dave = await App.NewMemberOverSmtpAsync(Sink, "Dave", "dave@example.org");
        using var erin = await App.NewMemberOverSmtpAsync(Sink, "Erin", "erin@example.org");
        using var frank = await App.NewMemberOverSmtpAsync(Sink, "Frank", "frank@example.org");
        var topic = (await erin.CreateTopicAsync(1, "Picnic", "Saturday?")).Location!;
        await dave.SubmitAsync(await dave.GetAsync(topic), "form.watch-level[data-target=Topic]", new() { ["level"] = "Muted" });

        var reply = await alice.ReplyAsync(topic, "Bring cake, @Bob.");
        var postId = reply.Location!.Split("#post-")[1];
        await Sink.WaitForAsync("bob@example.org", "Alice mentioned you in \"Picnic\"");
        await App.WaitForFanOutAsync();

        // Bob stays mentioned, Carol is new, Dave muted the topic, Alice is the author.
        var form = await alice.GetAsync($"/p/{postId}/edit");
        var edited = await alice.SubmitAsync(form, "form.editor", new() { ["Input.Body"] = "Bring cake, @Bob. And @Carol, @Dave and @Alice bring plates." });
        Assert.Equal(HttpStatusCode.Redirect, edited.Status);
        await App.WaitForFanOutAsync();

        var carolPage = await carol.GetAsync("/notifications");
        Assert.Equal(["Alice mentioned you in \"Picnic\""], carolPage.Texts(".notification .headline").ToArray());
        Assert.Equal(1, carolPage.BellCount());
        var carolMail = await Sink.WaitForAsync("carol@example.org", "Alice mentioned you in \"Picnic\"");
        Assert.Contains("And @Carol, @Dave and @Alice bring plates.", carolMail.Message.TextBody);
        Assert.Equal(["Alice mentioned you in \"Picnic\""], (await bob.GetAsync("/notifications")).Texts(".notification .headline").ToArray());
        Assert.Empty((await dave.GetAsync("/notifications")).Document.QuerySelectorAll(".notification"));
        Assert.Empty((await alice.GetAsync("/notifications")).Document.QuerySelectorAll(".notification"));

        // Editing again (a typo) tells nobody anything new; a fourth name is past the limit of 3 per post.
        var again = await alice.SubmitAsync(await alice.GetAsync($"/p/{postId}/edit"), "form.editor",
            new() { ["Input.Body"] = "Bring a cake, @Bob. And @Carol, @Dave, @Frank and @Alice bring plates." });
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        await App.WaitForFanOutAsync();
        await App.WaitForOutboxDrainedAsync();
        Assert.Single((await carol.GetAsync("/notifications")).Document.QuerySelectorAll(".notification"));
        Assert.Single((await bob.GetAsync("/notifications")).Document.QuerySelectorAll(".notification"));
        Assert.Single(Sink.To("carol@example.org"), m => m.Message.Subject!.Contains("Picnic"));
        Assert.Single(Sink.To("bob@example.org"), m => m.Message.Subject!.Contains("Picnic"));
        Assert.Empty((await frank.GetAsync("/notifications")).Document.QuerySelectorAll(".notification"));
        Assert.DoesNotContain(Sink.To("frank@example.org"), m => m.Message.Subject!.Contains("Picnic"));
    }
}
