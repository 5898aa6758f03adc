using System.Net;
using System.Text;
using ForumServer.Core.Inbound;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Core.Moderation;
using ForumServer.Storage.LiteDb;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Lists;
using ForumServer.Tests.Moderation;
using MailKit.Net.Smtp;
using MimeKit;
using static ForumServer.Tests.Inbound.InboundSmtp;

namespace ForumServer.Tests.Inbound;

/// <summary>Mail to the site's own addresses, over real SMTP to the listener the app runs on 127.0.0.1.</summary>
public sealed class InboundMailTests : IDisposable
{
    private readonly ForumApp _app = new(Settings(new() { ["Mail:BouncingAfter"] = "2" }));

    public void Dispose() => _app.Dispose();

    private IModerationStore Moderation => _app.Service<IModerationStore>();
    private ForumDatabase Database => _app.Service<ForumDatabase>();

    [Fact]
    public async Task Removal_request_by_email_reaches_the_queue_only_after_the_sender_confirms()
    {
        using var mod = await _app.NewModeratorAsync("Mod", "mod@example.org");
        await _app.SendAsync(Letter("Carla Rossi <carla@example.net>", ContactAddress, "Please delete my data",
            "A post in the Party topic gives my home address. Please remove it.", ("id.pdf", Encoding.ASCII.GetBytes("%PDF-1.4 passport scan"))));

        var request = (await Moderation.GetDeletionRequestAsync(1))!;
        Assert.Equal(DeletionRequestSource.Email, request.Source);
        Assert.Equal(DeletionRequestState.Received, request.State);
        Assert.Equal("carla@example.net", request.Email);
        Assert.Contains("gives my home address", request.Description);
        Assert.DoesNotContain("passport", request.Description); // attachments are not stored
        Assert.Equal("0", (await mod.GetAsync("/moderation")).Text("header .queue .count.requests"));
        Assert.Equal(HttpStatusCode.NotFound, (await mod.GetAsync("/moderation/requests/1")).Status);
        Assert.Empty(await _app.Service<IContactMessageStore>().ListOpenAsync(10));

        using var carla = _app.NewBrowser();
        var confirmMail = await _app.Mailbox.WaitForAsync("carla@example.net", "Confirm your deletion request");
        var confirmPage = await carla.GetAsync(Mailbox.LinkIn(confirmMail));
        Assert.Contains("is confirmed", (await carla.SubmitAsync(confirmPage, "main form")).Text(".notice"));

        Assert.Equal("1", (await mod.GetAsync("/moderation")).Text("header .queue .count.requests"));
        var page = await mod.GetAsync("/moderation/requests/1");
        Assert.Equal("Confirmed", page.Text(".state"));
        Assert.Contains("Please delete my data", page.Text(".description"));
        await _app.Mailbox.WaitForAsync(ContactAddress, "Deletion request #1");
    }

    [Fact]
    public async Task Unconfirmed_removal_request_with_a_forged_sender_removes_nothing_and_asks_the_real_owner()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var mod = await _app.NewModeratorAsync("Mod", "mod@example.org");
        var (topicUrl, _) = await alice.TopicAsync("Mine", "hello");
        var postId = await alice.ReplyIdAsync(topicUrl, "my words");

        // Someone else writes in Alice's name.
        await _app.SendAsync(Letter("Alice <alice@example.org>", ContactAddress, "Remove my account", $"Delete everything, including post {postId}."),
            sender: "forger@example.com");

        Assert.Equal(DeletionRequestState.Received, (await Moderation.GetDeletionRequestAsync(1))!.State);
        Assert.Equal("0", (await mod.GetAsync("/moderation")).Text("header .queue .count.requests"));
        Assert.Contains("my words", (await alice.GetAsync(topicUrl)).Text($"#post-{postId}"));
        // Only the owner of the address gets the link; nothing went to the forger or to the forum address.
        await _app.Mailbox.WaitForAsync("alice@example.org", "Confirm your deletion request");
        Assert.Empty(_app.Mailbox.To("forger@example.com"));
        Assert.Empty(_app.Mailbox.To(ContactAddress));
    }

    [Fact]
    public async Task Contact_mail_waits_in_the_queue_and_a_moderator_answers_it_by_mail()
    {
        using var mod = await _app.NewModeratorAsync("Mod", "mod@example.org");
        await _app.SendAsync(Letter("Dana <dana@example.net>", ContactAddress, "Question about the meetup",
            "Hello,\n\nwhen is the next meetup?", ("flyer.png", [0x89, 0x50, 0x4E, 0x47])));

        var queue = await mod.GetAsync("/moderation");
        Assert.Equal("Question about the meetup", queue.Text(".queue-contact tr.contact td:nth-child(2)"));
        Assert.Null(await Moderation.GetDeletionRequestAsync(1));

        var page = await mod.GetAsync("/moderation/contact/1");
        Assert.Contains("when is the next meetup?", page.Text(".contact-text"));
        Assert.Contains("1 not kept", page.Text(".attachments"));
        Assert.DoesNotContain("dana@example.net", page.Html); // sender addresses are for administrators

        var empty = await mod.SubmitAsync(page, "form.answer", new() { ["answer"] = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Contains("Write an answer", empty.Text("[data-valmsg-for='Answer']"));
        Assert.Empty(_app.Mailbox.To("dana@example.net"));

        var sent = await mod.SubmitAsync(page, "form.answer", new() { ["answer"] = "Next Friday at 7." });
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        var answer = await _app.Mailbox.WaitForAsync("dana@example.net", "Re: Question about the meetup");
        Assert.Equal(ContactAddress, answer.From.Mailboxes.Single().Address);
        Assert.Contains("Next Friday at 7.", answer.TextBody);
        Assert.NotNull(answer.InReplyTo);
        Assert.Equal("Answered", (await mod.GetAsync("/moderation/contact/1")).Text(".state"));
        Assert.Contains("No unanswered mail", (await mod.GetAsync("/moderation")).Text(".queue-contact"));

        using var member = await _app.NewMemberAsync("Eve", "eve@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/moderation/contact/1")).Status);
    }

    [Fact]
    public async Task A_members_contact_mail_is_in_their_export_and_goes_with_their_account()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        await _app.SendAsync(Letter("Alice <ALICE@example.org>", ContactAddress, "Feature idea", "Dark mode, please."));
        await _app.SendAsync(Letter("Bob <bob@example.org>", ContactAddress, "Bob's idea", "Bigger fonts."));

        var export = await alice.Client.GetStringAsync("/privacy/export");
        using (var json = System.Text.Json.JsonDocument.Parse(export))
            Assert.Equal(["Feature idea"], json.RootElement.GetProperty("contactMessages").EnumerateArray().Select(m => m.GetProperty("subject").GetString()));
        Assert.DoesNotContain("Bigger fonts", export);

        var settings = await alice.GetAsync("/account/settings");
        var removed = await alice.SubmitAsync(settings, "form.remove-account", new() { ["Input.Password"] = Flows.Password, ["Input.RemovalMode"] = "DeleteContent" });
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Equal(["Bob's idea"], (await _app.Service<IContactMessageStore>().ListOpenAsync(10)).Select(m => m.Subject));
    }

    [Fact]
    public async Task Mailto_unsubscribe_removes_exactly_that_subscriber_from_that_list()
    {
        await _app.AddConfirmedAsync("announce", ["reader@example.org", "other@example.org"]);
        await _app.AddConfirmedAsync("news", ["reader@example.org"]);
        var token = (await _app.SubscriptionAsync("announce", "reader@example.org"))!.Token;
        var address = $"unsubscribe+{token}@forum.test";

        // What a mail client sends for List-Unsubscribe: <mailto:...>: any subject, any body.
        await _app.SendAsync(Letter("Reader <reader@example.org>", address, "unsubscribe", ""));

        Assert.Equal(SubscriptionState.Unsubscribed, (await _app.SubscriptionAsync("announce", "reader@example.org"))!.State);
        Assert.Equal(SubscriptionState.Confirmed, (await _app.SubscriptionAsync("news", "reader@example.org"))!.State);
        Assert.Equal(SubscriptionState.Confirmed, (await _app.SubscriptionAsync("announce", "other@example.org"))!.State);
        Assert.Empty(_app.Mailbox.To("reader@example.org")); // no reply needed, none sent

        // A made-up token is not an address of the site.
        var unknown = await Assert.ThrowsAsync<SmtpCommandException>(() =>
            _app.SendAsync(Letter("x@example.org", "unsubscribe+" + ListTokens.New() + "@forum.test", "unsubscribe", "")));
        Assert.Equal(SmtpStatusCode.MailboxUnavailable, unknown.StatusCode);
    }

    [Fact]
    public async Task Hard_bounce_dsn_counts_toward_bouncing_while_out_of_office_and_delay_notices_do_not()
    {
        var bounceAddress = _app.Service<ListAddresses>().BounceAddress("reader@example.org");
        var bounces = _app.Service<IBounceStore>();

        await _app.SendAsync(OutOfOffice("reader@example.org"), bounceAddress, sender: "reader@example.org");
        await _app.SendAsync(Dsn("reader@example.org", "delayed", "4.4.1", "connection timed out"), bounceAddress, sender: "");
        Assert.Null(Database.Bounces.FindById("reader@example.org"));

        await _app.SendAsync(Dsn("reader@example.org", "failed", "5.1.1", "smtp; 550 5.1.1 user unknown"), bounceAddress, sender: "");
        var record = Database.Bounces.FindById("reader@example.org");
        Assert.Equal(1, record.PermanentFailures);
        Assert.Contains("5.1.1", record.LastError);
        Assert.False(await bounces.IsBouncingAsync("reader@example.org"));

        await _app.SendAsync(OutOfOffice("reader@example.org"), bounceAddress, sender: "reader@example.org");
        Assert.Equal(1, Database.Bounces.FindById("reader@example.org").PermanentFailures);

        // Mail:BouncingAfter is 2 here: the second hard bounce marks the address, and the outbox skips it from now on.
        await _app.SendAsync(Dsn("reader@example.org", "failed", "5.1.1", "smtp; 550 5.1.1 user unknown"), bounceAddress, sender: "");
        Assert.True(await bounces.IsBouncingAsync("reader@example.org"));
        Assert.False(await bounces.IsBouncingAsync("other@example.org"));
    }

    [Fact]
    public async Task Forged_bounces_without_the_recipients_token_count_for_nothing()
    {
        await _app.Service<SubscriptionService>().SubscribeConfirmedAddressAsync("announce", "reader@example.org");
        var genuine = _app.Service<ListAddresses>().BounceAddress("reader@example.org");
        var forged = new[]
        {
            "bounces+reader=example.org@forum.test", // the untagged form (mail sent before tokens): ignored
            "bounces+0123456789abcdef0123-reader=example.org@forum.test", // a made-up token
            genuine.Replace("reader=", "other="), // another recipient's name with reader's token
        };

        foreach (var address in forged)
            for (var i = 0; i < 3; i++)
                await _app.SendAsync(Dsn("reader@example.org", "failed", "5.1.1", "smtp; 550 5.1.1 user unknown"), address, sender: "");

        Assert.Null(Database.Bounces.FindById("reader@example.org"));
        Assert.Null(Database.Bounces.FindById("other@example.org"));
        Assert.False(await _app.Service<IBounceStore>().IsBouncingAsync("reader@example.org"));
        Assert.Equal(SubscriptionState.Confirmed, (await _app.SubscriptionAsync("announce", "reader@example.org"))!.State);
    }

    [Fact]
    public async Task Malformed_message_gets_an_smtp_error_and_the_listener_keeps_serving()
    {
        var endpoint = await _app.EndpointAsync();
        await using (var session = await RawSession.OpenAsync(endpoint))
        {
            Assert.StartsWith("250", await session.SendAsync("EHLO client.example.net"));
            Assert.StartsWith("250", await session.SendAsync("MAIL FROM:<sender@example.net>"));
            Assert.StartsWith("250", await session.SendAsync($"RCPT TO:<{ContactAddress}>"));
            Assert.StartsWith("354", await session.SendAsync("DATA"));
            var refused = await session.SendAsync("this is not a message, there is no header at all\r\n\r\n(delete me)\r\n.");
            Assert.StartsWith("554 5.6.0 The message is not valid MIME", refused);

            Assert.StartsWith("250", await session.SendAsync("MAIL FROM:<sender@example.net>"));
            Assert.StartsWith("250", await session.SendAsync($"RCPT TO:<{ContactAddress}>"));
            Assert.StartsWith("354", await session.SendAsync("DATA"));
            Assert.Equal("554 5.6.0 The message has no From header field (RFC 5322 requires one).",
                await session.SendAsync("Subject: who am I\r\n\r\nPlease delete my data.\r\n."));

            // The same session goes on: the next transaction is accepted.
            Assert.StartsWith("250", await session.SendAsync("MAIL FROM:<sender@example.net>"));
            Assert.StartsWith("250", await session.SendAsync($"RCPT TO:<{ContactAddress}>"));
            Assert.StartsWith("354", await session.SendAsync("DATA"));
            Assert.StartsWith("250", await session.SendAsync("From: Gus <gus@example.net>\r\nSubject: Hi\r\n\r\nJust saying hello.\r\n."));
        }

        // And new connections are still served.
        await _app.SendAsync(Letter("Hal <hal@example.net>", ContactAddress, "Another hello", "Hi there."));
        var stored = await _app.Service<IContactMessageStore>().ListOpenAsync(10);
        Assert.Equal(["Hi", "Another hello"], stored.Select(m => m.Subject));
        Assert.Null(await Moderation.GetDeletionRequestAsync(1));
    }

    [Fact]
    public async Task Mail_to_an_unknown_local_address_gets_550_and_nothing_is_stored()
    {
        foreach (var address in new[] { "someone@forum.test", "forum@elsewhere.example", "bounces+broken@forum.test", "unsubscribe+short@forum.test" })
        {
            var refused = await Assert.ThrowsAsync<SmtpCommandException>(() =>
                _app.SendAsync(Letter("Ivy <ivy@example.net>", address, "Please delete my data", "Remove everything.")));
            Assert.Equal(SmtpStatusCode.MailboxUnavailable, refused.StatusCode);
            Assert.Equal(SmtpErrorCode.RecipientNotAccepted, refused.ErrorCode);
        }

        Assert.Equal(0, await _app.Service<IContactMessageStore>().CountAsync());
        Assert.Null(await Moderation.GetDeletionRequestAsync(1));
        Assert.Equal(0, Database.Bounces.Count());
        Assert.Empty(_app.Mailbox.All());
        Assert.Equal(0, await _app.Service<IOutboxStore>().CountAsync(OutboxState.Pending));
    }

    private static MimeMessage OutOfOffice(string from)
    {
        var message = Letter(from, "bounces+reader=example.org@forum.test", "Out of office: Release 2.0 is out", "I am away until Monday and will read your mail then.");
        message.Headers.Add("Auto-Submitted", "auto-replied");
        return message;
    }

    /// <summary>A DSN as a receiving MTA writes it (RFC 3464), parsed from its text.</summary>
    private static MimeMessage Dsn(string recipient, string action, string status, string diagnostic)
    {
        var text = $"""
            From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
            To: bounces+reader=example.org@forum.test
            Subject: Undelivered Mail Returned to Sender
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"

            --BOUNDARY
            Content-Type: text/plain

            I'm sorry to have to inform you that your message could not be delivered.

            --BOUNDARY
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.org
            Arrival-Date: Wed, 25 Nov 2026 10:00:00 +0000

            Final-Recipient: rfc822; {recipient}
            Original-Recipient: rfc822;{recipient}
            Action: {action}
            Status: {status}
            Diagnostic-Code: {diagnostic}

            --BOUNDARY
            Content-Type: text/rfc822-headers

            From: Announce <announce@forum.test>
            To: {recipient}
            Subject: Release 2.0 is out

            --BOUNDARY--
            """.Replace("\r\n", "\n").Replace("\n", "\r\n");
        return MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(text)));
    }
}
