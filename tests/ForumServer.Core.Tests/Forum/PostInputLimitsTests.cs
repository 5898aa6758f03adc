using ForumServer.Core.Forum;

namespace ForumServer.Core.Tests.Forum;

public sealed class PostInputLimitsTests
{
    private readonly PostRenderer _renderer = new();

    public static TheoryData<string, string> Hostile() => new()
    {
        { new string('|', 60_000), "at most 64 columns" },
        { "a|b\n-|-\n" + new string('|', 60_000), "at most 64 columns" },
        { "a|b\n-|-\n" + string.Concat(Enumerable.Repeat("|x|\n", 15_000)), "at most 4000 cells" },
        { new string('>', 5000) + " x", "nested too deeply" },
        { new string('[', 5000) + "x", "nested too deeply" },
        { string.Concat(Enumerable.Repeat("[a](", 15_000)), "nested too deeply" },
        { string.Concat(Enumerable.Repeat("- ", 5000)) + "x", "nested too deeply" },
        { string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i * 2) + "- a\n")), "nested too deeply" },
        { string.Concat(Enumerable.Repeat("*a ", 20_000)), "runs of '*', '_' or '~'" },
        { string.Concat(Enumerable.Repeat("<div>", 12_000)), "'<' characters" },
        { string.Concat(Enumerable.Repeat("http://a.b ", 5_000)), "web addresses" },
        { string.Concat(Enumerable.Repeat("`a` ", 15_000)), "too many paragraphs, links, cells" },
        { string.Concat(Enumerable.Repeat("# a\n", 15_000)), "too many paragraphs, links, cells" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Costly_or_too_deep_markdown_is_refused_with_the_rule(string markdown, string message)
    {
        var rendered = _renderer.RenderChecked(markdown);
        Assert.Contains(message, rendered.Error);
        Assert.Equal("", rendered.Html);
    }

    [Fact]
    public void Markdig_depth_limit_below_the_pre_checks_is_a_refusal_not_an_exception()
    {
        // 1,000 emphasis runs pass the text check; nested emphasis like this still hits Markdig's own limit.
        var rendered = _renderer.RenderChecked(string.Concat(Enumerable.Repeat("*_", 480)) + "x");
        Assert.True(rendered.Error is null || rendered.Error.Contains("nested too deeply"), rendered.Error);
    }

    [Fact]
    public void Ordinary_long_post_with_tables_quotes_lists_and_code_renders()
    {
        var markdown = string.Join("\n\n", Enumerable.Range(0, 40).Select(i =>
            $"## Part {i}\n\n> a quote\n>> nested\n\n- one\n  - two\n    - three\n\n| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n\n```\nif (a[i] > b) {{ x = y * z; }}\n```\n\nSee https://example.org/{i} and *this* or __that__."));
        var rendered = _renderer.RenderChecked(markdown);
        Assert.Null(rendered.Error);
        Assert.Contains("<table", rendered.Html);
        Assert.Contains("<blockquote", rendered.Html);
    }
}
