using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace ForumServer.Core.Notifications;

/// <summary>
/// Who a stored post mentions and whose posts it quotes, read from its sanitized HTML (the renderer wrote the
/// mention links and quote sources when the post was saved, see <c>PostReferencesExtension</c>).
/// </summary>
public static partial class PostHtmlReferences
{
    private static readonly HtmlParser Parser = new();

    public static (IReadOnlyList<string> MemberIds, IReadOnlyList<int> QuotedPostIds) Read(string html, int maxEach = 50)
    {
        if (string.IsNullOrEmpty(html)) return ([], []);
        using var document = Parser.ParseDocument(html);
        var members = document.QuerySelectorAll("a.mention")
            .Select(a => MemberLink().Match(a.GetAttribute("href") ?? ""))
            .Where(m => m.Success).Select(m => Uri.UnescapeDataString(m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal).Take(maxEach).ToList();
        var quoted = document.QuerySelectorAll("blockquote a.quote-source")
            .Select(a => PostLink().Match(a.GetAttribute("href") ?? ""))
            .Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value))
            .Distinct().Take(maxEach).ToList();
        return (members, quoted);
    }

    [GeneratedRegex(@"^/u/([A-Za-z0-9%_-]{1,64})$")]
    private static partial Regex MemberLink();

    [GeneratedRegex(@"#post-(\d{1,9})$")]
    private static partial Regex PostLink();
}
