using ForumServer.Core.Localization;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ForumServer.Core.Forum;

/// <summary>
/// Bounds what one post may cost to render. Markdig parses 64 KiB quickly, but some shapes are costly after it
/// (60,000 table cells took 24 s in the sanitizer) or make it throw (5,000 nested quotes, lists or brackets), so
/// a post is refused, with a message for the author, when a line has too many table columns, when quotes, lists
/// or brackets nest too deeply, or when the parsed document has more elements than a post can reasonably show.
/// </summary>
public static class PostInputLimits
{
    /// <summary>Pipes on one line (a table row's columns).</summary>
    public const int MaxTableColumns = 64;

    /// <summary>Pipes in the whole post (all table cells together).</summary>
    public const int MaxTableCells = 4_000;

    /// <summary>Quote, list and bracket levels (Markdig gives up at about 100).</summary>
    public const int MaxNesting = 32;

    /// <summary>Markdown elements (paragraphs, links, emphasis, cells...) in the parsed post.</summary>
    public const int MaxElements = 5_000;

    /// <summary>Emphasis runs ('*', '_', '~') in one paragraph: Markdig's delimiter matching grows faster than the text.</summary>
    public const int MaxEmphasisRuns = 1_000;

    /// <summary>'&lt;' characters (HTML tags) in the whole post: each becomes work for the sanitizer.</summary>
    public const int MaxHtmlTags = 1_000;

    /// <summary>Web addresses ("://" or "www.") in the whole post, each a candidate for an automatic link.</summary>
    public const int MaxLinks = 1_000;

    /// <summary>Rendered HTML handed to the sanitizer.</summary>
    public const int MaxHtmlChars = 256 * 1024;

    /// <summary>The reason the text is refused before Markdig sees it, or null.</summary>
    public static string? CheckText(string markdown)
    {
        var cells = 0;
        var tags = 0;
        var links = 0;
        int bracketDepth = 0, parenDepth = 0, emphasisRuns = 0;
        foreach (var line in markdown.AsSpan().EnumerateLines())
        {
            // Links and emphasis do not span paragraphs.
            if (line.IsWhiteSpace()) bracketDepth = parenDepth = emphasisRuns = 0;
            if (BlockDepth(line) > MaxNesting) return Nesting();

            links += Occurrences(line, "://") + Occurrences(line, "www.");
            if (links > MaxLinks) return Texts.T("A post may have at most {0} web addresses.", MaxLinks);

            var pipes = 0;
            var previous = '\0';
            foreach (var c in line)
            {
                if (c is '*' or '_' or '~' && previous != c && ++emphasisRuns > MaxEmphasisRuns)
                    return Texts.T("A paragraph may have at most {0} runs of '*', '_' or '~'. Split it with blank lines.", MaxEmphasisRuns);
                previous = c;
                switch (c)
                {
                    case '<':
                        if (++tags > MaxHtmlTags) return Texts.T("A post may have at most {0} '<' characters (HTML tags).", MaxHtmlTags);
                        break;
                    case '(':
                        if (++parenDepth > MaxNesting) return Nesting();
                        break;
                    case ')':
                        if (parenDepth > 0) parenDepth--;
                        break;
                    case '|':
                        pipes++;
                        break;
                    case '[':
                        if (++bracketDepth > MaxNesting) return Nesting();
                        break;
                    case ']':
                        if (bracketDepth > 0) bracketDepth--;
                        break;
                }
            }
            if (pipes > MaxTableColumns)
                return Texts.T("A table row may have at most {0} columns (one line has {1} '|' characters).", MaxTableColumns, pipes);
            cells += pipes;
            if (cells > MaxTableCells)
                return Texts.T("Tables in one post may have at most {0} cells in all. Split the table into several posts.", MaxTableCells);
        }
        return null;
    }

    /// <summary>The reason the parsed document is refused, or null.</summary>
    public static string? CheckDocument(MarkdownDocument document)
    {
        var elements = 0;
        foreach (var node in document.Descendants())
            if (node is not LiteralInline && ++elements > MaxElements)
                return TooManyElements();
        return null;
    }

    public static string Nesting() =>
        Texts.T("Quotes, lists, brackets or parentheses are nested too deeply: at most {0} levels. Nothing was saved.", MaxNesting);

    public static string TooManyElements() =>
        Texts.T("The post has too many paragraphs, links, cells or other elements to show (at most {0}). Split it into several posts.", MaxElements);

    private static int Occurrences(ReadOnlySpan<char> line, string what)
    {
        var count = 0;
        int at;
        while ((at = line.IndexOf(what, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            count++;
            line = line[(at + what.Length)..];
        }
        return count;
    }

    /// <summary>Containers opened at the start of a line: '>' quotes, list markers, and a level per four columns of indentation (deep code stays possible).</summary>
    private static int BlockDepth(ReadOnlySpan<char> line)
    {
        var depth = 0;
        var indent = 0;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == ' ') { indent++; i++; continue; }
            if (c == '\t') { indent += 4; i++; continue; }
            if (c == '>') { depth++; i++; continue; }
            if (c is '-' or '*' or '+' && i + 1 < line.Length && line[i + 1] is ' ' or '\t') { depth++; i += 2; continue; }
            var digits = 0;
            while (i + digits < line.Length && digits < 10 && char.IsAsciiDigit(line[i + digits])) digits++;
            if (digits > 0 && i + digits + 1 < line.Length && line[i + digits] is '.' or ')' && line[i + digits + 1] is ' ' or '\t')
            {
                depth++;
                i += digits + 2;
                continue;
            }
            break;
        }
        return depth + indent / 4;
    }
}
