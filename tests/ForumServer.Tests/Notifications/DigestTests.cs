using ForumServer.Core.Notifications;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Moderation;

namespace ForumServer.Tests.Notifications;

/// <summary>Hourly digests, with a clock the test moves.</summary>
public sealed class DigestTests : IDisposable
{
    private readonly TimedForumApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Hourly_digest_gathers_the_replies_of_the_hour_into_one_mail()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var bob = await _app.NewMemberAsync("Bob", "bob@example.org");
        var settings = await alice.GetAsync("/account/settings");
        await alice.SubmitAsync(settings, "form.notification-mail", new() { ["mail.ReplyToYou"] = "Hourly" });
        var topic = (await alice.CreateTopicAsync(1, "Quiet hours", "Mail me less.")).Location!;

        await bob.ReplyAsync(topic, "First answer.");
        await bob.ReplyAsync(topic, "Second answer.");
        await _app.WaitForFanOutAsync();
        var aliceId = await _app.MemberIdAsync("alice@example.org");
        var store = _app.Service<INotificationStore>();
        Assert.All(await store.ListNotificationsAsync(aliceId, 0, 10), n => Assert.Equal(NotificationMailState.Pending, n.MailState));
        Assert.DoesNotContain(_app.Mailbox.To("alice@example.org"), m => m.Subject!.Contains("Quiet hours"));

        _app.Time.Advance(TimeSpan.FromMinutes(61));
        var digest = await _app.Mailbox.WaitForAsync("alice@example.org", "2 new notifications");
        Assert.Contains("* Bob replied to your topic \"Quiet hours\"", digest.TextBody);
        Assert.Contains("> First answer.", digest.TextBody);
        Assert.Contains("> Second answer.", digest.TextBody);
        Assert.EndsWith("/ReplyToYou>", digest.Headers["List-Unsubscribe"]);
        Assert.Single(_app.Mailbox.To("alice@example.org"), m => m.Subject!.Contains("new notifications"));

        await Eventually.UntilAsync(async () => (await store.ListNotificationsAsync(aliceId, 0, 10)).All(n => n.MailState == NotificationMailState.Sent),
            TimeSpan.FromSeconds(10), () => "notifications were not marked as mailed");
    }
}
