using System.Globalization;
using System.Text;

namespace ForumServer.Core.Search;

/// <summary>How results are ordered: best match first, or newest post first.</summary>
public enum SearchOrder { Relevance, Newest }

/// <summary>
/// A query in the forum's own small language, parsed: words that must all match, exact phrases, excluded words or
/// phrases, and filters. Nothing here is Lucene (or SQL) syntax, so any index can run it.
/// </summary>
public sealed record SearchQuery
{
    public IReadOnlyList<string> Words { get; init; } = [];
    public IReadOnlyList<string> Phrases { get; init; } = [];

    /// <summary>Excluded words and phrases (a phrase has a space in it).</summary>
    public IReadOnlyList<string> Excluded { get; init; } = [];
    public string? CategorySlug { get; init; }
    public string? AuthorName { get; init; }

    /// <summary>Posts written before this day (UTC), that day excluded.</summary>
    public DateOnly? Before { get; init; }

    /// <summary>Posts written after this day (UTC), that day excluded.</summary>
    public DateOnly? After { get; init; }
    public bool TitleOnly { get; init; }

    public bool HasTextTerms => Words.Count > 0 || Phrases.Count > 0;
    public bool HasFilters => CategorySlug is not null || AuthorName is not null || Before is not null || After is not null;
}

/// <summary>A parse outcome: the query, or a message (an English template for <c>Texts.T</c> and its arguments).</summary>
public sealed record SearchQueryParse(SearchQuery? Query, string? Error, object?[] ErrorArgs)
{
    public static SearchQueryParse Ok(SearchQuery query) => new(query, null, []);
    public static SearchQueryParse Fail(string error, params object?[] args) => new(null, error, args);
}

/// <summary>
/// Reads the query language typed into the search box. It never throws: unbalanced quotes close at the end,
/// characters other engines treat as operators are plain text, and what cannot mean anything gets a message.
/// </summary>
public static class SearchQueryParser
{
    public const int MaxLength = 200;
    public const int MaxTerms = 20;

    public static SearchQueryParse Parse(string? text)
    {
        text = (text ?? "").Trim();
        if (text.Length > MaxLength)
            return SearchQueryParse.Fail("A search can be at most {0} characters long (this one has {1}).", MaxLength, text.Length);

        var words = new List<string>();
        var phrases = new List<string>();
        var excluded = new List<string>();
        string? category = null, author = null;
        DateOnly? before = null, after = null;
        var titleOnly = false;
        var terms = 0;

        foreach (var token in Tokenize(text))
        {
            terms++;
            if (token.Key is { } key)
            {
                var value = token.Value.Trim();
                if (value.Length == 0) return SearchQueryParse.Fail("The filter {0}: needs a value, like {0}:something.", key);
                switch (key)
                {
                    case "category": category = value.ToLowerInvariant(); break;
                    case "author": author = value; break;
                    case "before" or "after":
                        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                            return SearchQueryParse.Fail("Write dates as YYYY-MM-DD, for example {0}:2024-03-31.", key);
                        if (key == "before") before = day; else after = day;
                        break;
                    case "in":
                        if (!value.Equals("title", StringComparison.OrdinalIgnoreCase))
                            return SearchQueryParse.Fail("in: only accepts title (in:title searches topic titles).");
                        titleOnly = true;
                        break;
                }
                continue;
            }
            var term = token.Value.Trim();
            if (term.Length == 0) { terms--; continue; }
            if (token.Negated) excluded.Add(term);
            else if (token.Quoted && term.Contains(' ')) phrases.Add(term);
            else words.Add(term);
        }

        if (terms > MaxTerms)
            return SearchQueryParse.Fail("A search can have at most {0} terms (this one has {1}).", MaxTerms, terms);
        var query = new SearchQuery
        {
            Words = words, Phrases = phrases, Excluded = excluded,
            CategorySlug = category, AuthorName = author, Before = before, After = after, TitleOnly = titleOnly,
        };
        if (!query.HasTextTerms && !query.HasFilters)
            return excluded.Count > 0
                ? SearchQueryParse.Fail("Add at least one word to search for: excluded words alone match nothing.")
                : SearchQueryParse.Fail("Type a word to search for.");
        if (before is { } b && after is { } a && a >= b.AddDays(-1))
            return SearchQueryParse.Fail("No day is both after {0} and before {1}.", a.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), b.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return SearchQueryParse.Ok(query);
    }

    private static readonly string[] Keys = ["category", "author", "before", "after", "in"];

    private readonly record struct Token(string Value, bool Quoted, bool Negated, string? Key);

    /// <summary>Splits on white space; a quote runs to the next quote (or the end); -x excludes; key:value filters.</summary>
    private static IEnumerable<Token> Tokenize(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length) yield break;

            var negated = false;
            if (text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                negated = true;
                i++;
            }

            string? key = null;
            if (!negated)
            {
                var colon = text.IndexOf(':', i);
                var end = EndOfBareWord(text, i);
                if (colon > i && colon < end)
                {
                    var candidate = text[i..colon].ToLowerInvariant();
                    if (Keys.Contains(candidate))
                    {
                        key = candidate;
                        i = colon + 1;
                    }
                }
            }

            if (i < text.Length && text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                var value = close < 0 ? text[(i + 1)..] : text[(i + 1)..close];
                i = close < 0 ? text.Length : close + 1;
                yield return new Token(Collapse(value), true, negated, key);
            }
            else
            {
                var end = EndOfBareWord(text, i);
                yield return new Token(text[i..end], false, negated, key);
                i = end;
            }
        }
    }

    private static int EndOfBareWord(string text, int start)
    {
        var i = start;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"') i++;
        return i;
    }

    private static string Collapse(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var part in value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(part);
        }
        return sb.ToString();
    }
}
