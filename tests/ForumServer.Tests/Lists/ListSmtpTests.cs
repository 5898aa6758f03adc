using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using MimeKit;

namespace ForumServer.Tests.Lists;

/// <summary>List mail through a real SMTP conversation with an in-process server on 127.0.0.1.</summary>
public sealed partial class ListSmtpTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = new();
    private readonly DkimKey _dkim = new();
    private ForumApp _app = null!;

    public Task InitializeAsync()
    {
        _sink.Start();
        var settings = _sink.AppSettings();
        foreach (var (k, v) in _dkim.Settings("forum.test", "mail2026")) settings[k] = v;
        _app = new ForumApp(settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        _dkim.Dispose();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task New_user_subscribes_confirms_receives_an_issue_and_leaves_with_one_click()
    {
        using var browser = _app.NewBrowser();
        var lists = await browser.GetAsync("/lists");
        var answer = await browser.SubmitAsync(lists, "#list-announce form.subscribe", new() { ["email"] = "reader@example.org" });
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("a message is on its way", answer.Text("[role=status]"));
        Assert.Equal(SubscriptionState.Pending, (await _app.SubscriptionAsync("announce", "reader@example.org"))!.State);

        var confirmation = await _sink.WaitForAsync("reader@example.org", "Confirm your subscription to Announce");
        var confirmPage = await browser.GetAsync(Mailbox.LinkIn(confirmation.Message));
        Assert.Equal(SubscriptionState.Pending, (await _app.SubscriptionAsync("announce", "reader@example.org"))!.State);
        var confirmed = await browser.SubmitAsync(confirmPage, "form.confirm");
        Assert.Contains("You are subscribed to Announce", confirmed.Text("[role=status]"));
        var welcome = await _sink.WaitForAsync("reader@example.org", "Welcome to Announce");
        Assert.Contains("To leave, open http://forum.test/lists/unsubscribe/", welcome.Message.TextBody);

        var issue = await _app.SendIssueAsync("announce", "Release 2.0 is out", "We shipped **2.0**.\n\n- faster\n- smaller");
        var received = await _sink.WaitForAsync("reader@example.org", "Release 2.0 is out");
        var mail = received.Message;

        Assert.Equal("announce@forum.test", mail.From.Mailboxes.Single().Address);
        Assert.Equal("Announce <announce.forum.test>", mail.Headers["List-Id"]);
        Assert.Equal("NO", mail.Headers["List-Post"]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        var unsubscribe = UnsubscribeHeader().Match(mail.Headers["List-Unsubscribe"] ?? "");
        Assert.True(unsubscribe.Success, mail.Headers["List-Unsubscribe"]);
        var token = unsubscribe.Groups["token"].Value;
        var subscription = (await _app.SubscriptionAsync("announce", "reader@example.org"))!;
        Assert.Equal(subscription.Token, token);
        Assert.Equal($"issue-{issue.Id}.{subscription.Id}@forum.test", mail.MessageId);
        Assert.Equal(_app.Service<ListAddresses>().BounceAddress("reader@example.org"), received.EnvelopeFrom);
        Assert.Matches("^bounces\\+[0-9a-f]{20}-reader=example.org@forum.test$", received.EnvelopeFrom);
        Assert.Equal(["reader@example.org"], received.Recipients);

        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal(2, alternative.Count);
        var unsubscribeUrl = $"http://forum.test/lists/unsubscribe/{token}";
        Assert.Contains($"Unsubscribe: {unsubscribeUrl}", mail.TextBody);
        var html = new HtmlParser().ParseDocument(mail.HtmlBody!);
        Assert.Equal("2.0", html.QuerySelector("strong")!.TextContent);
        Assert.Contains(html.QuerySelectorAll("a"), a => a.GetAttribute("href") == unsubscribeUrl && a.TextContent == "Unsubscribe");

        // DKIM: relaxed/relaxed, covering what RFC 8058 asks for, and it verifies against the public key.
        var signature = mail.Headers[HeaderId.DkimSignature] ?? "";
        Assert.Contains("c=relaxed/relaxed", signature.Replace(" ", ""));
        var signedHeaders = Regex.Match(signature.Replace(" ", "").Replace("\r\n", "").Replace("\t", ""), @"h=([^;]+)").Groups[1].Value.ToLowerInvariant().Split(':');
        foreach (var name in new[] { "from", "subject", "date", "to", "message-id", "list-id", "list-unsubscribe", "list-unsubscribe-post" })
            Assert.Contains(name, signedHeaders);
        Assert.True(_dkim.Verifies(mail));
        // Every header line stays within the SMTP limit however long the URLs are.
        Assert.All(System.Text.Encoding.ASCII.GetString(received.Raw).Split("\r\n"), line => Assert.True(line.Length <= 998));

        // A mail provider's one-click POST: no cookie, no antiforgery token, no login; 200 and no redirect.
        using var provider = _app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var oneClick = await provider.PostAsync(new Uri(unsubscribeUrl).PathAndQuery,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.False(oneClick.Headers.Contains("Set-Cookie"));
        Assert.Equal(SubscriptionState.Unsubscribed, (await _app.SubscriptionAsync("announce", "reader@example.org"))!.State);

        var next = await _app.SendIssueAsync("announce", "Release 2.1", "Small fixes.");
        await ListTestKit.WaitUntilAsync(async () => (await _app.Service<IListStore>().FindIssueAsync(next.Id))!.State == IssueState.Sent);
        Assert.Equal(0, (await _app.Service<IListStore>().FindIssueAsync(next.Id))!.RecipientCount);
        Assert.DoesNotContain(_sink.To("reader@example.org"), m => m.Message.Subject == "Release 2.1");
    }

    [Fact]
    public async Task A_550_on_one_recipient_does_not_stop_the_others_and_repeated_refusals_mark_it_bouncing()
    {
        _sink.Refused["gone@example.org"] = true;
        await _app.AddConfirmedAsync("news", ["a@example.org", "gone@example.org", "b@example.org"]);
        var first = await _app.SendIssueAsync("news", "Spring news", "Hello.");
        await _sink.WaitForAsync("b@example.org", "Spring news");
        await _sink.WaitForAsync("a@example.org", "Spring news");
        await ListTestKit.WaitUntilAsync(async () => (await _app.Service<IOutboxStore>().CountBatchAsync(first.Batch)).Done);
        var progress = await _app.Service<IOutboxStore>().CountBatchAsync(first.Batch);
        Assert.Equal(new BatchProgress(0, 2, 1), progress);
        Assert.Empty(_sink.To("gone@example.org"));
        Assert.False(await _app.Service<IBounceStore>().IsBouncingAsync("gone@example.org"));

        // Default threshold is 3 permanent failures: two more issues make the address bouncing, the fourth skips it.
        for (var i = 2; i <= 4; i++)
        {
            var issue = await _app.SendIssueAsync("news", $"News {i}", "Hello.");
            await _sink.WaitForAsync("a@example.org", $"News {i}");
            await ListTestKit.WaitUntilAsync(async () => (await _app.Service<IOutboxStore>().CountBatchAsync(issue.Batch)).Done);
        }
        Assert.True(await _app.Service<IBounceStore>().IsBouncingAsync("gone@example.org"));
    }

    [Fact]
    public async Task Mail_waits_while_the_smtp_server_is_down_and_goes_out_once_it_is_back()
    {
        await _sink.StopAsync();
        using var browser = _app.NewBrowser();
        var lists = await browser.GetAsync("/lists");
        await browser.SubmitAsync(lists, "#list-news form.subscribe", new() { ["email"] = "patient@example.org" });
        await ListTestKit.WaitUntilAsync(async () =>
            (await _app.Service<IOutboxStore>().ListDueAsync(DateTimeOffset.MaxValue, 10)).Any(m => m.Attempts >= 2 && m.LastError is not null));
        Assert.Empty(_sink.Messages);
        _sink.Start();
        var mail = await _sink.WaitForAsync("patient@example.org", "Confirm your subscription to News");
        await _app.WaitForOutboxDrainedAsync();
        Assert.Single(_sink.To("patient@example.org"));
        Assert.True(_dkim.Verifies(mail.Message));
    }

    [GeneratedRegex(@"^<http://forum\.test/lists/unsubscribe/(?<token>[A-Za-z0-9_-]{43})>, <mailto:unsubscribe\+\k<token>@forum\.test>$")]
    private static partial Regex UnsubscribeHeader();
}
