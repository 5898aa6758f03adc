using System.Text;
using ForumServer.Core.Common;
using ForumServer.Core.Inbound;
using ForumServer.Core.Lists;
using MimeKit;

namespace ForumServer.Core.Tests.Mail;

/// <summary>How inbound mail is recognised: the site's addresses, DSNs, automatic replies, removal wording.</summary>
public sealed class InboundClassificationTests
{
    private readonly InboundAddresses _addresses;
    private readonly ListAddresses _lists;

    public InboundClassificationTests()
    {
        var site = new SiteOptions { BaseUrl = "https://forum.example.org", ContactAddress = "forum@example.org", NoReplyAddress = "noreply@example.org" };
        _lists = new ListAddresses(site, new ListOptions { MailDomain = "lists.example.org" });
        _addresses = new InboundAddresses(site, _lists);
    }

    [Fact]
    public void Addresses_the_list_mail_carries_are_recognised_and_others_are_not()
    {
        var token = ListTokens.New();
        var unsubscribe = _addresses.Classify(_lists.UnsubscribeMailto(token)["mailto:".Length..]);
        Assert.Equal(InboundAddressKind.Unsubscribe, unsubscribe.Kind);
        Assert.Equal(token, unsubscribe.Token);

        var bounce = _addresses.Classify(_lists.BounceAddress("Alice.Smith+tag@Example.NET"));
        Assert.Equal(InboundAddressKind.Bounce, bounce.Kind);
        Assert.Equal("alice.smith+tag@example.net", bounce.BouncedAddress);

        // A bounce address without the recipient's token is still the site's (taken in) but names nobody.
        foreach (var forged in new[] { "bounces+alice.smith+tag=example.net@lists.example.org",
                     "bounces+00000000000000000000-alice.smith+tag=example.net@lists.example.org",
                     _lists.BounceAddress("bob@example.net").Replace("bob=", "alice=") })
        {
            var classified = _addresses.Classify(forged);
            Assert.Equal(InboundAddressKind.Bounce, classified.Kind);
            Assert.Null(classified.BouncedAddress);
        }
        // The token survives an MTA that upper-cases the local part.
        Assert.Equal("alice.smith+tag@example.net", _addresses.Classify(_lists.BounceAddress("Alice.Smith+tag@Example.NET").ToUpperInvariant()).BouncedAddress);

        Assert.Equal(InboundAddressKind.Contact, _addresses.Classify("Forum@Example.org").Kind);
        foreach (var other in new[] { "announce@lists.example.org", "unsubscribe+abc@lists.example.org", "bounces+nobody@lists.example.org",
                     $"unsubscribe+{token}@elsewhere.example", "forum@lists.example.org", "", "no-at-sign" })
            Assert.Equal(InboundAddressKind.Unknown, _addresses.Classify(other).Kind);
    }

    [Fact]
    public void Dsn_recipient_blocks_are_read_and_only_permanent_failures_count()
    {
        var statuses = DeliveryStatusReader.Read(Parse("""
            From: MAILER-DAEMON@mx.example.net
            Content-Type: multipart/report; report-type=delivery-status; boundary=B

            --B
            Content-Type: text/plain

            Delivery failed.
            --B
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net

            Final-Recipient: rfc822; gone@example.net
            Action: failed
            Status: 5.1.1 (user unknown)
            Diagnostic-Code: smtp; 550 no such user

            Final-Recipient: rfc822;<slow@example.net>
            Action: delayed
            Status: 4.4.7

            --B--
            """));
        Assert.Equal(["gone@example.net", "slow@example.net"], statuses.Select(s => s.Recipient));
        Assert.True(statuses[0].IsPermanentFailure);
        Assert.Equal("5.1.1", statuses[0].Status);
        Assert.False(statuses[1].IsPermanentFailure);
        Assert.Empty(DeliveryStatusReader.Read(Parse("From: a@example.net\nSubject: Out of office\n\nAway.")));
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-replied", true)]
    [InlineData("Auto-Submitted: auto-generated; owner-email=x@example.net", true)]
    [InlineData("Auto-Submitted: no", false)]
    [InlineData("Precedence: bulk", true)]
    [InlineData("X-Autoreply: yes", true)]
    [InlineData("X-Mailer: Thunderbird", false)]
    public void Automatic_replies_are_told_apart_by_rfc_3834_and_common_markers(string header, bool automatic) =>
        Assert.Equal(automatic, DeliveryStatusReader.IsAutoSubmitted(Parse($"From: a@example.net\n{header}\nSubject: Re: hi\n\ntext")));

    [Theory]
    [InlineData("Please delete my account", "", true)]
    [InlineData("GDPR request", "", true)]
    [InlineData("Hello", "I want my posts removed.", true)]
    [InlineData("Hello", "I ask under Art. 17 of the regulation.", true)]
    [InlineData("Hello", "Please remove my posts.", true)]
    [InlineData("Question", "When is the next meetup?", false)]
    [InlineData("Undeleted", "Restore my draft", false)]
    public void Removal_wording_is_recognised_in_subject_or_text(string subject, string text, bool asks) =>
        Assert.Equal(asks, RemovalRequestDetector.AsksForRemoval(subject, text));

    private static MimeMessage Parse(string text) =>
        MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(text.Replace("\r\n", "\n").Replace("\n", "\r\n"))));
}
