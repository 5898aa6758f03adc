using AngleSharp.Html.Parser;
using ForumServer.Core.Forum;

namespace ForumServer.Core.Tests.Forum;

public sealed class PostRendererTests
{
    private readonly PostRenderer _renderer = new();
    private static readonly HtmlParser Parser = new();

    private AngleSharp.Dom.IDocument Render(string markdown) =>
        Parser.ParseDocument("<body>" + _renderer.Render(markdown) + "</body>");

    [Fact]
    public void Emphasis_headings_and_lists_render()
    {
        var doc = Render("# Title\n\n**bold** and *italic*\n\n- one\n- two\n\n1. first\n2. second");
        Assert.Equal("Title", doc.QuerySelector("h1")!.TextContent);
        Assert.Equal("bold", doc.QuerySelector("strong")!.TextContent);
        Assert.Equal("italic", doc.QuerySelector("em")!.TextContent);
        Assert.Equal(2, doc.QuerySelectorAll("ul > li").Length);
        Assert.Equal(2, doc.QuerySelectorAll("ol > li").Length);
    }

    [Fact]
    public void Tables_render()
    {
        var doc = Render("| a | b |\n|---|---|\n| 1 | 2 |");
        Assert.Equal(["a", "b"], doc.QuerySelectorAll("table th").Select(e => e.TextContent.Trim()));
        Assert.Equal(["1", "2"], doc.QuerySelectorAll("table td").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public void Strikethrough_renders()
    {
        Assert.Equal("gone", Render("~~gone~~").QuerySelector("del")!.TextContent);
    }

    [Fact]
    public void Autolinks_become_links_with_nofollow_ugc_noopener()
    {
        var link = Render("see https://example.org/page now").QuerySelector("a")!;
        Assert.Equal("https://example.org/page", link.GetAttribute("href"));
        Assert.Equal("nofollow ugc noopener", link.GetAttribute("rel"));
    }

    [Fact]
    public void Task_lists_render_as_disabled_checkboxes()
    {
        var boxes = Render("- [x] done\n- [ ] todo").QuerySelectorAll("input");
        Assert.Equal(2, boxes.Length);
        Assert.All(boxes, b => Assert.Equal("checkbox", b.GetAttribute("type")));
        Assert.All(boxes, b => Assert.True(b.HasAttribute("disabled")));
        Assert.True(boxes[0].HasAttribute("checked"));
        Assert.False(boxes[1].HasAttribute("checked"));
    }

    [Fact]
    public void Fenced_code_keeps_its_text_and_language()
    {
        var code = Render("```csharp\nvar x = \"<b>\";\n```").QuerySelector("pre > code")!;
        Assert.Equal("var x = \"<b>\";\n", code.TextContent);
        Assert.Contains("language-csharp", code.ClassList);
        Assert.Null(code.QuerySelector("b"));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>hello")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<style>body{display:none}</style>text")]
    [InlineData("<div onclick=\"alert(1)\" style=\"background:url(javascript:alert(1))\">x</div>")]
    [InlineData("<form action=/x><input type=text name=a><button>go</button></form>")]
    public void Dangerous_markup_is_stripped(string markdown)
    {
        var doc = Render(markdown);
        Assert.Empty(doc.QuerySelectorAll("script, iframe, style, form, button, input[type=text]"));
        foreach (var element in doc.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(element.Attributes, a => a.Name == "style");
            Assert.DoesNotContain(element.Attributes, a => a.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Harmless_raw_html_survives()
    {
        var doc = Render("<kbd>Ctrl</kbd> and <sub>2</sub>");
        Assert.Equal("Ctrl", doc.QuerySelector("kbd")!.TextContent);
        Assert.Equal("2", doc.QuerySelector("sub")!.TextContent);
    }
}
