namespace ForumServer.Core.Search;

/// <summary>
/// How an index hands back an excerpt: plain text with the matched words between two control characters that never
/// occur in indexed text (<see cref="Clean"/> removes them first), split here into parts the page marks.
/// </summary>
public static class Excerpts
{
    public const char MatchStart = '\u0001';
    public const char MatchEnd = '\u0002';

    /// <summary>Characters of the opening shown when nothing in the post was matched (filters alone).</summary>
    public const int LeadChars = 320;

    /// <summary>The text as indexed: without the match markers.</summary>
    public static string Clean(string text) => text.Replace(MatchStart, ' ').Replace(MatchEnd, ' ');

    /// <summary>The opening of the text, cut with an ellipsis when longer than <see cref="LeadChars"/>.</summary>
    public static IReadOnlyList<ExcerptPart> Lead(string text) =>
        [new ExcerptPart(text.Length <= LeadChars ? text : text[..LeadChars] + "…", false)];

    public static List<ExcerptPart> Parse(string marked)
    {
        var parts = new List<ExcerptPart>();
        var i = 0;
        while (i < marked.Length)
        {
            var start = marked.IndexOf(MatchStart, i);
            if (start < 0) { parts.Add(new ExcerptPart(marked[i..], false)); break; }
            if (start > i) parts.Add(new ExcerptPart(marked[i..start], false));
            var end = marked.IndexOf(MatchEnd, start + 1);
            if (end < 0) end = marked.Length;
            parts.Add(new ExcerptPart(marked[(start + 1)..end], true));
            i = end + 1;
        }
        return parts;
    }
}
