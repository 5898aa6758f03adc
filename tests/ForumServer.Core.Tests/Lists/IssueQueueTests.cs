using System.Security.Cryptography;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Storage.LiteDb;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace ForumServer.Core.Tests.Lists;

/// <summary>Queuing list issues and reading the outbox, over a real LiteDB file.</summary>
public sealed class IssueQueueTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ForumDatabase _db;
    private readonly LiteListStore _lists;
    private readonly LiteOutboxStore _outbox;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())); // BSON keeps milliseconds
    private readonly IssueService _issues;

    public IssueQueueTests()
    {
        _db = new ForumDatabase(Path.Combine(_folder.Path, "forum.db"));
        _lists = new LiteListStore(_db);
        _outbox = new LiteOutboxStore(_db);
        var site = new SiteOptions { BaseUrl = "https://forum.example", SiteName = "Example" };
        var mailer = new ListMailer(new ListAddresses(site, new ListOptions()), site);
        _issues = new IssueService(_lists, _outbox, new Outbox(_outbox, _clock), mailer, new PostRenderer(), _clock);
        _lists.SeedListsAsync(MailingList.Defaults).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _db.Dispose();
        _folder.Dispose();
    }

    private Task AddAsync(string list, SubscriptionState state, IEnumerable<string> emails) =>
        _lists.AddSubscriptionsAsync(emails.Select(e => new Subscription
        {
            ListId = list, Email = e, Key = Subscription.KeyFor(list, e), Token = ListTokens.New(), State = state, CreatedAt = _clock.GetUtcNow(),
        }).ToList());

    [Fact]
    public async Task An_issue_is_queued_once_for_each_confirmed_subscriber_of_its_list_only()
    {
        await AddAsync("announce", SubscriptionState.Confirmed, Enumerable.Range(1, 2500).Select(i => $"c{i}@example.org"));
        await AddAsync("announce", SubscriptionState.Pending, ["pending@example.org"]);
        await AddAsync("announce", SubscriptionState.Unsubscribed, ["gone@example.org"]);
        await AddAsync("news", SubscriptionState.Confirmed, ["other-list@example.org"]);
        var issue = (await _issues.SaveDraftAsync(null, "announce", "Hello", "Body", "m")).Value!;
        await _issues.ScheduleAsync(issue.Id, null);

        Assert.Equal(2500, await _issues.EnqueueDueAsync(1000, CancellationToken.None));
        Assert.Equal(0, await _issues.EnqueueDueAsync(1000, CancellationToken.None));

        var stored = (await _lists.FindIssueAsync(issue.Id))!;
        Assert.Equal(IssueState.Sent, stored.State);
        Assert.Equal(2500, stored.RecipientCount);
        Assert.Equal(new BatchProgress(2500, 0, 0), await _outbox.CountBatchAsync(issue.Batch));
        var recipients = _db.Outbox.FindAll().Select(m => m.To).ToList();
        Assert.Equal(2500, recipients.Distinct().Count());
        Assert.DoesNotContain("pending@example.org", recipients);
        Assert.DoesNotContain("gone@example.org", recipients);
        Assert.DoesNotContain("other-list@example.org", recipients);
    }

    [Fact]
    public async Task A_scheduled_issue_waits_for_its_time()
    {
        await AddAsync("news", SubscriptionState.Confirmed, ["a@example.org"]);
        var issue = (await _issues.SaveDraftAsync(null, "news", "Later", "Body", "m")).Value!;
        await _issues.ScheduleAsync(issue.Id, _clock.GetUtcNow().AddHours(2));
        Assert.Equal(0, await _issues.EnqueueDueAsync(100, CancellationToken.None));
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await _issues.EnqueueDueAsync(100, CancellationToken.None));
    }

    [Fact]
    public async Task Due_messages_come_oldest_first_and_retries_wait_for_their_time()
    {
        var now = _clock.GetUtcNow();
        var outbox = new Outbox(_outbox, _clock);
        for (var i = 0; i < 5; i++) await outbox.EnqueueAsync(new OutboundMessage { To = $"m{i}@example.org", FromAddress = "x@example.org" });
        var due = await _outbox.ListDueAsync(now, 10);
        Assert.Equal(5, due.Count);
        due[0].State = OutboxState.Sent;
        due[1].NextAttemptAt = now.AddMinutes(5);
        await _outbox.UpdateManyAsync([due[0], due[1]]);

        Assert.Equal(["m2@example.org", "m3@example.org", "m4@example.org"], (await _outbox.ListDueAsync(now, 10)).Select(m => m.To));
        Assert.Equal(now, await _outbox.NextAttemptAtAsync());
        Assert.Equal(4, (await _outbox.ListDueAsync(now.AddMinutes(5), 10)).Count);
    }

    [Fact]
    public void A_DKIM_signature_with_long_list_headers_survives_writing_and_reading_back()
    {
        using var rsa = RSA.Create(2048);
        using var key = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(rsa.ExportRSAPrivateKeyPem()));
        var signer = new DkimMessageSigner(key, "forum.example", "s1");
        var token = ListTokens.New();
        var message = MessageFactory.Create(new OutboundMessage
        {
            FromAddress = "announce@forum.example", FromName = "Example Announce", To = "reader@example.org",
            Subject = "A long subject line that will certainly need folding when it is written out by MimeKit, éh",
            TextBody = "Hello\n", HtmlBody = "<p>Hello</p>", MessageId = "issue-1.1@forum.example",
            Headers = new()
            {
                ["List-Id"] = "Announce <announce.forum.example>",
                ["List-Unsubscribe"] = $"<https://forum.example/lists/unsubscribe/{token}>, <mailto:unsubscribe+{token}@forum.example>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        });
        signer.Sign(message);

        using var wire = new MemoryStream();
        message.WriteTo(wire);
        wire.Position = 0;
        var received = MimeMessage.Load(wire);
        var signature = received.Headers.First(h => h.Id == HeaderId.DkimSignature);
        var txt = $"v=DKIM1; k=rsa; p={Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())}";
        Assert.True(new DkimVerifier(new Locator(txt)).Verify(received, signature));

        received.Headers["List-Unsubscribe"] = "<https://evil.example/>";
        Assert.False(new DkimVerifier(new Locator(txt)).Verify(received, signature));
    }

    private sealed class Locator(string txt) : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) => GetPublicKey(txt);
        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) => Task.FromResult(GetPublicKey(txt));
    }
}
