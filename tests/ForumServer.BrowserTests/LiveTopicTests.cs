using System.Diagnostics;
using System.Text.RegularExpressions;
using ForumServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ForumServer.BrowserTests;

/// <summary>Two people on the same topic in Chromium: what one posts, edits or removes shows on the other's open page.</summary>
public sealed partial class LiveTopicTests(Chromium chromium, BrowserForum forum, ITestOutputHelper output) : IClassFixture<Chromium>, IClassFixture<BrowserForum>
{
    private const int LiveWithinMs = 2000;

    [Fact]
    public async Task Reply_edit_and_moderator_removal_show_on_the_other_open_page_without_reload()
    {
        var topic = forum.Url((await forum.Alice.CreateTopicAsync(1, "Side by side", "Who is here?")).Location!);
        var alice = await forum.OpenAsync(chromium.Browser, BrowserForum.AliceEmail);
        var mo = await forum.OpenAsync(chromium.Browser, BrowserForum.ModeratorEmail);
        await BrowserForum.GoToTopicAsync(alice, topic);
        await BrowserForum.GoToTopicAsync(mo, topic);
        var moPageLoads = 0;
        mo.Load += (_, _) => moPageLoads++;

        await alice.FillAsync("form#reply textarea", "Hello from **Alice**");
        var clicked = Stopwatch.StartNew();
        var landed = alice.WaitForURLAsync(new Regex(@"#post-\d+$"));
        await alice.ClickAsync("form#reply button[type=submit]");
        var reply = mo.Locator(".post", new() { HasText = "Hello from Alice" });
        await reply.WaitForAsync(new() { Timeout = LiveWithinMs });
        output.WriteLine($"reply shown on the other page after {clicked.ElapsedMilliseconds} ms");
        Assert.Equal("Alice", await reply.Locator(".author").TextContentAsync());
        Assert.Equal("Alice", await reply.Locator(".post-body strong").TextContentAsync());
        var postId = await reply.GetAttributeAsync("data-post-id");

        // The author edits through the edit page; the edit shows on the moderator's page.
        await landed;
        Assert.EndsWith($"#post-{postId}", alice.Url);
        await BrowserForum.ClickAndLoadAsync(alice, $"#post-{postId} .post-actions a");
        await alice.FillAsync("form.editor textarea", "Hello again, *edited*");
        await BrowserForum.ClickAndLoadAsync(alice, "form.editor button[type=submit]");
        await BrowserForum.WaitLiveAsync(alice);
        var edited = mo.Locator($"#post-{postId}");
        await edited.Locator(".post-body em", new() { HasText = "edited" }).WaitForAsync(new() { Timeout = LiveWithinMs });
        Assert.Contains("edited", await edited.Locator(".edited").TextContentAsync());

        // The moderator's live copy carries the moderator's own actions (as the page would); removing empties Alice's copy.
        Assert.Equal(0, moPageLoads);
        await mo.Locator($"#post-{postId} .post-actions a", new() { HasText = "Edit" }).WaitForAsync();
        await BrowserForum.ClickAndLoadAsync(mo, $"#post-{postId} .post-tools a.moderate");
        await BrowserForum.ClickAndLoadAsync(mo, "form.remove-post button[type=submit]");
        var removed = alice.Locator($"#post-{postId}");
        await removed.Locator(".removed-note").WaitForAsync(new() { Timeout = LiveWithinMs });
        Assert.Equal("Removed by a moderator.", (await removed.Locator(".removed-note").TextContentAsync())!.Trim());
        Assert.DoesNotContain("Hello again", await removed.TextContentAsync());
    }

    [Fact]
    public async Task Front_and_category_pages_show_new_topics_and_replies_without_reload()
    {
        var front = await forum.OpenAsync(chromium.Browser);
        await front.GotoAsync(forum.Url("/"));
        await BrowserForum.WaitLiveAsync(front);
        var general = await forum.OpenAsync(chromium.Browser);
        await general.GotoAsync(forum.Url("/c/1/general"));
        await BrowserForum.WaitLiveAsync(general);

        var topic = (await forum.Alice.CreateTopicAsync(1, "Brand new topic", "hello")).Location!;
        foreach (var page in new[] { front, general })
        {
            var row = page.Locator(".topic-row").First;
            await row.Locator(".topic-title", new() { HasText = "Brand new topic" }).WaitForAsync(new() { Timeout = LiveWithinMs });
            Assert.Equal(topic, await row.Locator(".topic-title").GetAttributeAsync("href"));
        }

        await forum.Alice.ReplyAsync(topic, "bump");
        var counted = general.Locator(".topic-row", new() { HasText = "Brand new topic" }).Locator(".reply-count", new() { HasText = "1 reply" });
        await counted.WaitForAsync(new() { Timeout = LiveWithinMs });
        Assert.Equal(1, await front.Locator(".topic-row", new() { HasText = "Brand new topic" }).CountAsync());
    }

    [Fact]
    public async Task Topic_page_works_with_JavaScript_disabled()
    {
        var topic = forum.Url((await forum.Alice.CreateTopicAsync(1, "No script here", "Plain HTML")).Location!);
        var alice = await forum.OpenAsync(chromium.Browser, BrowserForum.AliceEmail, javaScript: false);
        await alice.GotoAsync(topic);
        Assert.Null(await alice.Locator("html").GetAttributeAsync("data-live"));
        Assert.True(await alice.Locator(".live-notice").IsHiddenAsync());

        await alice.FillAsync("form#reply textarea", "Posted without *script*");
        await BrowserForum.ClickAndLoadAsync(alice, "form#reply button[type=submit]");
        Assert.Equal("script", await alice.Locator(".post").Last.Locator(".post-body em").TextContentAsync());
        Assert.Equal(2, await alice.Locator(".post").CountAsync());

        var front = await alice.GotoAsync(forum.Url("/"));
        Assert.Equal(200, front!.Status);
        Assert.Equal(1, await alice.Locator(".topic-title", new() { HasText = "No script here" }).CountAsync());
    }

    [Fact]
    public async Task After_the_hub_connection_drops_the_page_reconnects_and_catches_up()
    {
        var topicPath = (await forum.Alice.CreateTopicAsync(1, "Flaky network", "first")).Location!;
        var reader = await forum.OpenAsync(chromium.Browser);
        await BrowserForum.GoToTopicAsync(reader, forum.Url(topicPath));

        Assert.Equal(HttpTransportType.WebSockets, forum.Gate.Transports.Last());
        forum.Gate.Close();
        await BrowserForum.WaitLiveAsync(reader, "reconnecting");
        await forum.Alice.ReplyAsync(topicPath, "Posted while you were away");
        await forum.Alice.ReplyAsync(topicPath, "And another one");

        // The server keeps serving pages while the live connection is down.
        var meanwhile = await forum.Alice.GetAsync(topicPath);
        Assert.Equal(System.Net.HttpStatusCode.OK, meanwhile.Status);
        Assert.Equal(1, await reader.Locator(".post").CountAsync());

        forum.Gate.Open();
        await reader.Locator(".post", new() { HasText = "And another one" }).WaitForAsync(new() { Timeout = 15_000 });
        await BrowserForum.WaitLiveAsync(reader);
        Assert.Equal(["first", "Posted while you were away", "And another one"],
            (await reader.Locator(".post .post-body").AllTextContentsAsync()).Select(t => t.Trim()));

        // And it is live again.
        await forum.Alice.ReplyAsync(topicPath, "Back to live");
        await reader.Locator(".post", new() { HasText = "Back to live" }).WaitForAsync(new() { Timeout = LiveWithinMs });
    }

    [Fact]
    public async Task Delivery_latency_from_form_post_to_the_other_browser_median_over_20_replies()
    {
        var topic = forum.Url((await forum.Alice.CreateTopicAsync(1, "Latency", "Measuring")).Location!);
        var alice = await forum.OpenAsync(chromium.Browser, BrowserForum.AliceEmail);
        var reader = await forum.OpenAsync(chromium.Browser);
        await BrowserForum.GoToTopicAsync(alice, topic);
        await BrowserForum.GoToTopicAsync(reader, topic);
        // The reader's page notes when each post (or the new-replies notice) appears: same browser, one clock for both pages.
        await reader.EvaluateAsync("""
            () => {
                window.shownAt = {};
                const notice = document.querySelector(".live-notice");
                new MutationObserver(() => {
                    for (const post of document.querySelectorAll(".post")) window.shownAt[post.id] ??= Date.now();
                    if (!notice.hidden) window.shownAt.notice ??= Date.now();
                }).observe(document.querySelector("main"), { childList: true, subtree: true, attributes: true });
            }
            """);

        // 19 replies fill the reader's page (20 posts a page) and are appended in place; the 20th starts page 2,
        // so the reader gets a "1 new reply" notice linking to it instead.
        var latencies = new List<double>();
        for (var i = 1; i <= 20; i++)
        {
            await alice.FillAsync("form#reply textarea", $"Reply number {i}");
            var before = alice.Url;
            var landed = alice.WaitForURLAsync(url => url != before);
            var postedAt = await alice.EvaluateAsync<double>("() => { const t = Date.now(); document.querySelector('form#reply').requestSubmit(); return t; }");
            string key;
            if (i < 20)
            {
                var shown = reader.Locator(".post", new() { HasText = $"Reply number {i}" });
                await shown.WaitForAsync(new() { Timeout = LiveWithinMs });
                key = (await shown.GetAttributeAsync("id"))!;
            }
            else
            {
                var notice = reader.Locator(".live-notice a", new() { HasText = "1 new reply" });
                await notice.WaitForAsync(new() { Timeout = LiveWithinMs });
                var href = await notice.GetAttributeAsync("href") ?? "";
                Assert.Matches(@"\?page=2#post-\d+$", href);
                key = "notice";
            }
            latencies.Add(await reader.EvaluateAsync<double>($"() => window.shownAt['{key}']") - postedAt);
            // Alice's form post has landed on her reply before she writes the next one.
            await landed;
        }
        Assert.Equal(20, await reader.Locator(".post").CountAsync());

        latencies.Sort();
        var median = (latencies[9] + latencies[10]) / 2;
        var report = $"Live delivery latency, form post to other browser, 20 replies: median {median:0} ms, " +
                     $"min {latencies[0]:0} ms, max {latencies[^1]:0} ms";
        output.WriteLine(report);
        Console.WriteLine(report);
        Assert.True(median < LiveWithinMs, report);
    }
}
