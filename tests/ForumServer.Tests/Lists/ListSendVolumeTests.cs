using System.Diagnostics;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ForumServer.Tests.Lists;

/// <summary>Large sends through the outbox to a real SMTP sink: resuming after a stop, and the send rate.</summary>
public sealed class ListSendVolumeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Stopping_the_app_mid_send_and_starting_it_again_delivers_to_each_recipient_exactly_once()
    {
        var folder = Directory.CreateTempSubdirectory("forumserver-lists-").FullName;
        try
        {
            await using var sink = new SmtpSink().Start();
            var emails = Enumerable.Range(1, 2000).Select(i => $"reader{i}@example.org").ToList();
            var slow = sink.AppSettings(connections: 4);
            slow["Mail:MessagesPerSecond"] = "250"; // so the stop lands in the middle
            slow["Lists:EnqueueBatchSize"] = "100";
            ListIssue issue;
            using (var first = new ForumApp(slow, folder))
            {
                await first.AddConfirmedAsync("announce", emails);
                issue = await first.SendIssueAsync("announce", "Version 3 is out", "Download it now.");
                await sink.WaitForCountAsync(300, 30);
            }
            var beforeRestart = sink.Messages.Count;
            Assert.InRange(beforeRestart, 300, 1999);

            using (var second = new ForumApp(sink.AppSettings(connections: 4), folder))
            {
                var store = second.Service<IOutboxStore>();
                await ListTestKit.WaitUntilAsync(async () => (await store.CountBatchAsync(issue.Batch)) is { Done: true, Total: 2000 }, 60);
            }

            var recipients = sink.Messages.SelectMany(m => m.Recipients).ToList();
            Assert.Equal(2000, recipients.Count);
            Assert.Equal(emails.Order(), recipients.Order());
            output.WriteLine($"{beforeRestart} delivered before the stop, {2000 - beforeRestart} after the restart, none twice.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Sending_an_issue_to_thousands_of_subscribers_delivers_each_exactly_once_and_reports_the_rate()
    {
        // 2,000 keeps the suite quick; LIST_SEND_RECIPIENTS=10000 repeats the issue's measurement (bench/ measures too).
        var count = int.TryParse(Environment.GetEnvironmentVariable("LIST_SEND_RECIPIENTS"), out var n) ? n : 2_000;
        await using var sink = new SmtpSink().Start();
        var settings = sink.AppSettings(connections: 4);
        settings["Mail:BatchSize"] = Environment.GetEnvironmentVariable("LIST_SEND_BATCH") ?? "100";
        using var dkim = new DkimKey();
        var signed = Environment.GetEnvironmentVariable("LIST_SEND_DKIM") == "1";
        if (signed) foreach (var (k, v) in dkim.Settings("forum.test", "bench")) settings[k] = v;
        using var app = new ForumApp(settings);
        await app.AddConfirmedAsync("news", Enumerable.Range(1, count).Select(i => $"subscriber{i}@example.org"));
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            // A sample every 50 ms while the send runs (a sampling period, not a wait for something).
            using var every = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
            do
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
            }
            while (!sampling.IsCancellationRequested && await every.WaitForNextTickAsync());
        });

        var clock = Stopwatch.StartNew();
        var issue = await app.SendIssueAsync("news", "Autumn news", "Something **new** for everyone.");
        await sink.WaitForCountAsync(count, 300);
        var elapsed = clock.Elapsed;
        await sampling.CancelAsync();
        await sampler;

        var progress = await app.Service<IOutboxStore>().CountBatchAsync(issue.Batch);
        await ListTestKit.WaitUntilAsync(async () => (await app.Service<IOutboxStore>().CountBatchAsync(issue.Batch)).Sent == count);
        Assert.Equal(count, sink.Messages.SelectMany(m => m.Recipients).Distinct().Count());
        var rate = count / elapsed.TotalSeconds;
        var report = $"Sent {count} list messages to the local SMTP sink in {elapsed.TotalSeconds:0.0} s: {rate:0} messages/s " +
                     $"(4 connections, batch {settings["Mail:BatchSize"]}, {(signed ? "DKIM-signed" : "no DKIM")}). Working set of the test process (app + sink): {baseline / 1048576} MB before, " +
                     $"peak {peak / 1048576} MB during the send.";
        output.WriteLine(report);
        Console.WriteLine(report);
    }
}
