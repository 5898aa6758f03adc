using ForumServer.Core.Search;
using ForumServer.Search;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ForumServer.Pages.Search;

[EnableRateLimiting(SearchSetup.RateLimitPolicy)]
public sealed class IndexModel(SearchService search) : PageModel
{
    /// <summary>Longer input is refused by the parser with a message; this only bounds what is echoed back.</summary>
    private const int MaxEchoedLength = 1000;

    public string Query { get; private set; } = "";
    public bool Newest { get; private set; }
    public SearchOutcome? Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] string? q, [FromQuery] int page = 1, [FromQuery] string? sort = null, CancellationToken cancellationToken = default)
    {
        Query = q is null ? "" : q.Length > MaxEchoedLength ? q[..MaxEchoedLength] : q;
        Newest = sort == "new";
        if (page < 1 || page > SearchService.MaxPages) return NotFound();
        if (string.IsNullOrWhiteSpace(q)) return Page();

        Outcome = await search.SearchAsync(q, page, Newest ? SearchOrder.Newest : SearchOrder.Relevance, cancellationToken);
        if (Outcome.Message is null && page > Outcome.LastPage) return NotFound();
        return Page();
    }

    /// <summary>The excerpt as encoded text with the matched parts in &lt;mark&gt;; nothing of the post's HTML passes through.</summary>
    public static IHtmlContent Marked(IReadOnlyList<ExcerptPart> parts)
    {
        var html = new HtmlContentBuilder();
        foreach (var part in parts)
        {
            if (part.IsMatch) html.AppendHtml("<mark>").Append(part.Text).AppendHtml("</mark>");
            else html.Append(part.Text);
        }
        return html;
    }

    public string Link(int page, bool? newest = null)
    {
        var query = $"/search?q={Uri.EscapeDataString(Query)}";
        if (newest ?? Newest) query += "&sort=new";
        if (page > 1) query += $"&page={page}";
        return query;
    }
}
