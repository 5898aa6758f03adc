using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ForumServer.Tests.Infrastructure;

/// <summary>A cookie-keeping HTTP client that reads pages as DOM and submits their forms, antiforgery token included.</summary>
public sealed class TestBrowser(HttpClient client) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client { get; } = client;

    public async Task<Page> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return await Page.ReadAsync(response, url);
    }

    /// <summary>Follows redirects (GET), like a browser after a form post.</summary>
    public async Task<Page> FollowAsync(Page page)
    {
        while (page.Status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.MovedPermanently)
            page = await GetAsync(page.Location!);
        return page;
    }

    /// <summary>Fills the form matched by <paramref name="formSelector"/> on the page and submits it.</summary>
    public async Task<Page> SubmitAsync(Page page, string formSelector, Dictionary<string, string>? fields = null)
    {
        var form = page.Document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}. Page: {page.Document.Body?.TextContent}");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name)) continue;
            if (element is IHtmlInputElement input)
            {
                if (input.Type is "checkbox" or "radio" && !input.IsChecked) continue;
                if (input.Type is "submit") continue;
                values.Add(new(name, input.Value));
            }
            else if (element is IHtmlTextAreaElement area) values.Add(new(name, area.Value));
            else if (element is IHtmlSelectElement select) values.Add(new(name, select.Value ?? ""));
        }
        foreach (var (k, v) in fields ?? [])
        {
            values.RemoveAll(p => p.Key == k);
            values.Add(new(k, v));
        }
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : action;
        if (target.StartsWith('?')) target = page.Url.Split('?')[0] + target;
        var response = await Client.PostAsync(target, new FormUrlEncodedContent(values));
        return await Page.ReadAsync(response, target);
    }

    public async Task<HttpResponseMessage> PostRawAsync(string url, Dictionary<string, string> fields) =>
        await Client.PostAsync(url, new FormUrlEncodedContent(fields));

    public void Dispose() => Client.Dispose();

    public sealed record Page(string Url, HttpStatusCode Status, string Html, IDocument Document, string? Location, HttpResponseMessage Response)
    {
        public static async Task<Page> ReadAsync(HttpResponseMessage response, string url)
        {
            var html = await response.Content.ReadAsStringAsync();
            return new Page(url, response.StatusCode, html, Parser.ParseDocument(html), response.Headers.Location?.OriginalString, response);
        }

        public string Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim()
            ?? throw new InvalidOperationException($"Nothing matches '{selector}' on {Url} ({Status}).");

        public IEnumerable<string> Texts(string selector) => Document.QuerySelectorAll(selector).Select(e => e.TextContent.Trim());
    }
}
