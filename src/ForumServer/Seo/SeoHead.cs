using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;
using Microsoft.AspNetCore.Html;

namespace ForumServer.Seo;

/// <summary>The head elements of public pages for search engines: canonical link, description, JSON-LD, noindex.</summary>
public static partial class SeoHead
{
    public const int MaxDescriptionLength = 160;

    /// <summary>The canonical address of a page of a topic or category list (page 1 has no query).</summary>
    public static string CanonicalUrl(SiteOptions site, string basePath, int page) =>
        site.Link(page > 1 ? $"{basePath}?page={page}" : basePath);

    public static IHtmlContent Canonical(SiteOptions site, string basePath, int page) =>
        new HtmlString($"<link rel=\"canonical\" href=\"{HtmlEncoder.Default.Encode(CanonicalUrl(site, basePath, page))}\">");

    public static IHtmlContent Description(string? text) => string.IsNullOrWhiteSpace(text)
        ? HtmlString.Empty
        : new HtmlString($"<meta name=\"description\" content=\"{HtmlEncoder.Default.Encode(text)}\">");

    public static IHtmlContent NoIndex { get; } = new HtmlString("<meta name=\"robots\" content=\"noindex\">");

    /// <summary>Plain text of a post's stored HTML, cut at a word to at most <see cref="MaxDescriptionLength"/> characters.</summary>
    public static string Summary(Post? post)
    {
        if (post is null || post.IsRemoved) return "";
        var text = WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(post.Html, " "), " ")).Trim();
        if (text.Length <= MaxDescriptionLength) return text;
        var cut = text.LastIndexOf(' ', MaxDescriptionLength - 1);
        return text[..(cut > MaxDescriptionLength / 2 ? cut : MaxDescriptionLength - 1)].TrimEnd() + "…";
    }

    /// <summary>
    /// schema.org <c>DiscussionForumPosting</c> for a topic. Only public facts: title, display names, dates, counts.
    /// The serializer escapes &lt; and &gt;, so no text can close the script element.
    /// </summary>
    // One options instance: a new one per call rebuilds the serializer's metadata cache every time.
    private static readonly JsonSerializerOptions JsonLdOptions = new() { Encoder = JavaScriptEncoder.Default };

    public static IHtmlContent TopicJsonLd(SiteOptions site, Topic topic, Post? firstPost)
    {
        var url = site.Link(ForumLinks.Topic(topic));
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "DiscussionForumPosting",
            ["@id"] = url,
            ["url"] = url,
            ["headline"] = topic.Title,
            ["text"] = Summary(firstPost),
            ["author"] = new Dictionary<string, object?> { ["@type"] = "Person", ["name"] = topic.AuthorName },
            ["datePublished"] = topic.CreatedAt.ToString("o"),
            ["dateModified"] = (firstPost?.EditedAt ?? topic.LastPostAt).ToString("o"),
            ["commentCount"] = Math.Max(0, topic.PostCount - 1),
            ["interactionStatistic"] = new Dictionary<string, object?>
            {
                ["@type"] = "InteractionCounter",
                ["interactionType"] = "https://schema.org/CommentAction",
                ["userInteractionCount"] = Math.Max(0, topic.PostCount - 1),
            },
        };
        var json = JsonSerializer.Serialize(data, JsonLdOptions);
        return new HtmlString($"<script type=\"application/ld+json\">{json}</script>");
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
