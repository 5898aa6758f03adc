using System.Diagnostics;
using ForumServer.Core.Accounts;
using ForumServer.Core.Notifications;
using ForumServer.Storage.LiteDb;

namespace ForumServer.Bench;

public sealed record NotificationFanOutResult(
    int Watchers, int Replies, double QuietP50Ms, double WatchedP50Ms, double Ratio, double MailsOutP50S, double MailsOutMaxS, int Duplicates);

/// <summary>
/// A reply in a topic 1,000 members watch against the same reply in a topic nobody watches (round trip through the
/// redirect, as a browser does), and the time from the reply until the watchers' mails are all at the SMTP sink.
/// Pairs alternate so both sides see the same machine; each reply starts on a quiet server (the last fan-out's mail
/// out, its checkpoint paid by an untimed reply).
/// </summary>
public static class NotificationFanOut
{
    public const string WatcherDomain = "watchers.bench";

    /// <summary>Members with confirmed addresses at the sink who watch one topic, as if each had picked "Watching".</summary>
    public static void SeedWatchers(string dataFolder, int topicId, int count)
    {
        using var db = new ForumDatabase(Path.Combine(dataFolder, "forum.db"));
        var now = DateTimeOffset.UtcNow;
        var members = Enumerable.Range(0, count).Select(i => new Member
        {
            DisplayName = $"Watcher {i}", NormalizedDisplayName = $"WATCHER {i}",
            Email = $"watcher{i}@{WatcherDomain}", NormalizedEmail = $"WATCHER{i}@{WatcherDomain}".ToUpperInvariant(),
            EmailConfirmed = true, CreatedAt = now, Roles = [Roles.Member],
        }).ToList();
        db.InTransaction(() => db.Members.InsertBulk(members));
        db.InTransaction(() => db.Watches.InsertBulk(members.Select(m => new Watch
        {
            Id = Watch.IdOf(m.Id, WatchTarget.Topic, topicId), MemberId = m.Id, Target = WatchTarget.Topic, TargetId = topicId,
            TargetKey = Watch.KeyOf(WatchTarget.Topic, topicId), Level = WatchLevel.Watching, At = now,
        })));
    }

    public static async Task<NotificationFanOutResult> RunAsync(
        CountingSmtpSink sink, MemberSession poster, int quietTopic, int watchedTopic, int untimedTopic, int watchers, int pairs)
    {
        await poster.RefreshTokenAsync($"/t/{quietTopic}");
        // Warm-up: one of each, not counted (JIT, first preferences of each watcher).
        await TimedReplyAsync(poster, quietTopic, 0);
        await WaitForWatcherMailsAsync(sink, WatcherMails(sink), 0, TimeSpan.FromSeconds(60));
        var baseline = WatcherMails(sink);
        await TimedReplyAsync(poster, watchedTopic, 1);
        await WaitForWatcherMailsAsync(sink, baseline, watchers, TimeSpan.FromSeconds(60));

        var quiet = new List<double>();
        var watched = new List<double>();
        var mailsOut = new List<double>();
        for (var i = 0; i < pairs; i++)
        {
            await SettleAsync(sink, poster, untimedTopic);
            quiet.Add(await TimedReplyAsync(poster, quietTopic, 10 + i));
            await SettleAsync(sink, poster, untimedTopic);
            var before = WatcherMails(sink);
            var clock = Stopwatch.StartNew();
            watched.Add(await TimedReplyAsync(poster, watchedTopic, 100 + i));
            await WaitForWatcherMailsAsync(sink, before, watchers, TimeSpan.FromSeconds(60));
            mailsOut.Add(clock.Elapsed.TotalSeconds);
        }
        var (q, w) = (Stats.Percentile(quiet, 50), Stats.Percentile(watched, 50));
        var duplicates = sink.PerRecipient.Where(p => p.Key.EndsWith("@" + WatcherDomain, StringComparison.Ordinal)).Sum(p => Math.Max(0, p.Value - (pairs + 1)));
        return new NotificationFanOutResult(watchers, pairs, q, w, w / q, Stats.Percentile(mailsOut, 50), mailsOut.Max(), duplicates);
    }

    private static async Task<double> TimedReplyAsync(MemberSession poster, int topicId, int seed)
    {
        var t0 = Stopwatch.GetTimestamp();
        await poster.ReplyAsync(topicId, SampleMarkdown.Post(5000 + seed));
        return Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
    }

    private static int WatcherMails(CountingSmtpSink sink) =>
        sink.PerRecipient.Where(p => p.Key.EndsWith("@" + WatcherDomain, StringComparison.Ordinal)).Sum(p => p.Value);

    private static async Task WaitForWatcherMailsAsync(CountingSmtpSink sink, int before, int expected, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (WatcherMails(sink) - before < expected)
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"Only {WatcherMails(sink) - before} of {expected} notification mails arrived in {limit.TotalSeconds} s.");
            await Task.Delay(5);
        }
    }

    /// <summary>
    /// Until the sink has taken nothing for 300 ms (the last reply's mail, the topic author's too, is out), then one
    /// untimed reply elsewhere: the first write after a fan-out pays LiteDB's checkpoint of the fan-out's writes
    /// (1,000 notifications, mails and their sent marks), which would otherwise land on whichever timed reply comes next.
    /// </summary>
    private static async Task SettleAsync(CountingSmtpSink sink, MemberSession poster, int untimedTopic)
    {
        await QuietAsync(sink);
        await poster.ReplyAsync(untimedTopic, SampleMarkdown.Post(9000));
        await QuietAsync(sink);
    }

    private static async Task QuietAsync(CountingSmtpSink sink)
    {
        var last = sink.Messages;
        var quietSince = Stopwatch.StartNew();
        while (quietSince.ElapsedMilliseconds < 300)
        {
            await Task.Delay(20);
            if (sink.Messages != last) (last, quietSince) = (sink.Messages, Stopwatch.StartNew());
        }
    }
}
