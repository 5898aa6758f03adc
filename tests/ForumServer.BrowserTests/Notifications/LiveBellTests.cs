using ForumServer.Core.Notifications;
using ForumServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ForumServer.BrowserTests.Notifications;

/// <summary>The header bell in Chromium: it counts up live on the member's own pages and on nobody else's.</summary>
public sealed class LiveBellTests(Chromium chromium, BrowserForum forum) : IClassFixture<Chromium>, IClassFixture<BrowserForum>
{
    private const int LiveWithinMs = 5000;

    [Fact]
    public async Task The_bell_counts_up_live_for_the_topic_author_only_and_reading_live_sends_no_mail()
    {
        using var bob = await forum.App.NewMemberAsync("Bob", "bob@example.org");
        using var carol = await forum.App.NewMemberAsync("Carol", "carol@example.org");
        var topicPath = (await forum.Alice.CreateTopicAsync(1, "Bell test", "Ring ring")).Location!;
        var topicId = int.Parse(topicPath.Split('/')[2]);

        var alice = await forum.OpenAsync(chromium.Browser, BrowserForum.AliceEmail);
        await alice.GotoAsync(forum.Url(topicPath));
        await alice.WaitForSelectorAsync($"html[data-reading='{topicId}']", new() { State = WaitForSelectorState.Attached });
        var carolPage = await forum.OpenAsync(chromium.Browser, "carol@example.org");
        await carolPage.GotoAsync(forum.Url(topicPath));
        await carolPage.WaitForSelectorAsync($"html[data-reading='{topicId}']", new() { State = WaitForSelectorState.Attached });
        foreach (var page in new[] { alice, carolPage })
        {
            Assert.True(await page.Locator("[data-notification-bell] .count").IsHiddenAsync());
            await page.EvaluateAsync("""
                () => {
                    window.bellSeen = [];
                    const count = document.querySelector("[data-notification-bell] .count");
                    new MutationObserver(() => window.bellSeen.push(count.textContent))
                        .observe(count, { childList: true, characterData: true, subtree: true });
                }
                """);
        }

        // Bob replies in Alice's topic: her bell shows 1 without a reload.
        await bob.ReplyAsync(topicPath, "Ding!");
        var aliceCount = alice.Locator("[data-notification-bell] .count");
        await Assertions.Expect(aliceCount).ToHaveTextAsync("1", new() { Timeout = LiveWithinMs });
        Assert.True(await aliceCount.IsVisibleAsync());

        // Then Bob mentions Carol: her bell's first change is her own count; nothing of Alice's reached her page.
        await bob.ReplyAsync(topicPath, "@Carol, you hear it?");
        var carolCount = carolPage.Locator("[data-notification-bell] .count");
        await Assertions.Expect(carolCount).ToHaveTextAsync("1", new() { Timeout = LiveWithinMs });
        await Assertions.Expect(aliceCount).ToHaveTextAsync("2", new() { Timeout = LiveWithinMs });
        Assert.Equal(["1"], await carolPage.EvaluateAsync<string[]>("() => window.bellSeen"));
        Assert.Equal(["1", "2"], await alice.EvaluateAsync<string[]>("() => window.bellSeen"));

        // Alice had the topic open live: the replies rang the bell but sent her no mail.
        var store = forum.App.Services.GetRequiredService<INotificationStore>();
        var aliceId = (await store.ListWatchersAsync(WatchTarget.Topic, topicId)).Single(w => w.Level == WatchLevel.Watching).MemberId;
        var notified = await store.ListNotificationsAsync(aliceId, 0, 10);
        Assert.Equal(2, notified.Count(n => n.TopicId == topicId));
        Assert.All(notified.Where(n => n.TopicId == topicId), n => Assert.Equal(NotificationMailState.Skipped, n.MailState));
        Assert.DoesNotContain(forum.App.Mailbox.To(BrowserForum.AliceEmail), m => m.Subject!.Contains("Bell test"));

        // The replies that arrived live were scrolled into view on her page: they count as read.
        await Eventually.UntilAsync(async () => (await store.GetReadPositionAsync(aliceId, topicId))?.LastReadNumber == 3,
            TimeSpan.FromSeconds(10), () => "read position did not reach the live replies");
    }

    [Fact]
    public async Task The_reply_box_suggests_display_names_after_an_at_sign_and_quotes_the_selected_text()
    {
        using var carla = await forum.App.NewMemberAsync("Carla Rossi", "carla@example.org");
        var topicPath = (await forum.Alice.CreateTopicAsync(1, "Composer test", "Line one is long enough.\n\nLine two is here.")).Location!;
        var alice = await forum.OpenAsync(chromium.Browser, BrowserForum.AliceEmail);
        await alice.GotoAsync(forum.Url(topicPath));

        var box = alice.Locator("form#reply textarea");
        await box.PressSequentiallyAsync("Thanks @Car");
        var suggestion = alice.Locator(".mention-suggestions [role=option]", new() { HasText = "Carla Rossi" });
        await suggestion.WaitForAsync();
        await box.PressAsync("Enter");
        Assert.Equal("Thanks @Carla Rossi ", await box.InputValueAsync());
        Assert.True(await alice.Locator(".mention-suggestions").IsHiddenAsync());

        // Select "Line two" in the first post and quote it.
        var postId = await alice.Locator("article.post").First.GetAttributeAsync("data-post-id");
        await alice.EvaluateAsync("""
            () => {
                const p = document.querySelectorAll("article.post .post-body p")[1];
                const range = document.createRange();
                range.setStart(p.firstChild, 0);
                range.setEnd(p.firstChild, 8);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
            }
            """);
        await alice.Locator("article.post").First.Locator("a.quote").ClickAsync();
        Assert.Equal($"Thanks @Carla Rossi \n\n> [Alice](/p/{postId})\n>\n> Line two\n\n", await box.InputValueAsync());
        Assert.DoesNotContain("quote=", alice.Url); // stayed on the page

        await BrowserForum.ClickAndLoadAsync(alice, "form#reply button[type=submit]");
        var reply = alice.Locator("article.post").Last;
        Assert.Equal("@Carla Rossi", await reply.Locator("a.mention").TextContentAsync());
        Assert.Equal("Alice #1", await reply.Locator("blockquote a.quote-source").TextContentAsync());
        Assert.Equal("Line two", (await reply.Locator("blockquote p").Last.TextContentAsync())!.Trim());
    }
}
