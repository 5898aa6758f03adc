using ForumServer.Core.Search;

namespace ForumServer.Core.Tests.Search;

public sealed class SearchQueryParserTests
{
    private static SearchQuery Ok(string text)
    {
        var parsed = SearchQueryParser.Parse(text);
        Assert.Null(parsed.Error);
        return parsed.Query!;
    }

    private static string Error(string? text)
    {
        var parsed = SearchQueryParser.Parse(text);
        Assert.Null(parsed.Query);
        return string.Format(parsed.Error!, parsed.ErrorArgs);
    }

    [Fact]
    public void Words_phrases_and_exclusions_are_told_apart()
    {
        var q = Ok("install  printer \"driver not found\" -windows -\"blue screen\"");
        Assert.Equal(["install", "printer"], q.Words);
        Assert.Equal(["driver not found"], q.Phrases);
        Assert.Equal(["windows", "blue screen"], q.Excluded);
        Assert.False(q.TitleOnly);
    }

    [Fact]
    public void Filters_are_read_with_quoted_values_and_any_case()
    {
        var q = Ok("Category:Help author:\"Ada Lovelace\" after:2024-01-31 BEFORE:2024-03-01 in:title crash");
        Assert.Equal("help", q.CategorySlug);
        Assert.Equal("Ada Lovelace", q.AuthorName);
        Assert.Equal(new DateOnly(2024, 1, 31), q.After);
        Assert.Equal(new DateOnly(2024, 3, 1), q.Before);
        Assert.True(q.TitleOnly);
        Assert.Equal(["crash"], q.Words);
    }

    [Fact]
    public void Filters_alone_are_a_query()
    {
        var q = Ok("author:Bob");
        Assert.False(q.HasTextTerms);
        Assert.Equal("Bob", q.AuthorName);
    }

    [Fact]
    public void Unknown_keys_and_operator_characters_are_plain_words()
    {
        var q = Ok("a AND (b c:drive http://x.org/y OR +z~2 ^ *");
        Assert.Equal(["a", "AND", "(b", "c:drive", "http://x.org/y", "OR", "+z~2", "^", "*"], q.Words);
    }

    [Fact]
    public void Unbalanced_quote_runs_to_the_end()
    {
        var q = Ok("error \"cannot open   file");
        Assert.Equal(["error"], q.Words);
        Assert.Equal(["cannot open file"], q.Phrases);
    }

    [Fact]
    public void A_quoted_single_word_is_a_word_and_a_lone_dash_or_empty_quotes_are_ignored()
    {
        var q = Ok("\"printer\" - \"\" toner");
        Assert.Equal(["printer", "-", "toner"], q.Words);
        Assert.Empty(q.Phrases);
    }

    [Theory]
    [InlineData(null, "Type a word to search for.")]
    [InlineData("   ", "Type a word to search for.")]
    [InlineData("-windows -linux", "Add at least one word to search for: excluded words alone match nothing.")]
    [InlineData("crash before:2024-13-01", "Write dates as YYYY-MM-DD, for example before:2024-03-31.")]
    [InlineData("crash after:yesterday", "Write dates as YYYY-MM-DD, for example after:2024-03-31.")]
    [InlineData("crash in:body", "in: only accepts title (in:title searches topic titles).")]
    [InlineData("crash author:", "The filter author: needs a value, like author:something.")]
    [InlineData("crash after:2024-03-01 before:2024-03-02", "No day is both after 2024-03-01 and before 2024-03-02.")]
    public void Queries_that_cannot_mean_anything_get_a_message(string? text, string message) =>
        Assert.Equal(message, Error(text));

    [Fact]
    public void Too_long_and_too_many_terms_are_refused_with_the_limit()
    {
        Assert.Equal("A search can be at most 200 characters long (this one has 201).", Error(new string('a', 201)));
        Assert.NotNull(SearchQueryParser.Parse(new string('a', 200)).Query);

        var twentyOne = string.Join(' ', Enumerable.Range(1, 21).Select(i => $"w{i}"));
        Assert.Equal("A search can have at most 20 terms (this one has 21).", Error(twentyOne));
        Assert.NotNull(SearchQueryParser.Parse(string.Join(' ', Enumerable.Range(1, 20).Select(i => $"w{i}"))).Query);
    }
}
