using System.Net;
using ForumServer.Core.Forum;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Moderation;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ForumServer.Tests.Hardening;

/// <summary>Limits that an attacker with several addresses, or one address and many sockets, cannot get around.</summary>
public sealed class MemberLimitTests
{
    [Fact]
    public async Task One_member_posting_in_parallel_from_three_addresses_is_held_to_the_per_member_limit()
    {
        using var app = new KestrelForumApp(new() { ["RateLimits:ForumPostsPerMemberPerMinute"] = "5" });
        using (var first = await app.NewMemberAsync("Flood", "flood@example.org")) { }
        var browsers = new List<TestBrowser>();
        foreach (var address in new[] { "127.0.0.2", "127.0.0.3", "127.0.0.4" })
        {
            var browser = app.NewBrowserFrom(address);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("flood@example.org")).Status);
            browsers.Add(browser);
        }
        using var other = await app.NewMemberAsync("Calm", "calm@example.org");
        var (topicUrl, topicId) = await other.TopicAsync("Target", "first");

        var replies = await Task.WhenAll(browsers.SelectMany(b => Enumerable.Range(0, 4).Select(i => b.ReplyAsync(topicUrl, $"flood {i}"))));
        Assert.Equal(5, replies.Count(r => r.Status == HttpStatusCode.Redirect));
        Assert.Equal(7, replies.Count(r => r.Status == HttpStatusCode.TooManyRequests));
        Assert.All(replies.Where(r => r.Status == HttpStatusCode.TooManyRequests), r => Assert.Contains("Too many requests", r.Html));
        // Counted by author, not by the topic's counter (post numbering under concurrent replies is the store's issue).
        var flooder = await app.MemberIdAsync("flood@example.org");
        Assert.Equal(5, (await app.Service<IForumStore>().ListPostsByAuthorAsync(flooder)).Count(p => p.TopicId == topicId));

        // Another member on the same address as the flood still posts.
        Assert.Equal(HttpStatusCode.Redirect, (await other.ReplyAsync(topicUrl, "calm reply")).Status);
        foreach (var b in browsers) b.Dispose();
    }

    [Fact]
    public async Task One_address_holds_at_most_the_configured_number_of_live_connections()
    {
        using var app = new KestrelForumApp(new() { ["Live:MaxConnectionsPerAddress"] = "3" });
        var open = new List<HubConnection>();
        for (var i = 0; i < 3; i++)
        {
            var connection = new HubConnectionBuilder().WithUrl(app.Url("/live")).Build();
            await connection.StartAsync();
            await connection.InvokeAsync("WatchFront");
            open.Add(connection);
        }
        var refused = new HubConnectionBuilder().WithUrl(app.Url("/live")).Build();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        refused.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        try
        {
            await refused.StartAsync();
            var error = await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Contains("Too many live connections", error?.Message ?? "");
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or IOException)
        {
            Assert.Contains("Too many live connections", e.ToString());
        }
        Assert.Equal(HubConnectionState.Disconnected, refused.State);

        // Closing one gives its slot back.
        await open[0].DisposeAsync();
        // The server notices the close asynchronously: a new connection is refused until it has.
        Exception? lastRefusal = null;
        var again = await Eventually.AwaitedValueAsync(async () =>
        {
            var attempt = new HubConnectionBuilder().WithUrl(app.Url("/live")).Build();
            try
            {
                await attempt.StartAsync();
                await attempt.InvokeAsync("WatchFront");
                return attempt;
            }
            catch (Exception e)
            {
                lastRefusal = e;
                await attempt.DisposeAsync();
                return null;
            }
        }, TimeSpan.FromSeconds(30), () => $"The closed connection's slot was not given back: {lastRefusal?.Message}");
        Assert.Equal(HubConnectionState.Connected, again.State);
        foreach (var c in open.Skip(1).Append(again).Append(refused)) await c.DisposeAsync();
    }
}
