using System.Globalization;
using System.Xml;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;

namespace ForumServer.Seo;

/// <summary>
/// <c>/robots.txt</c> (keeps account, moderation, admin and form pages out of search engines and names the sitemap)
/// and <c>/sitemap.xml</c>: a sitemap index whose parts <c>/sitemap-topics.xml?page=N</c> list topics with their
/// last activity, <see cref="TopicsPerSitemap"/> to a part and at most <see cref="MaxSitemaps"/> parts.
/// </summary>
public static class SeoEndpoints
{
    public const int TopicsPerSitemap = 1000;
    public const int MaxSitemaps = 500;

    /// <summary>Paths that only make sense to a signed-in person or a form; nothing there is worth indexing.</summary>
    public static readonly IReadOnlyList<string> Disallowed =
    [
        "/account/", "/admin/", "/moderation", "/privacy/", "/lists/manage", "/lists/confirm", "/lists/unsubscribe",
        "/lists/preferences", "/language", "/setup/", "/p/", "/live", "/t/*/posts-after/",
    ];

    public static void MapSeo(this WebApplication app)
    {
        app.MapGet("/robots.txt", (SiteOptions site) => Results.Text(RobotsTxt(site), "text/plain; charset=utf-8"));
        app.MapGet("/sitemap.xml", SitemapIndexAsync);
        app.MapGet("/sitemap-topics.xml", TopicSitemapAsync);
    }

    public static string RobotsTxt(SiteOptions site) =>
        "User-agent: *\n" + string.Concat(Disallowed.Select(p => $"Disallow: {p}\n")) + $"Sitemap: {site.Link("/sitemap.xml")}\n";

    private static async Task<int> PartsAsync(IForumStore store)
    {
        var topics = (await store.ListCategoriesAsync()).Sum(c => c.TopicCount);
        return Math.Clamp((topics + TopicsPerSitemap - 1) / TopicsPerSitemap, 1, MaxSitemaps);
    }

    private static async Task<IResult> SitemapIndexAsync(IForumStore store, SiteOptions site)
    {
        var parts = await PartsAsync(store);
        return Xml(writer =>
        {
            writer.WriteStartElement("sitemapindex", Namespace);
            for (var page = 1; page <= parts; page++)
            {
                writer.WriteStartElement("sitemap");
                writer.WriteElementString("loc", site.Link($"/sitemap-topics.xml?page={page}"));
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        });
    }

    private static async Task<IResult> TopicSitemapAsync(IForumStore store, SiteOptions site, int? page)
    {
        var parts = await PartsAsync(store);
        if (page is { } p && (p < 1 || p > parts))
            return Results.Problem(detail: $"page must be between 1 and {parts}.", statusCode: StatusCodes.Status404NotFound);
        var topics = await store.ListRecentTopicsAsync(((page ?? 1) - 1) * TopicsPerSitemap, TopicsPerSitemap);
        return Xml(writer =>
        {
            writer.WriteStartElement("urlset", Namespace);
            foreach (var topic in topics.Where(t => !t.IsRemoved))
            {
                writer.WriteStartElement("url");
                writer.WriteElementString("loc", site.Link(ForumLinks.Topic(topic)));
                writer.WriteElementString("lastmod", topic.LastPostAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        });
    }

    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static IResult Xml(Action<XmlWriter> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = false, OmitXmlDeclaration = false }))
        {
            write(writer);
        }
        // StringWriter reports utf-16; the body is sent as UTF-8.
        return Results.Text(text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal),
            "application/xml; charset=utf-8");
    }
}
