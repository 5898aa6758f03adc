using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;

namespace ForumServer.Core.Forum;

/// <summary>Sanitized HTML of a post, or the message saying why the post cannot be shown.</summary>
public sealed record RenderedPost(string Html, string? Error)
{
    public static RenderedPost Refused(string error) => new("", error);
}

/// <summary>
/// Markdown to safe HTML, run once when a post is written: Markdig (CommonMark plus tables, autolinks,
/// strikethrough, task lists, fenced code) and then one configured HtmlSanitizer.
/// </summary>
public sealed class PostRenderer
{
    private static readonly string[] Tags =
    [
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "li", "mark", "ol", "p",
        "pre", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "u", "ul", "video", "source",
    ];

    private static readonly string[] Attributes =
    [
        "href", "src", "alt", "title", "class", "type", "checked", "disabled", "align", "colspan", "rowspan",
        "start", "width", "height", "controls", "preload", "rel", "open",
    ];

    private readonly MarkdownPipeline _pipeline;

    private readonly HtmlSanitizer _sanitizer;

    /// <summary>With <paramref name="references"/>, @mentions and quote sources are resolved (see <see cref="PostReferencesExtension"/>).</summary>
    public PostRenderer(IPostReferenceResolver? references = null)
    {
        var builder = new MarkdownPipelineBuilder()
            .UseEmphasisExtras()
            .UsePipeTables()
            .UseAutoLinks()
            .UseTaskLists();
        if (references is not null) builder.Extensions.Add(new PostReferencesExtension(references));
        _pipeline = builder.Build();
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
        };
        _sanitizer = new HtmlSanitizer(options) { AllowDataAttributes = false };
        _sanitizer.PostProcessNode += (_, e) => Harden(e.Node);
        _sanitizer.RemovingAttribute += (_, e) => KeepAlignment(e.Tag, e.Attribute.Name, e.Attribute.Value);
    }

    public string Render(string markdown)
    {
        var html = Markdown.ToHtml(markdown ?? "", _pipeline);
        return _sanitizer.Sanitize(html);
    }

    /// <summary>
    /// Markdig writes table column alignment as an inline style, which the sanitizer drops (and the page's CSP would
    /// block); it becomes one of the theme's align-* classes instead.
    /// </summary>
    private static void KeepAlignment(IElement element, string attribute, string value)
    {
        if (attribute != "style" || element.LocalName is not ("td" or "th")) return;
        foreach (var align in (string[])["left", "center", "right"])
            if (value.Contains($"text-align: {align}", StringComparison.OrdinalIgnoreCase))
                element.ClassList.Add($"align-{align}");
    }

    /// <summary>The sanitized HTML, or why the post is refused: its cost is bounded by <see cref="PostInputLimits"/> before anything else runs.</summary>
    public RenderedPost RenderChecked(string markdown)
    {
        markdown ??= "";
        if (PostInputLimits.CheckText(markdown) is { } refused) return RenderedPost.Refused(refused);
        string html;
        try
        {
            var document = Markdown.Parse(markdown, _pipeline);
            if (PostInputLimits.CheckDocument(document) is { } tooBig) return RenderedPost.Refused(tooBig);
            html = document.ToHtml(_pipeline);
            if (html.Length > PostInputLimits.MaxHtmlChars) return RenderedPost.Refused(PostInputLimits.TooManyElements());
        }
        catch (ArgumentException e) when (e.Message.Contains("nested", StringComparison.Ordinal))
        {
            // Markdig's own depth limit (long emphasis runs, for example): the same answer as for deep quotes.
            return RenderedPost.Refused(PostInputLimits.Nesting());
        }
        return new RenderedPost(_sanitizer.Sanitize(html), null);
    }

    private static bool IsSameOrigin(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\');

    private static void Harden(INode node)
    {
        if (node is not IElement element) return;
        switch (element.LocalName)
        {
            case "a":
                element.SetAttribute("rel", "nofollow ugc noopener");
                break;
            case "input":
                // Only the read-only checkboxes of task lists.
                if (!string.Equals(element.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase))
                {
                    element.Remove();
                }
                else
                {
                    element.SetAttribute("disabled", "disabled");
                    // A task's checkbox is named by its item's text, so screen readers say what is (not) done.
                    var task = element.ParentElement?.TextContent.Trim() ?? "";
                    element.SetAttribute("aria-label", task.Length > 120 ? task[..120] : task.Length == 0 ? "task" : task);
                }
                break;
            case "pre":
                // Wide code scrolls sideways; keyboard users reach it to scroll.
                element.SetAttribute("tabindex", "0");
                break;
            case "p" or "li" or "blockquote" or "td" or "th" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                // Each block takes its direction from its own text: an Arabic paragraph after an English one reads right to left.
                element.SetAttribute("dir", "auto");
                break;
            case "video" or "source":
                // Videos play only from this site (uploaded media); a player always has its controls.
                var src = element.GetAttribute("src");
                if (src is not null && !IsSameOrigin(src)) element.RemoveAttribute("src");
                if (element.LocalName == "video")
                {
                    element.SetAttribute("controls", "");
                    if (!element.HasAttribute("preload")) element.SetAttribute("preload", "metadata");
                }
                break;
        }
    }
}
