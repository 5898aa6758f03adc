using System.Net;
using ForumServer.Core.Mail;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Lists;
using Xunit.Abstractions;

namespace ForumServer.Tests.Hardening;

/// <summary>
/// The mail server misbehaves in each way one can: nobody listening, 421 at the greeting, 451 after the data,
/// the connection dropped halfway through the data. The web keeps working, each queued message waits with a clear
/// error, and once a working server is back each message arrives exactly once.
/// </summary>
public sealed class SmtpFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Refused_connections_421_451_and_a_drop_mid_DATA_lose_nothing_and_deliver_each_message_once_when_cleared()
    {
        var sink = new SmtpSink(); // not started yet: its port is where the app sends
        var settings = sink.AppSettings(connections: 1);
        settings["Mail:RetryDelay"] = "00:00:00.050";
        settings["Mail:MaxRetryDelay"] = "00:00:00.300";
        settings["Mail:MaxAttempts"] = "1000";
        settings["Mail:Smtp:Timeout"] = "00:00:05";
        using var app = new ForumApp(settings);
        var store = app.Service<IOutboxStore>();
        var expectations = new (SmtpFault? Fault, string Error)[]
        {
            (null, "refused"),
            (SmtpFault.Greeting421, "fault.test is not available now"),
            (SmtpFault.Data451, "fault.test cannot take mail now"),
            (SmtpFault.DropMidData, ""),
        };

        var emails = new List<string>();
        foreach (var (fault, error) in expectations)
        {
            await using var faulty = fault is { } f ? new FaultySmtpServer(sink.Port, f) : null;
            var email = $"person{emails.Count + 1}@example.org";
            emails.Add(email);
            using var browser = app.NewBrowser();
            var registered = await browser.RegisterAsync($"Person {emails.Count}", email);
            Assert.Equal(HttpStatusCode.OK, registered.Status); // the page answers while mail cannot leave

            OutboundMessage? waiting = null;
            await ListTestKit.WaitUntilAsync(async () =>
            {
                waiting = (await store.ListDueAsync(DateTimeOffset.MaxValue, 100)).SingleOrDefault(m => m.To == email);
                return waiting is { Attempts: >= 2, LastError: not null };
            }, 20);
            Assert.Equal(OutboxState.Pending, waiting!.State);
            Assert.Contains(error, waiting.LastError!, StringComparison.OrdinalIgnoreCase);
            if (fault == SmtpFault.DropMidData || fault == SmtpFault.Data451) Assert.True(faulty!.DataStarted >= 2);
            output.WriteLine($"{fault?.ToString() ?? "ConnectionRefused"}: {waiting.Attempts} attempts so far, last error \"{waiting.LastError}\"");
        }
        Assert.Equal(0, await store.CountAsync(OutboxState.Sent));
        Assert.Equal(0, await store.CountAsync(OutboxState.Failed));

        // The fault clears: a working server on the same port.
        sink.Start();
        await using (sink)
        {
            foreach (var email in emails) await sink.WaitForAsync(email, "Confirm your email", seconds: 20);
            // Every mail marked sent: a duplicate would have gone out before its mark, so none can come later.
            await ListTestKit.WaitUntilAsync(async () => await store.CountAsync(OutboxState.Sent) == emails.Count, 20);
            Assert.Equal(emails.Order(), sink.Messages.SelectMany(m => m.Recipients).Order());
        }
        Assert.Equal(emails.Count, await store.CountAsync(OutboxState.Sent));
        Assert.Equal(0, await store.CountAsync(OutboxState.Pending));
    }
}
