using ForumServer.Core.Accounts;
using ForumServer.Core.Drafts;
using ForumServer.Core.Forum;
using ForumServer.Core.Reactions;
using ForumServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ForumServer.BrowserTests.Community;

/// <summary>The composer (toolbar, preview, drafts) and likes in Chromium, with and without JavaScript.</summary>
public sealed class CommunityBrowserTests(Chromium chromium, BrowserForum forum) : IClassFixture<Chromium>, IClassFixture<BrowserForum>
{
    private T Service<T>() where T : notnull => forum.App.Services.GetRequiredService<T>();

    private static int TopicId(string url) => int.Parse(new Uri(url).AbsolutePath.Split('/')[2]);

    [Fact]
    public async Task A_reply_draft_survives_a_reload_and_is_gone_after_posting()
    {
        var topic = forum.Url((await forum.Alice.CreateTopicAsync(1, "Draft keeper", "Start here.")).Location!);
        var mo = await forum.OpenAsync(chromium.Browser, BrowserForum.ModeratorEmail);
        await mo.GotoAsync(topic);
        await mo.FillAsync("form#reply textarea", "A long answer I was writing");
        await mo.Locator("form#reply .composer-status", new() { HasText = "Draft saved." }).WaitForAsync();

        await mo.ReloadAsync();
        await mo.Locator("form#reply .composer-status", new() { HasText = "Your draft is restored." }).WaitForAsync();
        Assert.Equal("A long answer I was writing", await mo.InputValueAsync("form#reply textarea"));

        await mo.FillAsync("form#reply textarea", "A long answer, finished.");
        await BrowserForum.ClickAndLoadAsync(mo, "form#reply button[type=submit]");
        await mo.Locator(".post", new() { HasText = "A long answer, finished." }).WaitForAsync();
        await mo.GotoAsync(topic);
        Assert.Equal("", await mo.InputValueAsync("form#reply textarea"));
        var moId = (await Service<IMemberStore>().ListAsync(0, 100)).Single(m => m.DisplayName == "Mo").Id;
        Assert.Null(await Service<IDraftStore>().GetAsync(moId, Draft.TopicKey(TopicId(topic))));
        await mo.Context.CloseAsync();
    }

    [Fact]
    public async Task Toolbar_formats_and_the_preview_tab_shows_what_the_post_will_be()
    {
        var topic = forum.Url((await forum.Alice.CreateTopicAsync(1, "Preview me", "Start.")).Location!);
        var mo = await forum.OpenAsync(chromium.Browser, BrowserForum.ModeratorEmail);
        await mo.GotoAsync(topic);
        await mo.FillAsync("form#reply textarea", "strong words");
        await mo.EvalOnSelectorAsync("form#reply textarea", "a => a.setSelectionRange(0, 6)");
        await mo.ClickAsync("form#reply [data-format=bold]");
        Assert.Equal("**strong** words", await mo.InputValueAsync("form#reply textarea"));

        await mo.ClickAsync("form#reply .tab-preview");
        await mo.Locator("form#reply .composer-preview strong", new() { HasText = "strong" }).WaitForAsync();
        Assert.False(await mo.Locator("form#reply textarea").IsVisibleAsync());
        var preview = await mo.InnerHTMLAsync("form#reply .composer-preview");
        await mo.ClickAsync("form#reply .tab-write");
        await BrowserForum.ClickAndLoadAsync(mo, "form#reply button[type=submit]");
        var stored = (await Service<IForumStore>().ListPostsAsync(TopicId(topic), 0, 20)).Last().Html;
        Assert.Equal(stored, preview);
        await mo.Context.CloseAsync();
    }

    [Fact]
    public async Task Like_updates_in_place_with_JavaScript_and_works_as_a_form_without_it()
    {
        var topic = forum.Url((await forum.Alice.CreateTopicAsync(1, "Likeable", "Thanks for reading.")).Location!);
        var postId = (await Service<IForumStore>().ListPostsAsync(TopicId(topic), 0, 1))[0].Id;

        var mo = await forum.OpenAsync(chromium.Browser, BrowserForum.ModeratorEmail);
        await mo.GotoAsync(topic);
        var loads = 0;
        mo.Load += (_, _) => loads++;
        await mo.ClickAsync($"#post-{postId} button.like");
        await mo.Locator($"#post-{postId} a.likes", new() { HasText = "1 like" }).WaitForAsync();
        Assert.Equal("true", await mo.GetAttributeAsync($"#post-{postId} button.like", "aria-pressed"));
        await mo.ClickAsync($"#post-{postId} a.likes");
        await mo.Locator($"#post-{postId} .liked-by-pop", new() { HasText = "Mo" }).WaitForAsync();
        Assert.Equal(0, loads);
        await mo.Context.CloseAsync();

        // Without JavaScript: no toolbar (the plain form), and the like button is a form post that reloads the topic.
        var plain = await forum.OpenAsync(chromium.Browser, BrowserForum.ModeratorEmail, javaScript: false);
        await plain.GotoAsync(topic);
        Assert.Equal(0, await plain.Locator("form#reply .composer-toolbar").CountAsync());
        Assert.True(await plain.Locator("form#reply textarea").IsVisibleAsync());
        await BrowserForum.ClickAndLoadAsync(plain, $"#post-{postId} button.like");
        Assert.Equal("♥ Like", (await plain.Locator($"#post-{postId} button.like").TextContentAsync())!.Trim());
        Assert.Equal(0, await Service<IReactionStore>().CountOfPostAsync(postId));
        await plain.Context.CloseAsync();
    }

    [Fact]
    public async Task Pinned_topics_stay_on_top_while_new_topics_arrive_live()
    {
        var pinnedUrl = (await forum.Alice.CreateTopicAsync(1, "Pinned rules", "Read me first.")).Location!;
        using (var scope = forum.App.Services.CreateScope())
        {
            var mo = (await Service<IMemberStore>().ListAsync(0, 100)).Single(m => m.DisplayName == "Mo");
            var actor = ForumServer.Core.Accounts.Actor.From(mo, DateTimeOffset.UtcNow);
            var pinned = await scope.ServiceProvider.GetRequiredService<ForumServer.Core.Curation.CurationService>()
                .PinAsync(actor, int.Parse(pinnedUrl.Split('/')[2]), ForumServer.Core.Forum.PinScope.Category, null);
            Assert.True(pinned.Succeeded);
        }
        var page = await forum.OpenAsync(chromium.Browser, BrowserForum.ModeratorEmail);
        await page.GotoAsync(forum.Url("/c/1/general"));
        await BrowserForum.WaitLiveAsync(page);
        await forum.Alice.CreateTopicAsync(1, "Arrived live", "New.");
        await page.Locator("ol.topic-list:not(.pinned-topics) .topic-row", new() { HasText = "Arrived live" }).WaitForAsync();
        Assert.Equal(["Pinned rules"], (await page.Locator(".pinned-topics .topic-title").AllTextContentsAsync()).Select(t => t.Trim()));
        await page.Context.CloseAsync();
    }
}
