using ForumServer.Core.Search;

namespace ForumServer.Search.Lucene;

/// <summary>One matched word in a post's text: its characters and which query term it matched.</summary>
internal readonly record struct TextMatch(int Start, int End, int Term);

/// <summary>
/// Picks the passages of a post to show for a query from where its words matched, and marks them. A short post is
/// shown whole; a long one as the passage that holds the most different query words (then the most matches),
/// then the next best passage that does not overlap it.
/// </summary>
internal static class ExcerptWindows
{
    public const int WindowChars = 160;
    public const int Windows = 2;

    /// <summary>Characters kept before the first match of a passage, so a word is shown with what leads up to it.</summary>
    private const int LeadIn = 30;

    /// <summary>A post can hold a word thousands of times; passages are chosen among the first matches.</summary>
    private const int MaxMatches = 1_000;

    public static List<ExcerptPart> Mark(string text, List<TextMatch> matches, int termCount)
    {
        matches.Sort((a, b) => a.Start.CompareTo(b.Start));
        if (matches.Count > MaxMatches) matches.RemoveRange(MaxMatches, matches.Count - MaxMatches);
        if (text.Length <= WindowChars * Windows) return Parts(text, 0, text.Length, matches);

        var first = Best(text, matches, termCount, exclude: null) ?? Window(text, 0);
        var second = Best(text, matches, termCount, exclude: first);
        var chosen = second is { } other ? new[] { first, other } : [first];
        var parts = new List<ExcerptPart>();
        foreach (var (start, end) in chosen)
        {
            if (parts.Count > 0) parts.Add(new ExcerptPart(" … ", false));
            parts.AddRange(Parts(text, start, end, matches));
        }
        return parts;
    }

    /// <summary>
    /// The passage around each match in turn, scored by distinct terms, then matches, inside it; none when every
    /// match lies in <paramref name="exclude"/>.
    /// </summary>
    private static (int Start, int End)? Best(string text, List<TextMatch> matches, int termCount, (int Start, int End)? exclude)
    {
        (int Start, int End)? best = null;
        var bestScore = -1L;
        var counts = new int[termCount];
        for (var i = 0; i < matches.Count; i++)
        {
            var (start, end) = Window(text, matches[i].Start);
            if (exclude is { } x && start < x.End && end > x.Start) continue;
            Array.Clear(counts);
            int distinct = 0, inside = 0;
            for (var j = i; j < matches.Count && matches[j].Start < end; j++)
            {
                if (matches[j].End > end) break;
                if (counts[matches[j].Term]++ == 0) distinct++;
                inside++;
            }
            var score = distinct * 100_000L + inside;
            if (score > bestScore) (best, bestScore) = ((start, end), score);
        }
        return best;
    }

    /// <summary><see cref="WindowChars"/> characters from a little before <paramref name="at"/>, cut at spaces.</summary>
    private static (int Start, int End) Window(string text, int at)
    {
        var start = Math.Max(0, at - LeadIn);
        if (start > 0)
        {
            var space = text.IndexOf(' ', start, at - start);
            start = space >= 0 ? space + 1 : at;
        }
        var end = Math.Min(text.Length, start + WindowChars);
        if (end < text.Length)
        {
            var space = text.LastIndexOf(' ', end - 1, end - at);
            if (space > at) end = space;
        }
        return (start, end);
    }

    private static List<ExcerptPart> Parts(string text, int start, int end, List<TextMatch> matches)
    {
        var parts = new List<ExcerptPart>();
        var at = start;
        foreach (var match in matches)
        {
            if (match.Start < at || match.End > end) continue;
            if (match.Start > at) parts.Add(new ExcerptPart(text[at..match.Start], false));
            parts.Add(new ExcerptPart(text[match.Start..match.End], true));
            at = match.End;
        }
        if (end > at) parts.Add(new ExcerptPart(text[at..end], false));
        return parts;
    }
}
