using System.Net;
using AngleSharp.Html.Parser;
using ForumServer.Core.Notifications;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Notifications;

/// <summary>Notification mail through a real SMTP conversation with a server on 127.0.0.1.</summary>
public sealed class NotificationMailTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = new();
    private ForumApp _app = null!;

    public Task InitializeAsync()
    {
        _sink.Start();
        _app = new ForumApp(_sink.AppSettings());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task Reply_mails_the_topic_author_in_her_language_with_the_text_and_a_one_click_link_that_stops_those_mails()
    {
        using var alice = await _app.NewMemberOverSmtpAsync(_sink, "Alice", "alice@example.org", language: "it");
        using var bob = await _app.NewMemberOverSmtpAsync(_sink, "Bob", "bob@example.org");
        var topic = (await alice.CreateTopicAsync(1, "Printer on fire", "What do I do?")).Location!;

        var reply = await bob.ReplyAsync(topic, "Pour **water**, Alice.\n\nThen call the shop.");
        Assert.Equal(HttpStatusCode.Redirect, reply.Status);
        var postId = reply.Location!.Split("#post-")[1];

        var received = await _sink.WaitForAsync("alice@example.org", "Bob ha risposto al tuo argomento \"Printer on fire\"");
        var mail = received.Message;
        Assert.Equal("noreply@localhost", mail.From.Mailboxes.Single().Address);
        Assert.Equal("alice@example.org", mail.To.Mailboxes.Single().Address);
        Assert.DoesNotContain("bob@example.org", System.Text.Encoding.UTF8.GetString(received.Raw), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Ciao Alice,", mail.TextBody);
        Assert.Contains("> Pour **water**, Alice.\n>\n> Then call the shop.", mail.TextBody!.ReplaceLineEndings("\n"));
        Assert.Contains($"Apri il messaggio: http://forum.test/t/1?page=1#post-{postId}", mail.TextBody);

        var html = new HtmlParser().ParseDocument(mail.HtmlBody!);
        Assert.Equal("water", html.QuerySelector("blockquote strong")!.TextContent);
        Assert.Equal($"http://forum.test/t/1?page=1#post-{postId}", html.QuerySelector("a[href*='#post-']")!.GetAttribute("href"));

        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        var unsubscribe = mail.Headers["List-Unsubscribe"]!.Trim('<', '>');
        Assert.StartsWith("http://forum.test/notifications/unsubscribe/", unsubscribe);
        Assert.EndsWith("/ReplyToYou", unsubscribe);
        Assert.Contains(unsubscribe, mail.TextBody);

        // A mail client's one-click POST: no cookie, no token, no sign-in.
        using var client = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var oneClick = await client.PostAsync(new Uri(unsubscribe).PathAndQuery,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);

        var settings = await alice.GetAsync("/account/settings");
        Assert.Equal("Never", settings.Document.QuerySelector("select[name='mail.ReplyToYou'] option[selected]")!.GetAttribute("value"));
        Assert.Equal("Immediately", settings.Document.QuerySelector("select[name='mail.Mention'] option[selected]")!.GetAttribute("value"));

        // The next reply still rings the bell but sends no mail.
        await bob.ReplyAsync(topic, "Did it work?");
        await _app.WaitForFanOutAsync();
        var page = await alice.GetAsync("/notifications");
        Assert.Equal(2, page.Document.QuerySelectorAll(".notification.unread").Length);
        var aliceId = await _app.MemberIdAsync("alice@example.org");
        var latest = (await _app.Service<INotificationStore>().ListNotificationsAsync(aliceId, 0, 1)).Single();
        Assert.Equal(NotificationMailState.None, latest.MailState);
        Assert.Single(_sink.To("alice@example.org"), m => m.Message.Subject!.Contains("Printer on fire"));
    }

    [Fact]
    public async Task Mention_and_quote_notify_by_mail_a_muted_member_gets_nothing_and_the_writer_is_never_told_of_their_own_post()
    {
        using var alice = await _app.NewMemberOverSmtpAsync(_sink, "Alice", "alice@example.org");
        using var bob = await _app.NewMemberOverSmtpAsync(_sink, "Bob Stone", "bob@example.org");
        using var carol = await _app.NewMemberOverSmtpAsync(_sink, "Carol", "carol@example.org");
        using var dave = await _app.NewMemberOverSmtpAsync(_sink, "Dave", "dave@example.org");
        var topic = (await alice.CreateTopicAsync(1, "Release party", "Who comes?")).Location!;

        // Dave mutes the topic with the form on its page.
        var topicPage = await dave.GetAsync(topic);
        var muted = await dave.SubmitAsync(topicPage, "form.watch-level[data-target=Topic]", new() { ["level"] = "Muted" });
        Assert.Equal(HttpStatusCode.Redirect, muted.Status);
        Assert.Equal("Muted", (await dave.GetAsync(topic)).Document.QuerySelector("form.watch-level option[selected]")!.GetAttribute("value"));

        var carolReply = await carol.ReplyAsync(topic, "I come! @Bob Stone, @Dave and @Nobody too?");
        var carolPostId = carolReply.Location!.Split("#post-")[1];
        var mention = await _sink.WaitForAsync("bob@example.org", "Carol mentioned you in \"Release party\"");
        Assert.Contains("> I come! @Bob Stone, @Dave and @Nobody too?", mention.Message.TextBody);

        // The rendered post links known names to their profiles and leaves unknown ones as text.
        var shown = await alice.GetAsync(topic);
        var body = shown.Document.QuerySelector($"#post-{carolPostId} .post-body")!;
        Assert.Equal(["@Bob Stone", "@Dave"], body.QuerySelectorAll("a.mention").Select(a => a.TextContent).ToArray());
        Assert.StartsWith("/u/", body.QuerySelector("a.mention")!.GetAttribute("href"));
        Assert.Contains("@Nobody", body.TextContent);

        // Bob quotes Carol with the Quote link (no JavaScript): the reply box comes filled.
        var quoteLink = shown.Document.QuerySelector($"#post-{carolPostId} a.quote")!.GetAttribute("href")!;
        var quoting = await bob.GetAsync(quoteLink);
        var box = quoting.Document.QuerySelector("form#reply textarea")!.TextContent;
        Assert.StartsWith($"> [Carol](/p/{carolPostId})\n>\n> I come!", box.ReplaceLineEndings("\n"));
        var bobReply = await bob.SubmitAsync(quoting, "form#reply", new() { ["Input.Body"] = box + "Count me in." });
        Assert.Equal(HttpStatusCode.Redirect, bobReply.Status);
        var quote = await _sink.WaitForAsync("carol@example.org", "Bob Stone quoted you in \"Release party\"");
        Assert.Contains("Count me in.", quote.Message.TextBody);

        var withQuote = await alice.GetAsync(topic);
        var source = withQuote.Document.QuerySelector($"#post-{bobReply.Location!.Split("#post-")[1]} blockquote a.quote-source")!;
        Assert.Equal("Carol #2", source.TextContent);
        Assert.Equal($"/t/1?page=1#post-{carolPostId}", source.GetAttribute("href"));

        // Alice replies in her own topic: nobody tells her about it.
        var before = (await alice.GetAsync("/notifications")).Document.QuerySelectorAll(".notification").Length;
        await alice.ReplyAsync(topic, "See you all there.");
        await _app.WaitForFanOutAsync();
        Assert.Equal(before, (await alice.GetAsync("/notifications")).Document.QuerySelectorAll(".notification").Length);

        // Dave muted the topic: no notification and no mail, though he was mentioned.
        Assert.Empty((await dave.GetAsync("/notifications")).Document.QuerySelectorAll(".notification"));
        Assert.Equal(0, (await dave.GetAsync("/")).BellCount());
        Assert.DoesNotContain(_sink.To("dave@example.org"), m => m.Message.Subject!.Contains("Release party"));
        // Carol got the replies in a topic she tracks only as mail-worthy events: Bob's quote, not Alice's reply.
        Assert.DoesNotContain(_sink.To("carol@example.org"), m => m.Message.Subject!.Contains("Alice"));
    }
}
