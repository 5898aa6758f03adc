using System.Diagnostics;
using ForumServer.Core.Forum;
using ForumServer.Core.Lists;
using ForumServer.Storage.PostgreSql;
using Npgsql;

namespace ForumServer.Bench;

public sealed record ScaleOutSendResult(
    int Recipients, double Seconds, double MessagesPerSecond, int Duplicates, IReadOnlyDictionary<string, long> SentPerServer,
    IReadOnlyDictionary<string, double> CpuMsPerMessage);

/// <summary>
/// Two published servers on one fresh PostgreSQL database (from <c>FORUM_TEST_POSTGRES</c>, which .ci/services.sh
/// sets) send one issue to every confirmed subscriber of a list together, through SMTP to a counting sink of its own.
/// </summary>
public static class ScaleOutSend
{
    public const string Variable = "FORUM_TEST_POSTGRES";

    public static async Task<ScaleOutSendResult> RunAsync(string serverFolder, int recipients)
    {
        var server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s
            : throw new InvalidOperationException($"--only=scaleout needs {Variable} (an Npgsql connection string; `. .ci/services.sh` starts a server and sets it).");
        var name = "forum_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = NpgsqlDataSource.Create(server))
            await admin.CreateCommand($"CREATE DATABASE {name}").ExecuteNonQueryAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var folders = new List<string>();
        try
        {
            await using var sink = new CountingSmtpSink().Start();
            var settings = new Dictionary<string, string>
            {
                ["Storage__Provider"] = "PostgreSql", ["Storage__PostgreSql__ConnectionString"] = connectionString,
                ["Mail__Transport"] = "Smtp", ["Mail__Smtp__Host"] = "127.0.0.1", ["Mail__Smtp__Port"] = sink.Port.ToString(),
                ["Mail__Smtp__Security"] = "None"
            };
            var servers = new List<ServerUnderTest>();
            try
            {
                foreach (var label in new[] { "a", "b" })
                {
                    folders.Add(Directory.CreateTempSubdirectory($"forumserver-bench-{label}-").FullName);
                    servers.Add(await ServerUnderTest.StartAsync(serverFolder, folders[^1], settings));
                }
                await using var db = PgDatabase.Create(connectionString);
                var lists = new PgListStore(db);
                while (await lists.FindListAsync("announce") is null) await Task.Delay(50);
                await SeedAsync(lists, recipients);

                // BENCH_TRACE=FILE.nettrace: a 10 s sampled thread-time trace of the first server during the send.
                using var trace = Environment.GetEnvironmentVariable("BENCH_TRACE") is { Length: > 0 } traceFile
                    ? Process.Start(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace"),
                        ["collect", "-p", servers[0].ProcessId.ToString(), "--profile", "dotnet-sampled-thread-time", "--duration", "00:00:00:10", "-o", traceFile])
                    : null;
                if (trace is not null) await Task.Delay(1000); // the session starts before the send does
                // Where the machine's CPU goes per message: the two servers, PostgreSQL, and this process (the SMTP sink).
                var cpuBefore = CpuNow(servers);
                var clock = Stopwatch.StartNew();
                var issue = NewIssue(recipients);
                await lists.SaveIssueAsync(issue);
                var deadline = TimeSpan.FromMinutes(10);
                while (sink.Messages < recipients && clock.Elapsed < deadline) await Task.Delay(20);
                var seconds = clock.Elapsed.TotalSeconds;
                var cpuAfter = CpuNow(servers);
                var cpuPerMessage = cpuAfter.ToDictionary(c => c.Key, c => (c.Value - cpuBefore[c.Key]).TotalMilliseconds / Math.Max(1, sink.Messages));
                trace?.WaitForExit(30_000);
                await Task.Delay(500); // room for a duplicate to show up
                var duplicates = sink.PerRecipient.Sum(p => Math.Max(0, p.Value - 1));
                var sentBy = new Dictionary<string, long>();
                foreach (var owner in await db.ListAsync<string>("SELECT to_jsonb(claimed_by) FROM outbox WHERE batch = $1 AND state = 'Sent'", issue.Batch))
                    sentBy[owner] = sentBy.GetValueOrDefault(owner) + 1;
                return new ScaleOutSendResult(sink.Messages, seconds, sink.Messages / seconds, duplicates, sentBy, cpuPerMessage);
            }
            finally
            {
                foreach (var s2 in servers) s2.Dispose();
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using (var admin = NpgsqlDataSource.Create(server))
                await admin.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)").ExecuteNonQueryAsync();
            foreach (var folder in folders)
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static Dictionary<string, TimeSpan> CpuNow(List<ServerUnderTest> servers) => new()
    {
        ["server a"] = servers[0].CpuTime(), ["server b"] = servers[1].CpuTime(),
        ["postgresql"] = PostgresCpu(),
        ["bench + SMTP sink"] = Process.GetCurrentProcess().TotalProcessorTime,
    };

    /// <summary>CPU of every running postgres process, from /proc (utime + stime, in clock ticks of 10 ms).</summary>
    private static TimeSpan PostgresCpu()
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                if (stat[(stat.IndexOf('(') + 1)..close] != "postgres") continue;
                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11]) + long.Parse(fields[12]); // utime and stime: fields 14 and 15 of stat
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // not a process folder, or a process that ended meanwhile
            }
        }
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static async Task SeedAsync(PgListStore lists, int count)
    {
        var now = DateTimeOffset.UtcNow;
        for (var start = 0; start < count; start += 5_000)
            await lists.AddSubscriptionsAsync(Enumerable.Range(start, Math.Min(5_000, count - start)).Select(i =>
            {
                var email = $"scaleout-subscriber{i}@sink.bench";
                return new Subscription
                {
                    ListId = "announce", Email = email, Key = Subscription.KeyFor("announce", email), Token = ListTokens.New(),
                    State = SubscriptionState.Confirmed, CreatedAt = now, ConfirmedAt = now,
                };
            }).ToList());
    }

    /// <summary>The issue the single-server list send composes (same Markdown), stored due now for the list-issue worker.</summary>
    private static ListIssue NewIssue(int recipients)
    {
        var body = SampleMarkdown.Post(7) + "\n\n" + SampleMarkdown.Post(8);
        var now = DateTimeOffset.UtcNow;
        return new ListIssue
        {
            ListId = "announce", Subject = $"Release notes for {recipients} readers", BodyMarkdown = body, BodyHtml = new PostRenderer().Render(body),
            AuthorId = "bench", CreatedAt = now, State = IssueState.Scheduled, ScheduledAt = now.AddSeconds(-1),
        };
    }
}
