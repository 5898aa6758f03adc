using System.Net;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Search;

/// <summary>The app with a search limit high enough for tests that search often.</summary>
public sealed class SearchApp(Dictionary<string, string?>? settings = null, string? dataFolder = null)
    : ForumApp(new Dictionary<string, string?> { ["Search:RequestsPerMinute"] = "10000" }
        .Concat(settings ?? []).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value), dataFolder);

public static class SearchFlows
{
    /// <summary>Searches as the header box does (a GET of /search) and checks the page answered.</summary>
    public static async Task<TestBrowser.Page> SearchAsync(this TestBrowser browser, string query, string extra = "")
    {
        var page = await browser.GetAsync($"/search?q={Uri.EscapeDataString(query)}{extra}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page;
    }

    public static string[] Titles(this TestBrowser.Page page) => page.Texts(".search-result .result-title").ToArray();

    public static string[] Excerpts(this TestBrowser.Page page) => page.Texts(".search-result .excerpt").ToArray();

    public static string[] Authors(this TestBrowser.Page page) => page.Texts(".search-result .author").ToArray();

    public static string Message(this TestBrowser.Page page) => page.Document.QuerySelector(".search-message")?.TextContent.Trim() ?? "";
}
