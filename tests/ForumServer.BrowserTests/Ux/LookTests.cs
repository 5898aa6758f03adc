using ForumServer.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ForumServer.BrowserTests.Ux;

/// <summary>How pages look in Chromium: contrast of danger buttons, radio buttons beside their text, Markdown tables, right-to-left text.</summary>
public sealed class LookTests(Chromium chromium, BrowserForum forum) : IClassFixture<Chromium>, IClassFixture<BrowserForum>
{
    /// <summary>WCAG contrast of an element's text colour on its own (or nearest painted) background.</summary>
    public const string ContrastScript = """
        e => {
          const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
          const lum = ([r, g, b]) => [r, g, b].map(c => c / 255).map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
            .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
          let bg = e, colour;
          for (; bg; bg = bg.parentElement) {
            colour = rgb(getComputedStyle(bg).backgroundColor);
            if (colour.length === 3 || colour[3] > 0) break;
          }
          if (!bg) colour = [255, 255, 255];
          const [a, b] = [lum(rgb(getComputedStyle(e).color)), lum(colour)].sort((x, y) => y - x);
          return (a + 0.05) / (b + 0.05);
        }
        """;

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Danger_buttons_are_readable_in_light_and_dark(ColorScheme scheme)
    {
        var page = await forum.OpenAsync(chromium.Browser, BrowserForum.AliceEmail);
        await page.EmulateMediaAsync(new() { ColorScheme = scheme });
        await page.GotoAsync(forum.Url("/account/settings"));
        var button = page.Locator("button.danger", new() { HasText = "Remove my account now" });
        Assert.True(await button.EvaluateAsync<double>(ContrastScript) >= 4.5, $"contrast {await button.EvaluateAsync<double>(ContrastScript):0.00}:1");
        var delete = page.Locator("main p a").First; // an ordinary link on the same page, for comparison
        Assert.True(await delete.EvaluateAsync<double>(ContrastScript) >= 4.5);
    }

    [Fact]
    public async Task Radio_buttons_sit_left_of_their_text_on_one_line()
    {
        var page = await forum.OpenAsync(chromium.Browser, BrowserForum.AliceEmail);
        await page.GotoAsync(forum.Url("/account/settings"));
        var labels = page.Locator("label:has(input[type=radio])");
        Assert.True(await labels.CountAsync() >= 2);
        foreach (var label in await labels.AllAsync())
        {
            var box = (await label.BoundingBoxAsync())!;
            var radio = (await label.Locator("input").BoundingBoxAsync())!;
            Assert.True(radio.X - box.X < 4, $"radio at x={radio.X}, label at x={box.X}");
            Assert.True(radio.Y + radio.Height / 2 < box.Y + 28, "the radio is not on the first line of its label");
            Assert.True(box.Height < 60, $"label is {box.Height}px high: the radio is stacked above its text");
        }
        Assert.True(await page.Locator(".errors:visible").CountAsync() == 0, "an empty error box is shown");
    }

    [Fact]
    public async Task Markdown_table_alignment_and_right_to_left_text_show_as_written()
    {
        const string body = "| left | centre | right |\n|:---|:---:|---:|\n| a | b | 12.50 |\n\nمرحبا بالعالم، كيف حالك؟";
        var topic = (await forum.Alice.CreateTopicAsync(1, "שלום עולם?", body)).Location!;
        var page = await forum.OpenAsync(chromium.Browser);
        await page.GotoAsync(forum.Url(topic));

        var cells = page.Locator(".post-body table tbody td");
        Assert.Equal("left", await cells.Nth(0).EvaluateAsync<string>("e => getComputedStyle(e).textAlign"));
        Assert.Equal("center", await cells.Nth(1).EvaluateAsync<string>("e => getComputedStyle(e).textAlign"));
        Assert.Equal("right", await cells.Nth(2).EvaluateAsync<string>("e => getComputedStyle(e).textAlign"));
        Assert.Equal("right", await page.Locator(".post-body th").Nth(2).EvaluateAsync<string>("e => getComputedStyle(e).textAlign"));

        var arabic = page.Locator(".post-body p", new() { HasText = "مرحبا" });
        Assert.Equal("rtl", await arabic.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        Assert.Equal("rtl", await page.Locator(".topic-heading [dir=auto]").EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        Assert.Equal("ltr", await page.Locator(".breadcrumbs").EvaluateAsync<string>("e => getComputedStyle(e).direction"));
    }

    [Fact]
    public async Task Keyboard_reaches_the_skip_link_first_and_wide_code_blocks()
    {
        var code = "```\n" + new string('x', 400) + "\n```";
        var topic = (await forum.Alice.CreateTopicAsync(1, "Wide code", code)).Location!;
        var page = await forum.OpenAsync(chromium.Browser);
        await page.GotoAsync(forum.Url(topic));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-link", await page.EvaluateAsync<string>("() => document.activeElement.className"));
        Assert.True(await page.Locator(".skip-link").IsVisibleAsync());
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("content", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.Equal("0", await page.Locator(".post-body pre").GetAttributeAsync("tabindex"));
    }

    [Fact]
    public async Task Any_slug_lands_on_the_topics_canonical_address()
    {
        var topic = (await forum.Alice.CreateTopicAsync(1, "Canonical home", "text")).Location!;
        var id = topic.Split('/')[2];
        var page = await forum.OpenAsync(chromium.Browser);
        await page.GotoAsync(forum.Url($"/t/{id}/any-slug"));
        Assert.Equal(forum.Url(topic), page.Url);
        Assert.Equal($"http://forum.test{topic}", await page.Locator("link[rel=canonical]").GetAttributeAsync("href"));
    }
}
