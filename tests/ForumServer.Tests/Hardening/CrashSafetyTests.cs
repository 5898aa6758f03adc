using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using ForumServer.Core.Forum;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Lists;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace ForumServer.Tests.Hardening;

/// <summary>
/// The real server process killed with SIGKILL in the middle of work, then started again on the same data folder.
/// </summary>
public sealed partial class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const int Recipients = 10_000;
    private const int Connections = 4;
    private const int Held = 3_050;
    private readonly string _folder = Directory.CreateTempSubdirectory("forumserver-crash-").FullName;

    [Fact]
    public async Task SIGKILL_mid_list_send_then_restart_delivers_to_each_of_10000_recipients_with_at_most_one_repeat_per_connection_per_kill()
    {
        var emails = Enumerable.Range(1, Recipients).Select(i => $"r{i}@example.org").ToList();
        string batch;
        using (var seed = new QuietApp(_folder))
        {
            await seed.Service<IListStore>().SeedListsAsync(MailingList.Defaults);
            await seed.AddConfirmedAsync("announce", emails);
            var issues = seed.Service<IssueService>();
            var draft = (await issues.SaveDraftAsync(null, "announce", "Version 4 is out", "Get it while it is hot.", "manager")).Value!;
            Assert.True((await issues.ScheduleAsync(draft.Id, null)).Succeeded);
            batch = draft.Batch;
        }

        await using var sink = new SmtpSink { HoldAfter = Held }.Start();
        var settings = SmtpSettings(sink);
        using (var first = ServerProcess.Start(_folder, ServerProcess.FreeLocalUrl(), settings))
        {
            // The sink stalls every connection at the end of DATA once 3,050 are in (mid-round for the default batch of 100): the kill then lands with
            // sends under way that the server has not accepted, the moment a crash is most likely to hurt.
            await WaitUntilAsync(() => sink.Holding >= Connections, 90, () => $"{sink.Messages.Count} received, {sink.Holding} held\n{first.Output}", first);
            first.KillHard();
        }
        var beforeKill = sink.Messages.Count;
        sink.Release();
        Assert.Equal(Held, beforeKill);

        using (var second = ServerProcess.Start(_folder, ServerProcess.FreeLocalUrl(), settings))
        {
            await sink.WaitForCountAsync(Recipients, 120);
            // Every outcome stored and nothing left to retry: a duplicate would have been sent before this line.
            await second.WaitForOutputAsync("Outbox empty after", TimeSpan.FromSeconds(60));
            second.KillHard();
        }

        var received = sink.Messages.SelectMany(m => m.Recipients).ToList();
        // At-least-once is SMTP's honest promise: a message the server accepted just before the kill, whose outcome was
        // not yet stored, goes again. Outcomes are stored before a connection sends its next message, so each kill can
        // repeat at most one message per open connection, and nobody is missed.
        const int Kills = 1; // the second kill comes after the last message was delivered
        var counts = received.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        var twice = counts.Where(c => c.Value > 1).Select(c => c.Key).ToList();
        Assert.True(twice.Count <= Kills * Connections,
            $"{twice.Count} recipients got the issue twice (bound {Kills} kill x {Connections} connections), e.g. {string.Join(", ", twice.Take(5))}");
        Assert.All(counts.Values, c => Assert.InRange(c, 1, 2));
        Assert.Equal(emails.Order(), counts.Keys.Order());

        // The database opens cleanly after two hard kills and knows every message went out.
        using var after = new QuietApp(_folder);
        Assert.Equal(new BatchProgress(0, Recipients, 0), await after.Service<IOutboxStore>().CountBatchAsync(batch));
        output.WriteLine($"{beforeKill} delivered before SIGKILL (with {Connections} sends in flight), {Recipients - beforeKill} after restart, {twice.Count} twice (bound {Kills * Connections}).");
    }

    [Fact]
    public async Task SIGKILL_while_members_post_keeps_every_post_that_got_a_success_response()
    {
        string topicPath;
        var members = new[] { "ann@example.org", "bob@example.org", "cy@example.org" };
        using (var seed = new ForumApp(dataFolder: _folder))
        {
            var browsers = new List<TestBrowser>();
            foreach (var email in members) browsers.Add(await seed.NewMemberAsync(email.Split('@')[0], email));
            topicPath = (await browsers[0].CreateTopicAsync(1, "Crash course", "Keep posting")).Location!;
            browsers.ForEach(b => b.Dispose());
        }

        var url = ServerProcess.FreeLocalUrl();
        var confirmed = new ConcurrentBag<string>();
        var attempted = 0;
        using (var server = ServerProcess.Start(_folder, url, new Dictionary<string, string> { ["RateLimits:ForumPostsPerMinute"] = "100000", ["RateLimits:ForumPostsPerMemberPerMinute"] = "100000" }))
        {
            await server.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(60));
            using var stop = new CancellationTokenSource();
            var posters = members.Select(email => Task.Run(async () =>
            {
                using var browser = new TestBrowser(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(url) });
                Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email)).Status);
                var form = await browser.GetAsync(topicPath);
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var text = $"{email.Split('@')[0]} says {i}";
                    Interlocked.Increment(ref attempted);
                    try
                    {
                        var done = await browser.SubmitAsync(form, "form#reply", new() { ["Input.Body"] = text });
                        if (done.Status == HttpStatusCode.Redirect && PostAnchor().IsMatch(done.Location ?? "")) confirmed.Add(text);
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone
                    }
                }
            })).ToList();
            await WaitUntilAsync(() => confirmed.Count >= 60, 60, () => server.Output);
            server.KillHard();
            await stop.CancelAsync();
            await Task.WhenAll(posters);
        }

        using (var again = ServerProcess.Start(_folder, url))
        {
            await again.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(60));
            Assert.DoesNotContain("Exception", again.Output);
            using var reader = new TestBrowser(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) });
            var topic = await reader.GetAsync(topicPath);
            Assert.Equal(HttpStatusCode.OK, topic.Status);
            again.KillHard();
        }

        using var after = new QuietApp(_folder);
        var topicId = int.Parse(TopicId().Match(topicPath).Groups[1].Value);
        var stored = (await after.Service<IForumStore>().ListPostsAsync(topicId, 0, 100_000)).Select(p => p.Markdown).ToHashSet();
        var missing = confirmed.Where(t => !stored.Contains(t)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged posts lost, e.g. {string.Join("; ", missing.Take(5))}");
        output.WriteLine($"{attempted} replies attempted, {confirmed.Count} acknowledged before SIGKILL, all {confirmed.Count} there after restart ({stored.Count - 1} stored).");
    }

    private static Dictionary<string, string> SmtpSettings(SmtpSink sink)
    {
        var settings = sink.AppSettings(Connections).ToDictionary(kv => kv.Key, kv => kv.Value!);
        settings["Mail:RetryDelay"] = "00:00:00.100";
        settings["Logging:LogLevel:ForumServer.Mail.OutboxWorker"] = "Debug";
        return settings;
    }

    private static Task WaitUntilAsync(Func<bool> condition, int seconds, Func<string> explain, ServerProcess? process = null) =>
        Eventually.UntilAsync(() => condition() || (process?.HasExited == true ? throw new InvalidOperationException("The server exited:\n" + explain()) : false),
            TimeSpan.FromSeconds(seconds), explain);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [GeneratedRegex(@"#post-\d+$")]
    private static partial Regex PostAnchor();

    [GeneratedRegex(@"/t/(\d+)")]
    private static partial Regex TopicId();

    /// <summary>The app over a data folder with no background workers: to seed or inspect it without sending anything.</summary>
    private sealed class QuietApp(string folder) : ForumApp(dataFolder: folder)
    {
        protected override void ConfigureMore(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services =>
            {
                // Keep only the hosted service that holds the data folder lock, so disposing the app releases it.
                foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name != "DataFolderLockHolder").ToList())
                    services.Remove(worker);
            });
    }
}
