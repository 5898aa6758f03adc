using System.Net;
using System.Text.Json;
using ForumServer.Core.Drafts;
using ForumServer.Core.Lists;
using ForumServer.Storage.PostgreSql;
using ForumServer.Tests.Community;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Lists;
using ForumServer.Tests.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace ForumServer.Tests.ScaleOut;

/// <summary>Two real server processes on one PostgreSQL database and one Redis behave as one forum.</summary>
public sealed class TwoServerTests(ITestOutputHelper output)
{
    [ScaleOutFact]
    public async Task A_reply_on_server_A_shows_at_once_on_server_B_cached_page_live_and_to_the_same_signed_in_member()
    {
        await using var cluster = await ScaleOutCluster.CreateAsync();
        var nodes = await Task.WhenAll(cluster.StartAsync("a"), cluster.StartAsync("b"));
        var (a, b) = (nodes[0], nodes[1]);
        var cookies = new CookieContainer(); // cookies go by host, not port: one jar is one person on both servers
        using var onA = await cluster.NewMemberAsync(a, cookies, "Alice", "alice@example.org");
        var topicPath = (await onA.CreateTopicAsync(1, "Two servers", "Written on A.")).Location!;
        var topicId = ScaleOutCluster.TopicIdOf(topicPath);

        // An anonymous reader on B: the page is rendered once and then served from the shared output cache.
        using var readerOnB = b.Browser();
        Assert.Contains("Written on A.", (await readerOnB.GetAsync(topicPath)).Html);
        Assert.Contains("Written on A.", (await readerOnB.GetAsync(topicPath)).Html);
        await using var live = await LiveListener.ConnectAsync(new Uri(b.Url));
        await live.Connection.InvokeAsync("WatchTopic", topicId);

        var replied = await onA.ReplyAsync(topicPath, "A reply posted on server A");
        Assert.Equal(HttpStatusCode.Redirect, replied.Status);

        // No wait: the eviction happened in Redis before A answered the reply.
        var page = await readerOnB.GetAsync(topicPath);
        Assert.Equal(2, page.Document.QuerySelectorAll("article.post").Length);
        Assert.Contains("A reply posted on server A", page.Html);
        var pushed = await live.WaitForAsync("PostCreated", m => m.Message.GetRawText().Contains("A reply posted on server A"), timeoutMs: 15_000);
        Assert.DoesNotContain("alice@example.org", pushed.Message.GetRawText());

        // A's sign-in cookie works on B (shared DataProtection keys), and B knows the member.
        using var aliceOnB = b.Browser(cookies);
        var settings = await aliceOnB.GetAsync("/account/settings");
        Assert.Equal(HttpStatusCode.OK, settings.Status);
        Assert.Contains("alice@example.org", settings.Html);
        Assert.DoesNotContain("alice@example.org", page.Html);
    }

    [ScaleOutFact]
    public async Task A_list_issue_sent_with_both_servers_running_is_shared_between_them_and_reaches_each_subscriber_once()
    {
        // At 100 messages a second each, one server alone would need 10 s: the other is woken at once (NOTIFY) or
        // polls within 5 s, so both send whatever the scheduling.
        const int recipients = 1_000;
        await using var cluster = await ScaleOutCluster.CreateAsync(connections: 2, settings: new Dictionary<string, string>
        {
            ["Mail:MessagesPerSecond"] = "100", ["Mail:BatchSize"] = "20",
        });
        var nodes = await Task.WhenAll(cluster.StartAsync("a"), cluster.StartAsync("b"));
        await using var db = cluster.OpenDatabase();
        var (issue, emails) = await ScheduleIssueAsync(db, recipients);

        await ListTestKit.WaitUntilAsync(async () => (await new PgOutboxStore(db).CountBatchAsync(issue.Batch)) is { Done: true, Total: recipients }, 120);
        await cluster.Sink.WaitForCountAsync(recipients, 30);
        AssertEachGotOne(cluster, emails);
        var sentBy = await SentPerSenderAsync(db, issue.Batch);
        foreach (var node in nodes)
            Assert.True(sentBy.GetValueOrDefault(ScaleOutCluster.SenderOf(node)) > 0,
                $"Server {node.Name} sent none of the issue: {string.Join(", ", sentBy.Select(kv => $"{kv.Key} {kv.Value}"))}");
        output.WriteLine(string.Join(", ", nodes.Select(n => $"server {n.Name} sent {sentBy.GetValueOrDefault(ScaleOutCluster.SenderOf(n))}")));
    }

    [ScaleOutFact]
    public async Task A_list_issue_reaches_each_subscriber_exactly_once_with_both_servers_running_even_when_a_sender_is_killed()
    {
        const int recipients = 1_500, heldAfter = 400, connections = 4;
        // Short claims, so the killed server's batch goes to the other within seconds (claims are at least twice the SMTP timeout).
        await using var cluster = await ScaleOutCluster.CreateAsync(connections, holdMailAfter: heldAfter, settings: new Dictionary<string, string>
        {
            ["Mail:ClaimSeconds"] = "6", ["Mail:Smtp:Timeout"] = "00:00:03",
        });
        var nodes = await Task.WhenAll(cluster.StartAsync("a"), cluster.StartAsync("b"));
        await using var db = cluster.OpenDatabase();
        var (issue, emails) = await ScheduleIssueAsync(db, recipients);

        // The sink stalls every connection once 400 are in: both servers are then sending, and one dies with sends on the wire.
        await ListTestKit.WaitUntilAsync(() => Task.FromResult(cluster.Sink.Holding >= 2 * connections), 120);
        var (killed, survivor) = (nodes[0], nodes[1]);
        killed.Process.KillHard();
        var beforeKill = cluster.Sink.Messages.Count;
        cluster.Sink.Release();

        await ListTestKit.WaitUntilAsync(async () => (await new PgOutboxStore(db).CountBatchAsync(issue.Batch)) is { Done: true, Total: recipients }, 120);
        await cluster.Sink.WaitForCountAsync(recipients, 30);
        AssertEachGotOne(cluster, emails);
        Assert.Equal(heldAfter, beforeKill);
        var sentBy = await SentPerSenderAsync(db, issue.Batch);
        Assert.Equal(recipients, sentBy.Values.Sum());
        Assert.True(sentBy.GetValueOrDefault(ScaleOutCluster.SenderOf(survivor)) >= recipients - heldAfter);
        output.WriteLine($"{beforeKill} sent before SIGKILL of server {killed.Name} ({sentBy.GetValueOrDefault(ScaleOutCluster.SenderOf(killed))} by it in all), " +
            $"{sentBy.GetValueOrDefault(ScaleOutCluster.SenderOf(survivor))} by server {survivor.Name}, none twice.");
    }

    /// <summary>Confirmed subscribers of Announce and an issue to them, due now (the list-issue worker then queues it).</summary>
    private static async Task<(ListIssue Issue, List<string> Emails)> ScheduleIssueAsync(PgDatabase db, int recipients)
    {
        var lists = new PgListStore(db);
        await ListTestKit.WaitUntilAsync(async () => await lists.FindListAsync("announce") is not null, 60);
        var emails = Enumerable.Range(1, recipients).Select(i => $"s{i}@example.org").ToList();
        var now = DateTimeOffset.UtcNow;
        await lists.AddSubscriptionsAsync(emails.Select(e => new Subscription
        {
            ListId = "announce", Email = e, Key = Subscription.KeyFor("announce", e), Token = ListTokens.New(),
            State = SubscriptionState.Confirmed, CreatedAt = now, ConfirmedAt = now,
        }).ToList());
        var issue = new ListIssue
        {
            ListId = "announce", Subject = "Version 5 is out", BodyMarkdown = "Get it now.", BodyHtml = "<p>Get it now.</p>",
            AuthorId = "manager", CreatedAt = now, State = IssueState.Scheduled, ScheduledAt = now.AddMinutes(-1),
        };
        await lists.SaveIssueAsync(issue);
        return (issue, emails);
    }

    private static void AssertEachGotOne(ScaleOutCluster cluster, List<string> emails)
    {
        var received = cluster.Sink.Messages.SelectMany(m => m.Recipients).ToList();
        var twice = received.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"{twice.Count} subscribers got the issue twice, e.g. {string.Join(", ", twice.Take(5))}");
        Assert.Equal(emails.Order(), received.Order());
    }

    /// <summary>Sent messages of the batch per sender id (the claimer stored on each row).</summary>
    private static async Task<Dictionary<string, long>> SentPerSenderAsync(PgDatabase db, string batch)
    {
        var sentBy = new Dictionary<string, long>();
        foreach (var owner in await db.ListAsync<string>("SELECT to_jsonb(claimed_by) FROM outbox WHERE batch = $1 AND state = 'Sent'", batch))
            sentBy[owner] = sentBy.GetValueOrDefault(owner) + 1;
        return sentBy;
    }

    [ScaleOutFact]
    public async Task Likes_drafts_and_watches_made_on_server_A_show_on_server_B_are_in_its_export_and_go_with_the_account()
    {
        await using var cluster = await ScaleOutCluster.CreateAsync();
        var nodes = await Task.WhenAll(cluster.StartAsync("a"), cluster.StartAsync("b"));
        var (a, b) = (nodes[0], nodes[1]);
        var (cookies, aliceCookies) = (new CookieContainer(), new CookieContainer());
        using var aliceOnA = await cluster.NewMemberAsync(a, aliceCookies, "Alice", "alice@example.org");
        using var bobOnA = await cluster.NewMemberAsync(a, cookies, "Bob", "bob@example.org");
        var topicPath = (await aliceOnA.CreateTopicAsync(1, "Shared likes", "Worth a like.")).Location!;
        var topicId = ScaleOutCluster.TopicIdOf(topicPath);
        var postId = (await bobOnA.GetAsync(topicPath)).PostIds()[0];

        Assert.Equal(HttpStatusCode.Redirect, (await bobOnA.PostFormAsync($"/p/{postId}/like", new() { ["like"] = "true" })).StatusCode);
        var key = Draft.TopicKey(topicId);
        Assert.Equal(HttpStatusCode.OK, (await bobOnA.PostFormAsync("/composer/draft", new() { ["key"] = key, ["body"] = "Half a reply from A" })).StatusCode);

        // Server B reads the same rows: the like on its topic page, the draft in Bob's composer, a second like refused.
        await using var db = cluster.OpenDatabase();
        using var readerOnB = b.Browser();
        Assert.Equal("1 like", (await readerOnB.GetAsync(topicPath)).Text($"#post-{postId} a.likes"));
        using var bobOnB = b.Browser(cookies);
        Assert.Contains("Half a reply from A", await (await bobOnB.Client.GetAsync($"/composer/draft?key={key}")).Content.ReadAsStringAsync());
        await bobOnB.PostFormAsync($"/p/{postId}/like", new() { ["like"] = "true" });
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM reactions"));

        // Alice watches the topic she started (a default the notification handler sets); B's export of her has it.
        await ListTestKit.WaitUntilAsync(async () => await db.ScalarAsync<long>("SELECT count(*) FROM watches WHERE target_key = $1", $"Topic|{topicId}") > 0, 30);
        using var aliceOnB = b.Browser(aliceCookies);
        using var aliceExport = JsonDocument.Parse(await (await aliceOnB.Client.GetAsync("/privacy/export")).Content.ReadAsStringAsync());
        Assert.Contains(aliceExport.RootElement.GetProperty("notifications").GetProperty("watches").EnumerateArray(),
            w => w.GetProperty("targetId").GetInt32() == topicId);
        var export = await bobOnB.Client.GetAsync("/privacy/export");
        using var bobExport = JsonDocument.Parse(await export.Content.ReadAsStringAsync());
        var community = bobExport.RootElement.GetProperty("community");
        Assert.Equal([postId], community.GetProperty("likes").EnumerateArray().Select(l => l.GetProperty("postId").GetInt32()));
        Assert.Equal(["Half a reply from A"], community.GetProperty("drafts").EnumerateArray().Select(d => d.GetProperty("body").GetString()));

        var removed = await bobOnB.SubmitAsync(await bobOnB.GetAsync("/account/settings"), "form.remove-account",
            new() { ["Input.Password"] = Flows.Password, ["Input.RemovalMode"] = "DeleteContent" });
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        foreach (var table in new[] { "reactions", "drafts" })
            Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM {table}"));
    }
}
