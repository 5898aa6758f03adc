using System.Net;
using AngleSharp.Html.Parser;

namespace ForumServer.Bench;

/// <summary>A signed-in member's HTTP session: cookie, antiforgery token, form posts.</summary>
public sealed class MemberSession : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly CookieContainer _cookies = new();
    private string _token = "";

    public MemberSession(string baseUrl)
    {
        BaseUrl = baseUrl;
        Client = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
    }

    public string BaseUrl { get; }
    public HttpClient Client { get; }

    public string CookieHeader => _cookies.GetCookieHeader(new Uri(BaseUrl));

    public async Task SignInAsync(string email, string password)
    {
        await RefreshTokenAsync("/account/login");
        var response = await Client.PostAsync("/account/login", Form(new() { ["Input.Email"] = email, ["Input.Password"] = password }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in failed for {email}: {response.StatusCode}");
    }

    public async Task RefreshTokenAsync(string path)
    {
        var html = await Client.GetStringAsync(path);
        _token = Parser.ParseDocument(html).QuerySelector("input[name=__af]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {path}");
    }

    /// <summary>Posts a reply and follows the redirect to the topic page, as a browser does.</summary>
    public async Task ReplyAsync(int topicId, string body)
    {
        var post = await Client.PostAsync($"/t/{topicId}?handler=Reply", Form(new() { ["Input.Body"] = body }));
        if (post.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Reply failed: {post.StatusCode}");
        var page = await Client.GetAsync(post.Headers.Location!.OriginalString);
        page.EnsureSuccessStatusCode();
        await page.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Posts a form with the session's antiforgery token; returns the redirect target.</summary>
    public async Task<string> PostFormAsync(string path, Dictionary<string, string> fields)
    {
        var response = await Client.PostAsync(path, Form(fields));
        if (response.StatusCode != HttpStatusCode.Redirect && !response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path} failed: {response.StatusCode}");
        return response.Headers.Location?.OriginalString ?? path;
    }

    private FormUrlEncodedContent Form(Dictionary<string, string> fields)
    {
        fields["__af"] = _token;
        return new FormUrlEncodedContent(fields);
    }

    public void Dispose() => Client.Dispose();
}
