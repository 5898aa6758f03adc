using ForumServer.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ForumServer.BrowserTests;

/// <summary>What a whole visit leaves in a real browser: only the cookies the privacy rules allow, no third-party request.</summary>
public sealed class CookieVisitTests(Chromium chromium, BrowserForum forum) : IClassFixture<Chromium>, IClassFixture<BrowserForum>
{
    [Fact]
    public async Task A_full_visit_leaves_only_the_sign_in_antiforgery_and_language_cookies()
    {
        var topic = forum.Url((await forum.Alice.CreateTopicAsync(1, "Cookie jar", "What stays in the browser?")).Location!);
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        var origin = forum.App.Address.GetLeftPart(UriPartial.Authority);
        var foreign = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin, StringComparison.Ordinal)) foreign.Add(request.Url);
        };

        // Read.
        await page.GotoAsync(forum.Url("/"));
        await BrowserForum.ClickAndLoadAsync(page, "a.topic-title");
        Assert.Equal("What stays in the browser?", (await page.Locator(".post-body").First.TextContentAsync())!.Trim());

        // Register, confirm from the mail, sign in.
        await page.GotoAsync(forum.Url("/account/register"));
        await page.FillAsync("input[name='Input.DisplayName']", "Vera");
        await page.FillAsync("input[name='Input.Email']", "vera@example.org");
        await page.FillAsync("input[name='Input.Password']", Flows.Password);
        await page.ClickAsync("main form button[type=submit]");
        await page.Locator("p.notice").WaitForAsync();
        var mail = await forum.App.Mailbox.WaitForAsync("vera@example.org", "Confirm your email");
        await page.GotoAsync(forum.Url(Mailbox.LinkIn(mail)));
        await page.ClickAsync("main form button[type=submit]");
        await page.Locator("p.notice", new() { HasText = "confirmed" }).WaitForAsync();
        await page.GotoAsync(forum.Url("/account/login"));
        await page.FillAsync("input[name='Input.Email']", "vera@example.org");
        await page.FillAsync("input[name='Input.Password']", Flows.Password);
        await BrowserForum.ClickAndLoadAsync(page, "main form button[type=submit]");

        // Post.
        await page.GotoAsync(topic);
        await page.FillAsync("form#reply textarea", "Only what is needed.");
        await BrowserForum.ClickAndLoadAsync(page, "form#reply button[type=submit]");
        await page.Locator(".post-body", new() { HasText = "Only what is needed." }).WaitForAsync();

        // Choose a language and remember it.
        await BrowserForum.ClickAndLoadAsync(page, "a.language-link");
        await page.CheckAsync("input[name=Language][value=it]");
        await page.CheckAsync("input[name=Remember]");
        await BrowserForum.ClickAndLoadAsync(page, "form.language-pick button[type=submit]");
        Assert.StartsWith(topic.Split('#')[0], page.Url);
        Assert.Equal("it", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Esci", (await page.Locator(".site-nav button.link").TextContentAsync())!.Trim());

        var cookies = await context.CookiesAsync();
        Assert.Equal([".forum.af", ".forum.auth", ".forum.lang"], cookies.Select(c => c.Name).Order(StringComparer.Ordinal).ToArray());
        var language = cookies.Single(c => c.Name == ".forum.lang");
        Assert.True(language.Expires > DateTimeOffset.UtcNow.AddDays(300).ToUnixTimeSeconds(), "the remembered language outlives the session");
        Assert.True(language.HttpOnly);
        Assert.Empty(foreign);
        await context.CloseAsync();
    }
}
