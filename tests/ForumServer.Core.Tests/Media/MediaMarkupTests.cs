using AngleSharp.Html.Parser;
using ForumServer.Core.Forum;
using ForumServer.Core.Media;

namespace ForumServer.Core.Tests.Media;

/// <summary>How media references in a post's Markdown come out of the renderer.</summary>
public sealed class MediaMarkupTests
{
    private static readonly PostRenderer Renderer = new();

    private static AngleSharp.Dom.IDocument Render(string markdown) => new HtmlParser().ParseDocument(Renderer.Render(markdown));

    [Fact]
    public void Photo_reference_is_an_image_linking_to_the_full_size()
    {
        var item = new MediaItem { Kind = MediaKind.Photo };
        var doc = Render("Look:\n\n" + MediaReferences.MarkdownFor(item, "IMG_2041 [1].jpg"));

        var link = doc.QuerySelector("a:has(img)")!;
        Assert.Equal($"/media/{item.Id}/original", link.GetAttribute("href"));
        Assert.Equal($"/media/{item.Id}", link.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("IMG_2041 1", link.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal([item.Id], MediaReferences.In(doc.Body!.InnerHtml));
    }

    [Fact]
    public void Video_reference_is_a_player_with_controls()
    {
        var item = new MediaItem { Kind = MediaKind.Video };
        var video = Render("Clip:\n\n" + MediaReferences.MarkdownFor(item, "clip.mp4") + "\n\nAfter.").QuerySelector("video")!;

        Assert.Equal($"/media/{item.Id}", video.GetAttribute("src"));
        Assert.True(video.HasAttribute("controls"));
        Assert.Equal("metadata", video.GetAttribute("preload"));
    }

    [Theory]
    [InlineData("<video src=\"https://evil.example/x.mp4\"></video>")]
    [InlineData("<video src=\"//evil.example/x.mp4\"></video>")]
    [InlineData("<video><source src=\"https://evil.example/x.webm\"></video>")]
    [InlineData("<video src=\"javascript:alert(1)\" onplay=\"alert(1)\" autoplay></video>")]
    public void Videos_play_only_from_this_site_and_always_show_controls(string markdown)
    {
        var doc = Render(markdown);
        foreach (var element in doc.QuerySelectorAll("video, source"))
        {
            var src = element.GetAttribute("src");
            Assert.True(src is null || (src.StartsWith('/') && !src.StartsWith("//")), src);
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on") || a.Name == "autoplay");
        }
        Assert.All(doc.QuerySelectorAll("video"), v => Assert.True(v.HasAttribute("controls")));
    }
}
