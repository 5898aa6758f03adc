using System.Net;
using ForumServer.Core.Accounts;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Lists;
using ForumServer.Tests.Moderation;

namespace ForumServer.Tests.Notifications;

/// <summary>A member's deletion request shows each change of state on their bell and notifications page, in their language.</summary>
public sealed class DeletionRequestNotificationTests : SmtpForumTest
{

    [Fact]
    public async Task Each_state_of_a_members_request_is_a_notification_in_her_language_and_she_gets_one_mail_per_state_not_two()
    {
        using var alice = await App.NewMemberOverSmtpAsync(Sink, "Alice", "alice@example.org", language: "it");
        using var mod = await App.WithRoleAsync(await App.NewMemberOverSmtpAsync(Sink, "Mod", "mod@example.org"), "mod@example.org", Roles.Moderator);
        var (topicUrl, _) = await alice.TopicAsync("Vecchie foto", "prima");
        var postId = await alice.ReplyIdAsync(topicUrl, "la mia foto");

        var filed = await alice.SubmitAsync(await alice.GetAsync("/privacy/delete"), "form.member-request",
            new() { ["Input.Scope"] = "Posts", ["Input.PostIds"] = postId.ToString() });
        Assert.Equal(HttpStatusCode.OK, filed.Status);
        var front = await alice.GetAsync("/");
        Assert.Equal(1, front.BellCount());
        Assert.Equal(["La tua richiesta di cancellazione n. 1 è stata ricevuta"], (await alice.GetAsync("/notifications")).Texts(".notification .headline").ToArray());

        var request = await mod.GetAsync("/moderation/requests/1");
        await mod.SubmitAsync(request, "form.start");
        await mod.SubmitAsync(await mod.GetAsync("/moderation/requests/1"), "form.reject", new() { ["reason"] = "Serve alla discussione." });

        var page = await alice.GetAsync("/notifications");
        Assert.Equal(3, page.BellCount());
        Assert.Equal(
            ["La tua richiesta di cancellazione n. 1 è stata respinta", "La tua richiesta di cancellazione n. 1 è in lavorazione", "La tua richiesta di cancellazione n. 1 è stata ricevuta"],
            page.Texts(".notification .headline").ToArray());
        Assert.All(page.Document.QuerySelectorAll(".notification"), n => Assert.Equal("DeletionRequest", n.GetAttribute("data-kind")));
        // Nobody else hears of it.
        Assert.Empty((await mod.GetAsync("/notifications")).Document.QuerySelectorAll(".notification"));

        // The mail per state comes from moderation only: three mails, none from notifications, and no setting to get a second.
        await Sink.WaitForAsync("alice@example.org", "è stata respinta");
        await App.WaitForFanOutAsync();
        await App.WaitForOutboxDrainedAsync();
        var aboutRequest = Sink.To("alice@example.org").Where(m => m.Message.Subject!.Contains("richiesta di cancellazione")).Select(m => m.Message.Subject).ToList();
        Assert.Equal(3, aboutRequest.Count);
        Assert.All(aboutRequest, s => Assert.Contains("n. 1 a Test Forum", s));
        Assert.Null((await alice.GetAsync("/account/settings")).Document.QuerySelector("select[name='mail.DeletionRequest']"));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/notifications")).Status);
    }
}
