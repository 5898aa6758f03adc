using AngleSharp.Html.Parser;
using ForumServer.Core.Forum;

namespace ForumServer.Tests.Ux;

/// <summary>The stored HTML of a post keeps what readers need: column alignment, per-block direction, keyboard-reachable code, named checkboxes.</summary>
public sealed class PostMarkupTests
{
    private static readonly PostRenderer Renderer = new();

    private static AngleSharp.Dom.IDocument Render(string markdown) => new HtmlParser().ParseDocument(Renderer.Render(markdown));

    [Fact]
    public void Table_alignment_becomes_classes_and_no_inline_style_survives()
    {
        var doc = Render("| l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |");
        var cells = doc.QuerySelectorAll("tbody td");
        Assert.Contains("align-left", cells[0].ClassList);
        Assert.Contains("align-center", cells[1].ClassList);
        Assert.Contains("align-right", cells[2].ClassList);
        Assert.Empty(cells[3].ClassList);
        Assert.Contains("align-right", doc.QuerySelectorAll("th")[2].ClassList);
        Assert.Empty(doc.QuerySelectorAll("[style]"));
    }

    [Fact]
    public void A_style_attribute_smuggled_into_a_cell_does_not_become_a_class_on_other_elements()
    {
        var doc = Render("<p style=\"text-align: right\">x</p><table><tr><td style=\"color:red\">y</td></tr></table>");
        Assert.Empty(doc.QuerySelectorAll("[style]"));
        Assert.Empty(doc.QuerySelectorAll("p.align-right"));
        Assert.Empty(doc.QuerySelector("td")!.ClassList);
    }

    [Fact]
    public void Blocks_take_their_direction_from_their_own_text_and_code_is_focusable()
    {
        var doc = Render("Hello\n\nمرحبا\n\n- item\n\n```\ncode\n```");
        Assert.All(doc.QuerySelectorAll("p, li"), e => Assert.Equal("auto", e.GetAttribute("dir")));
        Assert.Equal("0", doc.QuerySelector("pre")!.GetAttribute("tabindex"));
    }

    [Fact]
    public void Task_list_checkboxes_are_named_by_their_task()
    {
        var doc = Render("- [x] Write the tests\n- [ ] Ship it");
        var boxes = doc.QuerySelectorAll("input[type=checkbox]");
        Assert.Equal(["Write the tests", "Ship it"], boxes.Select(b => b.GetAttribute("aria-label")));
    }
}
