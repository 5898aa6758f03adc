using System.Net;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.ScaleOut;
using Microsoft.Playwright;

namespace ForumServer.BrowserTests.ScaleOut;

/// <summary>A reader's Chromium on server B while a member replies on server A (one PostgreSQL, one Redis).</summary>
public sealed class TwoServerLiveTests(Chromium chromium) : IClassFixture<Chromium>
{
    [ScaleOutFact]
    public async Task A_reply_posted_on_server_A_appears_live_in_a_reader_page_open_on_server_B()
    {
        await using var cluster = await ScaleOutCluster.CreateAsync();
        var nodes = await Task.WhenAll(cluster.StartAsync("a"), cluster.StartAsync("b"));
        var (a, b) = (nodes[0], nodes[1]);
        using var alice = await cluster.NewMemberAsync(a, new CookieContainer(), "Alice", "alice@example.org");
        var topicPath = (await alice.CreateTopicAsync(1, "Live across servers", "Opening post on A.")).Location!;

        var context = await chromium.Browser.NewContextAsync();
        try
        {
            var reader = await context.NewPageAsync();
            reader.SetDefaultTimeout(15_000);
            await BrowserForum.GoToTopicAsync(reader, b.Url + topicPath);
            Assert.Equal(1, await reader.Locator("article.post").CountAsync());

            Assert.Equal(HttpStatusCode.Redirect, (await alice.ReplyAsync(topicPath, "Pushed from server A to a reader on B")).Status);

            var reply = reader.Locator("article.post", new() { HasText = "Pushed from server A to a reader on B" });
            await reply.WaitForAsync(new() { State = WaitForSelectorState.Visible });
            Assert.Equal(2, await reader.Locator("article.post").CountAsync());
            Assert.StartsWith(b.Url, reader.Url); // the page never left server B
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
