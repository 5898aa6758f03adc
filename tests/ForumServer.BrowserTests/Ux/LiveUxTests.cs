using ForumServer.Core.Forum;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.BrowserTests.Ux;

/// <summary>What a reader sees of live updates: no false "new replies", and live posts with the reader's own actions.</summary>
public sealed class LiveUxTests(Chromium chromium, BrowserForum forum) : IClassFixture<Chromium>, IClassFixture<BrowserForum>
{
    [Fact]
    public async Task Page_one_of_a_two_page_topic_announces_only_replies_posted_after_it_opened()
    {
        var topic = (await forum.Alice.CreateTopicAsync(1, "Two pages of talk", "first")).Location!;
        for (var i = 1; i <= ForumService.PostsPerPage; i++) await forum.Alice.ReplyAsync(topic, $"reply {i}");

        var reader = await forum.OpenAsync(chromium.Browser);
        await BrowserForum.GoToTopicAsync(reader, forum.Url(topic)); // connected = joined and caught up
        Assert.Equal(ForumService.PostsPerPage, await reader.Locator(".posts .post").CountAsync());
        Assert.True(await reader.Locator(".live-notice").IsHiddenAsync(), "page 1 announced replies that were there before it opened");

        await forum.Alice.ReplyAsync(topic, "really new");
        var link = reader.Locator(".live-notice a");
        await link.WaitForAsync();
        Assert.Equal("1 new reply", (await link.TextContentAsync())!.Trim());
        Assert.Contains("?page=2", await link.GetAttributeAsync("href"));
        var background = await link.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.NotEqual("rgba(0, 0, 0, 0)", background); // readable over the post text it floats above
        Assert.Equal(ForumService.PostsPerPage, await reader.Locator(".posts .post").CountAsync());
    }

    [Fact]
    public async Task Live_and_caught_up_posts_carry_the_actions_the_page_would_give_the_viewer()
    {
        var topic = (await forum.Alice.CreateTopicAsync(1, "Actions for everyone", "start")).Location!;
        var mo = await forum.OpenAsync(chromium.Browser, BrowserForum.ModeratorEmail);
        var visitor = await forum.OpenAsync(chromium.Browser);
        await BrowserForum.GoToTopicAsync(mo, forum.Url(topic));
        await BrowserForum.GoToTopicAsync(visitor, forum.Url(topic));

        await forum.Alice.ReplyAsync(topic, "live reply");
        var live = mo.Locator(".post", new() { HasText = "live reply" });
        await live.Locator(".post-tools a.flag").WaitForAsync();
        var liveActions = await ActionsAsync(live);
        Assert.Equal(["Edit", "Flag", "Moderate"], liveActions);
        await visitor.Locator(".post", new() { HasText = "live reply" }).WaitForAsync();
        Assert.Empty(await ActionsAsync(visitor.Locator(".post", new() { HasText = "live reply" })));

        // Offline, then the catch-up after reconnecting renders with the same rule.
        forum.Gate.Close();
        await BrowserForum.WaitLiveAsync(mo, "reconnecting");
        await forum.Alice.ReplyAsync(topic, "posted while away");
        forum.Gate.Open();
        var caughtUp = mo.Locator(".post", new() { HasText = "posted while away" });
        await caughtUp.WaitForAsync(new() { Timeout = 15_000 });
        Assert.Equal(["Edit", "Flag", "Moderate"], await ActionsAsync(caughtUp));

        // And both are what a reload shows.
        await mo.ReloadAsync();
        Assert.Equal(liveActions, await ActionsAsync(mo.Locator(".post", new() { HasText = "live reply" })));
        Assert.Equal(liveActions, await ActionsAsync(mo.Locator(".post", new() { HasText = "posted while away" })));
    }

    private static async Task<string[]> ActionsAsync(Microsoft.Playwright.ILocator post) =>
        [.. (await post.Locator(".post-actions a, .post-actions button, .post-tools a").AllTextContentsAsync()).Select(t => t.Trim()).Order()];
}
