using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Ux;

/// <summary>
/// Public support content as search engines see it: canonical addresses, descriptions, structured data, sitemap, robots.
/// The tests share one app; each writes as its own member and reads only the topics it made.
/// </summary>
public sealed class SeoTests(SharedForumApp app) : IClassFixture<SharedForumApp>
{
    private readonly ForumApp _app = app;

    [Fact]
    public async Task Topic_page_has_canonical_link_description_from_first_post_and_json_ld()
    {
        using var alice = await _app.NewMemberAsync("AliceRouter", "alice.router@example.org");
        var body = "How do I **reset** my router? " + string.Join(' ', Enumerable.Repeat("words", 60));
        var location = (await alice.CreateTopicAsync(1, "Router reset", body)).Location!;
        using var visitor = _app.NewBrowser();
        var page = await visitor.GetAsync(location);

        Assert.Equal($"http://forum.test{location}", page.Document.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        var description = page.Document.QuerySelector("meta[name=description]")!.GetAttribute("content")!;
        Assert.StartsWith("How do I reset my router?", description);
        Assert.True(description.Length <= 160, $"{description.Length} characters");
        var json = JsonDocument.Parse(page.Document.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("DiscussionForumPosting", json.GetProperty("@type").GetString());
        Assert.Equal("Router reset", json.GetProperty("headline").GetString());
        Assert.Equal("AliceRouter", json.GetProperty("author").GetProperty("name").GetString());
        Assert.DoesNotContain("alice.router@example.org", page.Html);
    }

    [Fact]
    public async Task A_wrong_slug_redirects_to_the_topics_one_address()
    {
        using var alice = await _app.NewMemberAsync("AliceSlug", "alice.slug@example.org");
        var location = (await alice.CreateTopicAsync(1, "Right name", "text")).Location!;
        var id = location.Split('/')[2];
        using var visitor = _app.NewBrowser();
        var wrong = await visitor.GetAsync($"/t/{id}/any-slug");
        Assert.Equal(HttpStatusCode.MovedPermanently, wrong.Status);
        Assert.Equal(location, wrong.Location);
    }

    [Fact]
    public async Task Script_closing_text_in_a_title_cannot_leave_the_json_ld_block()
    {
        using var alice = await _app.NewMemberAsync("AliceScript", "alice.script@example.org");
        var location = (await alice.CreateTopicAsync(1, "</script><script>alert(1)</script>", "x")).Location!;
        using var visitor = _app.NewBrowser();
        var page = await visitor.GetAsync(location);
        Assert.Single(page.Document.QuerySelectorAll("script[type='application/ld+json']"));
        Assert.Empty(page.Document.QuerySelectorAll("script:not([src]):not([type='application/ld+json'])"));
    }

    [Fact]
    public async Task Sitemap_lists_topics_with_last_activity_and_refuses_pages_that_do_not_exist()
    {
        using var alice = await _app.NewMemberAsync("AliceSitemap", "alice.sitemap@example.org");
        var location = (await alice.CreateTopicAsync(1, "In the sitemap", "text")).Location!;
        using var crawler = _app.NewBrowser();
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var index = XDocument.Parse(await crawler.Client.GetStringAsync("/sitemap.xml"));
        var part = Assert.Single(index.Descendants(ns + "loc")).Value;
        Assert.Equal("http://forum.test/sitemap-topics.xml?page=1", part);

        var urls = XDocument.Parse(await crawler.Client.GetStringAsync("/sitemap-topics.xml?page=1")).Descendants(ns + "url").ToList();
        var entry = Assert.Single(urls, u => u.Element(ns + "loc")!.Value == $"http://forum.test{location}");
        Assert.True(DateTimeOffset.TryParse(entry.Element(ns + "lastmod")!.Value, out _));

        foreach (var bad in new[] { "0", "2", "-1", "999999999" })
        {
            var refused = await crawler.Client.GetAsync($"/sitemap-topics.xml?page={bad}");
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await crawler.Client.GetAsync("/sitemap-topics.xml?page=abc")).StatusCode);
    }

    [Fact]
    public async Task Robots_keep_account_moderation_and_admin_pages_out_and_name_the_sitemap()
    {
        using var crawler = _app.NewBrowser();
        var robots = await crawler.Client.GetStringAsync("/robots.txt");
        foreach (var path in new[] { "/account/", "/admin/", "/moderation", "/privacy/", "/lists/manage" })
            Assert.Contains($"Disallow: {path}\n", robots);
        Assert.DoesNotContain("Disallow: /t/\n", robots);
        Assert.Contains("Sitemap: http://forum.test/sitemap.xml", robots);
    }

    [Fact]
    public async Task Error_pages_are_not_indexed_and_removed_topics_answer_404()
    {
        using var visitor = _app.NewBrowser();
        var missing = await visitor.GetAsync("/t/99999/gone");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("noindex", missing.Document.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }
}
