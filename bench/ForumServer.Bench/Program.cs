using System.Diagnostics;
using System.Text.Json;
using BenchmarkDotNet.Running;
using ForumServer.Bench;

// bench/run.sh builds Release, publishes the server and runs this with the server folder.
// Arguments: <server-folder> [--quick]   |   micro (BenchmarkDotNet micro-benchmarks)   |   storage [--quick] (store reads)   |   media (peak memory of photo uploads)
//            searchquery FOLDER (the search path without HTTP over a kept data folder, for profiling the index)
if (args.Length > 0 && args[0] == "media")
    return await MediaMemory.RunAsync();
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkRunner.Run<MarkdownBenchmarks>(args: args[1..]);
    return 0;
}

if (args.Length > 1 && args[0] == "searchquery")
{
    await SearchQueries.RunAsync(args[1], args.Length > 2 ? args[2] : null);
    return 0;
}

if (args.Length > 0 && args[0] == "storage")
{
    StoreQueries.Run(args.Contains("--quick"));
    return 0;
}

var serverFolder = Path.GetFullPath(args.Length > 0 ? args[0] : "bench/.out/server");
var quick = args.Contains("--quick");
// --only=pages|reply|live|lists|search|notify runs one part (for profiling); the default runs all.
// --only=a,b runs those parts. --only=scaleout (not in the default run: it needs FORUM_TEST_POSTGRES) sends one issue from two servers on
// PostgreSQL, beside the same send from one server on LiteDB.
var only = args.FirstOrDefault(a => a.StartsWith("--only=", StringComparison.Ordinal))?["--only=".Length..];
bool Runs(string part) => (only is null && part != "scaleout") || (only?.Split(',').Contains(part) ?? false);
// --storage=postgresql (needs FORUM_TEST_POSTGRES): the seeded forum is also copied into a fresh PostgreSQL database
// and served by a second server; the signed-in topic page and the reply round trip run on both, same run, side by side.
var onPostgreSql = args.Contains("--storage=postgresql");
var scaleOutRecipients = quick ? 5_000 : 20_000;
var (categories, topics, postsPerTopic) = quick || only == "scaleout" ? (5, 500, 20) : (20, 10_000, 20);
var seconds = quick ? 3 : 10;
var results = new Dictionary<string, object>();
var table = new List<(string Name, string Value, string Reference)>();

var data = Directory.CreateTempSubdirectory("forumserver-bench-").FullName;
string? pgData = null;
try
{
    Console.WriteLine($"Seeding {categories} categories, {topics:N0} topics, {topics * postsPerTopic:N0} posts ...");
    var sw = Stopwatch.StartNew();
    var seeded = Seeder.Run(data, categories, topics, postsPerTopic, members: 32);
    var (smallList, largeList) = quick ? (1_000, 5_000) : (10_000, 100_000);
    if (Runs("lists"))
    {
        Seeder.SeedSubscribers(data, "news", smallList);
        Seeder.SeedSubscribers(data, "announce", largeList);
    }
    var (quietTopic, watchedTopic, watchers) = (topics / 2 + 1, topics / 2 + 2, 1_000);
    if (Runs("notify")) NotificationFanOut.SeedWatchers(data, watchedTopic, watchers);
    if (Runs("scaleout")) Seeder.SeedSubscribers(data, "announce", scaleOutRecipients);
    Console.WriteLine($"  seeded in {sw.Elapsed.TotalSeconds:0.0} s");
    var search = await SearchBench.BuildAsync(data, quick || only == "scaleout" ? 2_000 : 20_000);
    Console.WriteLine($"  search index rebuilt in {search.RebuildSeconds:0.0} s ({search.Posts:N0} posts, {search.IndexBytes / 1048576.0:0.0} MiB)");
    results["search_index"] = new
    {
        posts = search.Posts, rebuild_s = search.RebuildSeconds, size_mib = search.IndexBytes / 1048576.0, indexed_per_s = search.IndexedPerSecond,
    };
    table.Add(("search index (full rebuild)", $"{search.RebuildSeconds:0.0} s, {search.IndexBytes / 1048576.0:0.0} MiB", $"{search.Posts:N0} posts"));
    table.Add(("search indexing, one post per call", $"{search.IndexedPerSecond:0} posts/s", "target 100 replies/s"));

    await using var pgCopy = onPostgreSql && (Runs("pages") || Runs("reply")) ? await PgCopy.CreateAsync(serverFolder, data) : null;
    await using var sink = new CountingSmtpSink().Start();
    using var server = await ServerUnderTest.StartAsync(serverFolder, data, new Dictionary<string, string>
    {
        ["Mail__Transport"] = "Smtp", ["Mail__Smtp__Host"] = "127.0.0.1", ["Mail__Smtp__Port"] = sink.Port.ToString(),
        ["Mail__Smtp__Security"] = "None", ["Search__RequestsPerMinute"] = "100000",
    });
    var topicPath = $"/t/{seeded.TopicId}/{seeded.TopicSlug}";
    pgData = pgCopy is null ? null : Directory.CreateTempSubdirectory("forumserver-bench-pg-").FullName;
    using var pgServer = pgCopy is null ? null : await ServerUnderTest.StartAsync(serverFolder, pgData!, new Dictionary<string, string>
    {
        ["Storage__Provider"] = "PostgreSql", ["Storage__PostgreSql__ConnectionString"] = pgCopy.ConnectionString,
        ["Mail__Transport"] = "Smtp", ["Mail__Smtp__Host"] = "127.0.0.1", ["Mail__Smtp__Port"] = sink.Port.ToString(),
        ["Mail__Smtp__Security"] = "None", ["Search__RequestsPerMinute"] = "100000",
    });
    // With --storage=postgresql, BENCH_TRACE and BENCH_TRACE_REPLY trace the PostgreSQL server.
    using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
    var topicBytes = await http.GetByteArrayAsync(topicPath);
    var staticName = "bench-static.html";
    await File.WriteAllBytesAsync(Path.Combine(serverFolder, "wwwroot", staticName), topicBytes);

    if (Runs("pages"))
    {
        // 1 and 2: anonymous pages beside a static file of the topic page's size, same process, same run.
        // Warm-up: the JIT's tiering settles first (a young process runs part of its code unoptimized); BENCH_WARMUP_S.
        var warmUp = int.Parse(Environment.GetEnvironmentVariable("BENCH_WARMUP_S") ?? "5");
        await Wrk.RunAsync(server.BaseUrl + topicPath, 64, warmUp);
        await Wrk.RunAsync(server.BaseUrl + topicPath, 64, warmUp, ".forum.auth=none");
        var stat = await Wrk.RunAsync($"{server.BaseUrl}/{staticName}", 64, seconds);
        var (css, cssCpu) = await WithServerCpu(server, () => Wrk.RunAsync($"{server.BaseUrl}/theme/theme.css", 64, seconds));
        var topic = await Wrk.RunAsync(server.BaseUrl + topicPath, 64, seconds);
        // An auth cookie that does not decrypt: the page cache skips the request, the page renders for a visitor.
        using var perfUncached = PerfRecord(server, "uncached", seconds);
        var (uncached, uncachedCpu) = await WithServerCpu(server, () => Wrk.RunAsync(server.BaseUrl + topicPath, 64, seconds, ".forum.auth=none"));
        perfUncached?.WaitForExit(30_000);
        var category = await Wrk.RunAsync($"{server.BaseUrl}/c/{seeded.CategoryId}", 64, seconds);
        var front = await Wrk.RunAsync($"{server.BaseUrl}/", 64, seconds);
        Add("static file (topic-page size)", stat, stat);
        Add("static stylesheet (theme.css)", css, css);
        Add("anonymous topic page (20 posts)", topic, stat);
        Add("anonymous topic page, output cache off", uncached, css, target: 0.25);
        CpuRow("server CPU per request: theme.css", cssCpu, null);
        CpuRow("server CPU per request: topic page, cache off", uncachedCpu, cssCpu);
        Add("anonymous category page", category, stat);
        Add("anonymous front page", front, stat);

        var (signedIn, gen2PerSecond, signedInCpu) = await SignedInAsync(server, pgServer is null, warmUp);
        Add("signed-in topic page", signedIn, css, target: 0.25);
        CpuRow("server CPU per request: signed-in topic page", signedInCpu, cssCpu);
        results["signed_in_gen2_per_second"] = gen2PerSecond is { } g ? g : "unknown (dotnet-counters missing)";
        if (pgServer is not null)
        {
            var (pgSignedIn, pgGen2, pgCpu) = await SignedInAsync(pgServer, true, warmUp);
            Add("signed-in topic page, PostgreSQL", pgSignedIn, signedIn, target: 0.8, referenceName: "LiteDB");
            CpuRow("server CPU per request: signed-in, PostgreSQL", pgCpu, cssCpu);
            results["signed_in_gen2_per_second_postgresql"] = pgGen2 is { } pg2 ? pg2 : "unknown (dotnet-counters missing)";
        }
        table.Add(("gen-2 GCs during signed-in run", gen2PerSecond is { } g2 ? $"{g2:0.00} per second" : "unknown", "target < 1 per second"));
    }

    // Search: two-word queries at 16 concurrent clients (relevance order, then newest first), beside theme.css
    // fetched by the same 16 clients in the same run. BENCH_TRACE=FILE.nettrace traces the first search run.
    if (Runs("search"))
    {
        // Two words of middle rank in the seeded vocabulary (each in a few percent of the posts), 200 different pairs
        // in turn; then two of the 30 common words that are in nearly every post (the worst case: all 200,000 match).
        var pairs = SearchQueries.Pairs();
        var warmUpPaths = pairs.SelectMany(p => new[] { "/search?q=" + p, "/search?q=" + p + "&sort=new" }).ToList();
        await WarmUpUntilJitSettledAsync(server, 3, () => Wrk.RunAsync(server.BaseUrl, 16, 3, paths: warmUpPaths));
        var css = await Wrk.RunAsync($"{server.BaseUrl}/theme/theme.css", 16, seconds);
        Add("static stylesheet (theme.css), 16 clients", css, css);
        var traced = false;
        foreach (var (label, perfName, paths) in new (string, string, List<string>)[]
        {
            ("search, two words", "search", pairs.Select(p => "/search?q=" + p).ToList()),
            ("search, two words, newest", "search-newest", pairs.Select(p => "/search?q=" + p + "&sort=new").ToList()),
            ("search, two words in every post", "search-every", ["/search?q=install+cache", "/search?q=server+memory", "/search?q=update+disk"]),
            ("search, every post, newest", "search-every-newest", ["/search?q=install+cache&sort=new", "/search?q=server+memory&sort=new"]),
        })
        {
            using var trace = !traced && Environment.GetEnvironmentVariable("BENCH_TRACE") is { Length: > 0 } traceFile
                ? Process.Start(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace"),
                    ["collect", "-p", server.ProcessId.ToString(), "--profile", "dotnet-sampled-thread-time", "--duration", $"00:00:{seconds + 1:00}", "-o", traceFile])
                : null;
            using var perf = PerfRecord(server, perfName, seconds);
            traced = true;
            var (result, cpuMs) = await WithServerCpu(server, () => Wrk.RunAsync(server.BaseUrl, 16, seconds, paths: paths));
            trace?.WaitForExit(30_000);
            perf?.WaitForExit(30_000);
            Add(label + " (16 clients)", result, css);
            table[^1] = (table[^1].Name, table[^1].Value, table[^1].Reference + $"; {cpuMs:0.00} ms server CPU a search; target p99 < 50 ms");
        }
    }

    // 3: reply round trip (form post through redirect), 16 concurrent members.
    if (Runs("reply"))
    {
        var (latencies, replyCpu) = await RepliesAsync(server, pgServer is null);
        var replyP50 = Stats.Percentile(latencies, 50);
        var replyP99 = Stats.Percentile(latencies, 99);
        results["reply_round_trip"] = new { members = 16, replies = latencies.Count, p50_ms = replyP50, p99_ms = replyP99, server_cpu_ms = replyCpu };
        table.Add(("reply round trip (16 members)", $"p50 {replyP50:0.0} ms, p99 {replyP99:0.0} ms, {replyCpu:0.00} ms server CPU",
            $"{latencies.Count} replies; target p50 < 15 ms, p99 < 50 ms"));
        // The same members at a steady pace instead of back to back: each sends a reply every 250 ms (64 replies a
        // second in all), so latency is what one reply costs rather than the queue of 15 others in front of it.
        var (paced, pacedCpu) = await RepliesAsync(server, false, TimeSpan.FromMilliseconds(250));
        var (pacedP50, pacedP99) = (Stats.Percentile(paced, 50), Stats.Percentile(paced, 99));
        results["reply_round_trip_paced"] = new { members = 16, replies_per_second = 64, replies = paced.Count, p50_ms = pacedP50, p99_ms = pacedP99, server_cpu_ms = pacedCpu };
        table.Add(("reply, 16 members at 64 replies/s", $"p50 {pacedP50:0.0} ms, p99 {pacedP99:0.0} ms, {pacedCpu:0.00} ms server CPU",
            $"{paced.Count} replies, each member every 250 ms"));
        if (pgServer is not null)
        {
            var (pg, pgCpu) = await RepliesAsync(pgServer, true);
            var (pgP50, pgP99) = (Stats.Percentile(pg, 50), Stats.Percentile(pg, 99));
            results["reply_round_trip_postgresql"] = new { members = 16, replies = pg.Count, p50_ms = pgP50, p99_ms = pgP99, server_cpu_ms = pgCpu, litedb_p50_ms = replyP50, litedb_p99_ms = replyP99 };
            table.Add(("reply round trip, PostgreSQL", $"p50 {pgP50:0.0} ms, p99 {pgP99:0.0} ms, {pgCpu:0.00} ms server CPU",
                $"{pg.Count} replies; LiteDB p50 {replyP50:0.0} ms, p99 {replyP99:0.0} ms; target p99 < 50 ms"));
        }
    }

    // 4 and 3b: idle SignalR connections (working set at 0, 1,000, 5,000) and fan-out to 1,000 watchers.
    var (fanOutClients, manyClients, fanOutReplies) = quick ? (200, 1_000, 5) : (1_000, 5_000, 20);
    if (Runs("live"))
        await using (var live = new LiveFanOut())
        {
            var liveTopic = seeded.ReplyTopicIds[0];
            using var poster = new MemberSession(server.BaseUrl);
            await poster.SignInAsync(seeded.MemberEmails[20], Seeder.MemberPassword);
            await poster.RefreshTokenAsync($"/t/{liveTopic}");
            await live.GrowAsync(server.BaseUrl, liveTopic, 1, fanOutReplies);
            await Task.Delay(1000);
            var ws0 = server.WorkingSet();
            await live.GrowAsync(server.BaseUrl, liveTopic, fanOutClients, fanOutReplies);
            await Task.Delay(2000);
            var wsFan = server.WorkingSet();
            var lastArrival = await live.MeasureAsync(poster, liveTopic, fanOutReplies);
            await live.GrowAsync(server.BaseUrl, liveTopic, manyClients, 0);
            await Task.Delay(3000);
            var wsMany = server.WorkingSet();
            var perConnectionKb = (wsMany - ws0) / 1024.0 / (manyClients - 1);
            results["live_fan_out"] = new
            {
                clients = fanOutClients, replies = fanOutReplies,
                last_client_p50_ms = Stats.Percentile(lastArrival, 50), last_client_p99_ms = Stats.Percentile(lastArrival, 99),
            };
            results["live_idle_memory"] = new
            {
                working_set_mb_at_1 = ws0 / 1048576.0, working_set_mb_at_fan_out = wsFan / 1048576.0, fan_out_clients = fanOutClients,
                working_set_mb_at_many = wsMany / 1048576.0, many_clients = manyClients, kib_per_idle_connection = perConnectionKb,
            };
            table.Add(($"fan-out to {fanOutClients} SignalR clients", $"last client p50 {Stats.Percentile(lastArrival, 50):0.0} ms, p99 {Stats.Percentile(lastArrival, 99):0.0} ms", $"{fanOutReplies} replies, POST to last arrival"));
            table.Add(("idle SignalR connection memory", $"{perConnectionKb:0.0} KiB each", $"WS {ws0 / 1048576.0:0} MB at 1, {wsFan / 1048576.0:0} MB at {fanOutClients}, {wsMany / 1048576.0:0} MB at {manyClients}"));
        }

    // 6: a reply in a topic with 1,000 watchers vs. none (fan-out after the response), and their mails out at the sink.
    if (Runs("notify"))
    {
        using var poster = new MemberSession(server.BaseUrl);
        await poster.SignInAsync(seeded.MemberEmails[21], Seeder.MemberPassword);
        var fan = await NotificationFanOut.RunAsync(sink, poster, quietTopic, watchedTopic, quietTopic + 2, watchers, quick ? 10 : 20);
        results["notification_fan_out"] = fan;
        table.Add(($"reply, {watchers:N0} watchers vs none", $"p50 {fan.WatchedP50Ms:0.0} ms vs {fan.QuietP50Ms:0.0} ms, ratio {fan.Ratio:0.00}",
            $"{fan.Replies} pairs; target ratio <= 1.10"));
        table.Add(($"{watchers:N0} notification mails out", $"p50 {fan.MailsOutP50S:0.00} s, max {fan.MailsOutMaxS:0.00} s",
            $"reply to last mail at the sink, {fan.Duplicates} duplicates; target 5 s"));
    }

    // 5: list sends through SMTP to the in-process sink.
    using var manager = new MemberSession(server.BaseUrl);
    await manager.SignInAsync(seeded.MemberEmails[^1], Seeder.MemberPassword);
    foreach (var (listId, count) in Runs("lists") ? new[] { ("news", smallList), ("announce", largeList) } : [])
    {
        var send = await ListSend.RunAsync(server, sink, manager, listId, count);
        results[$"list_send_{count}"] = send;
        table.Add(($"list send to {count:N0}", $"{send.MessagesPerSecond:0} msg/s ({send.Seconds:0.0} s), peak WS {send.PeakWorkingSetMb:0} MB",
            $"{send.Recipients:N0} delivered, {send.Duplicates} duplicates"));
    }

    // 7: the same issue to 20,000 from one LiteDB server (above) and from two servers on one PostgreSQL database.
    if (Runs("scaleout"))
    {
        var single = await ListSend.RunAsync(server, sink, manager, "announce", scaleOutRecipients);
        var two = await ScaleOutSend.RunAsync(serverFolder, scaleOutRecipients);
        results[$"list_send_{scaleOutRecipients}_one_server_litedb"] = single;
        results[$"list_send_{scaleOutRecipients}_two_servers_postgresql"] = two;
        table.Add(($"list send {scaleOutRecipients:N0}, 1 server LiteDB", $"{single.MessagesPerSecond:0} msg/s ({single.Seconds:0.0} s)",
            $"{single.Recipients:N0} delivered, {single.Duplicates} duplicates"));
        table.Add(($"list send {scaleOutRecipients:N0}, 2 servers PG", $"{two.MessagesPerSecond:0} msg/s ({two.Seconds:0.0} s)",
            $"{two.MessagesPerSecond / single.MessagesPerSecond:0.00}x one LiteDB server; {two.Recipients:N0} delivered, {two.Duplicates} duplicates, " +
            $"split {string.Join(" / ", two.SentPerServer.Values.OrderDescending())}; target 1,000 msg/s"));
        table.Add(("  CPU per message, 2 servers PG", string.Join(", ", two.CpuMsPerMessage.Select(c => $"{c.Key} {c.Value:0.00} ms")),
            $"{two.CpuMsPerMessage.Values.Sum():0.00} ms in all; 1,000 msg/s on 2 cores needs < 2 ms"));
    }

    results["server_working_set_mb"] = server.WorkingSet() / 1024.0 / 1024.0;
    results["machine"] = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.ToString(), quick };
    results["measured_at"] = DateTimeOffset.UtcNow;

    // The signed-in topic page at 64 connections: a warm-up as for the anonymous page, then a fresh sign-in for the
    // measured run (wrk keeps the cookie it was given, and one older than the security-stamp interval, 30 s, is
    // re-validated and renewed on every request, where a browser would take the renewed cookie).
    async Task<(LoadResult Result, double? Gen2PerSecond, double CpuMsPerRequest)> SignedInAsync(ServerUnderTest on, bool trace, int warmUpSeconds)
    {
        using (var warmUpMember = new MemberSession(on.BaseUrl))
        {
            await warmUpMember.SignInAsync(seeded.MemberEmails[0], Seeder.MemberPassword);
            await WarmUpUntilJitSettledAsync(on, warmUpSeconds, () => Wrk.RunAsync(on.BaseUrl + topicPath, 64, warmUpSeconds, warmUpMember.CookieHeader));
        }
        using var member = new MemberSession(on.BaseUrl);
        await member.SignInAsync(seeded.MemberEmails[0], Seeder.MemberPassword);
        // BENCH_TRACE=FILE.nettrace: a sampled thread-time trace of the signed-in run (`dotnet-trace report FILE topN`);
        // BENCH_TRACE_PROFILE=gc-verbose records allocation samples with their stacks instead.
        using var traceProcess = trace && Environment.GetEnvironmentVariable("BENCH_TRACE") is { Length: > 0 } traceFile
            ? Process.Start(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace"),
                ["collect", "-p", on.ProcessId.ToString(), "--profile", Environment.GetEnvironmentVariable("BENCH_TRACE_PROFILE") ?? "dotnet-sampled-thread-time", "--duration", $"00:00:{seconds + 1:00}", "-o", traceFile])
            : null;
        using var perf = trace ? PerfRecord(on, "signed-in", seconds) : null;
        await using var gc = await GcCounters.StartAsync(on.ProcessId);
        var (result, cpu) = await WithServerCpu(on, () => Wrk.RunAsync(on.BaseUrl + topicPath, 64, seconds, member.CookieHeader));
        var gen2 = await gc.StopAsync();
        traceProcess?.WaitForExit(30_000);
        perf?.WaitForExit(30_000);
        return (result, gen2, cpu);
    }

    // Reply round trips (form post through redirect) by 16 concurrent members on one server, in ms, and the server's
    // CPU per round trip (BENCH_PERF_RUN=reply records perf of the LiteDB run).
    // With a pace, each member starts a reply every pace (members staggered across it) and there is no warm-up.
    async Task<(List<double> Latencies, double CpuMs)> RepliesAsync(ServerUnderTest on, bool trace, TimeSpan? pace = null)
    {
        var sessions = new List<MemberSession>();
        for (var i = 0; i < 16; i++)
        {
            var s = new MemberSession(on.BaseUrl);
            await s.SignInAsync(seeded.MemberEmails[i + 1], Seeder.MemberPassword);
            await s.RefreshTokenAsync($"/t/{seeded.ReplyTopicIds[i]}");
            sessions.Add(s);
        }
        var perMember = quick ? 10 : 40;
        // Steady state, as a server that has run a while: the same members reply in rounds of 3 s until the JIT's
        // tier-1 compiler settles (without this, a fresh process spent a quarter of the measured CPU compiling).
        var warmUpN = 0;
        if (pace is null) await WarmUpUntilJitSettledAsync(on, 3, () => Task.WhenAll(sessions.Select((s, i) => Task.Run(async () =>
        {
            for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(3);)
                await s.ReplyAsync(seeded.ReplyTopicIds[i], SampleMarkdown.Post(500 + Interlocked.Increment(ref warmUpN) % 400));
        }))));
        await MailSettledAsync(); // the warm-up's notification mails are out before the clock starts
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        // BENCH_TRACE_REPLY=FILE.nettrace: a 5 s sampled trace of the replies; members keep replying until it is written.
        using var replyTrace = trace && Environment.GetEnvironmentVariable("BENCH_TRACE_REPLY") is { Length: > 0 } replyTraceFile
            ? Process.Start(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace"),
                ["collect", "-p", on.ProcessId.ToString(), "--profile", "dotnet-sampled-thread-time", "--duration", "00:00:00:05", "-o", replyTraceFile])
            : null;
        using var perf = trace ? PerfRecord(on, "reply", quick ? 4 : 10) : null;
        var cpuBefore = on.CpuTime();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(sessions.Select((s, i) => Task.Run(async () =>
        {
            for (var n = 0; n < perMember || replyTrace is { HasExited: false }; n++)
            {
                if (pace is { } every && every * (n + i / 16.0) - Stopwatch.GetElapsedTime(started) is { Ticks: > 0 } wait) await Task.Delay(wait);
                var t0 = Stopwatch.GetTimestamp();
                await s.ReplyAsync(seeded.ReplyTopicIds[i], SampleMarkdown.Post(1000 + n));
                latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        })));
        // The CPU per reply includes the mails the replies caused, sent after the responses.
        await MailSettledAsync();
        var cpuMs = (on.CpuTime() - cpuBefore).TotalMilliseconds / Math.Max(1, latencies.Count);
        if (perf is not null) await perf.WaitForExitAsync();
        foreach (var s in sessions) s.Dispose();
        return (latencies.ToList(), cpuMs);

        // Until no notification mail has reached the sink for a second (the outbox has sent what replies queued).
        async Task MailSettledAsync()
        {
            for (var seen = -1; sink.Messages != seen;)
            {
                seen = sink.Messages;
                await Task.Delay(1000);
            }
        }
    }
}
finally
{
    try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    if (pgData is not null)
        try { Directory.Delete(pgData, recursive: true); } catch (IOException) { }
}

Console.WriteLine();
Console.WriteLine($"{"measurement",-36} {"result",-52} {"reference / ratio"}");
foreach (var (name, value, reference) in table) Console.WriteLine($"{name,-36} {value,-52} {reference}");
var outFile = Path.Combine(Path.GetDirectoryName(serverFolder.TrimEnd('/'))!, "..", "results", "latest.json");
Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
await File.WriteAllTextAsync(outFile, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"\nwrote {Path.GetFullPath(outFile)}");
return 0;

// Until the JIT has settled: a fresh server's first rounds run tier-0 and instrumented code while the runtime's
// background compiler builds tier 1 (the PostgreSQL server starts later and gets no anonymous runs first, so a fixed
// warm-up measured its JIT). Rounds go on until that compiler takes under 3 % of the server's CPU in a round.
static async Task WarmUpUntilJitSettledAsync(ServerUnderTest on, int roundSeconds, Func<Task> round)
{
    for (var n = 1; ; n++)
    {
        var tiering = on.TieringCpuTime();
        var cpuBefore = on.CpuTime();
        await round();
        var share = (on.TieringCpuTime() - tiering).TotalSeconds / Math.Max(1e-9, (on.CpuTime() - cpuBefore).TotalSeconds);
        if (share < 0.03 || n == 12)
        {
            Console.WriteLine($"  warm-up of {on.BaseUrl}: {n} rounds of {roundSeconds} s, tier-1 compiler {share:P0} of the server's CPU in the last");
            return;
        }
    }
}

// BENCH_PERF=FILE with BENCH_PERF_RUN=signed-in (default), uncached, reply, search, search-newest, search-every or
// search-every-newest (the search runs in turn): a perf record (on-CPU, native frames too: GC,
// JIT) of that run. Managed names need BENCH_SERVER_DOTNET_PerfMapEnabled=1 BENCH_SERVER_DOTNET_EnableWriteXorExecute=0.
Process? PerfRecord(ServerUnderTest server, string run, int seconds) =>
    Environment.GetEnvironmentVariable("BENCH_PERF") is { Length: > 0 } perfFile && (Environment.GetEnvironmentVariable("BENCH_PERF_RUN") ?? "signed-in") == run
        ? Process.Start("perf", ["record", "-F", "997", "-g", "-p", server.ProcessId.ToString(), "-o", perfFile, "--", "sleep", $"{seconds}"])
        : null;

// Server CPU milliseconds per request over a run: unlike req/s, barely moved by other load on the machine.
async Task<(LoadResult Load, double CpuMsPerRequest)> WithServerCpu(ServerUnderTest server, Func<Task<LoadResult>> run)
{
    var before = server.CpuTime();
    var load = await run();
    return (load, (server.CpuTime() - before).TotalMilliseconds / Math.Max(1, load.Requests));
}

void CpuRow(string name, double cpuMs, double? referenceMs)
{
    results[name] = new { cpu_ms_per_request = cpuMs };
    table.Add((name, $"{cpuMs:0.000} ms", referenceMs is { } r ? $"{cpuMs / r:0}x theme.css's {r:0.000} ms" : "reference"));
}

void Add(string name, LoadResult r, LoadResult reference, double? target = null, string referenceName = "")
{
    var ratio = r.RequestsPerSecond / reference.RequestsPerSecond;
    results[name] = new { rps = r.RequestsPerSecond, p50_ms = r.P50Ms, p99_ms = r.P99Ms, errors = r.Errors, ratio_to_static = ratio, reference_rps = reference.RequestsPerSecond, target_ratio = target };
    table.Add((name, $"{r.RequestsPerSecond,8:0} req/s  p50 {r.P50Ms,6:0.00} ms  p99 {r.P99Ms,6:0.00} ms" + (r.Errors > 0 ? $"  {r.Errors} errors" : ""),
        ReferenceEquals(r, reference) ? "reference" : $"{ratio:P0} of {(referenceName.Length > 0 ? referenceName + " " : "")}{reference.RequestsPerSecond:0} req/s" + (target is { } t ? $" (target {t:P0})" : "")));
}
