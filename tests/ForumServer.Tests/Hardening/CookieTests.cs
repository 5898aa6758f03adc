using System.Net;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Hardening;

/// <summary>
/// Forwarded headers count only from the proxies the operator lists; cookies are Secure when the request is https
/// (as such a proxy says); sign-out sends no expiring cookie the forum never set.
/// </summary>
public sealed class CookieTests
{
    private static HttpClient ClientOf(KestrelForumApp app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.Address };

    private static async Task<IReadOnlyList<string>> SetCookiesOfLoginPageAsync(HttpClient client, string? forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
    }

    [Fact]
    public async Task Behind_a_configured_proxy_that_says_https_every_cookie_is_secure_and_sign_in_is_too()
    {
        using var app = new KestrelForumApp(new() { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" });
        using (var member = await app.NewMemberAsync("Tls", "tls@example.org")) { }
        using var client = ClientOf(app);

        var plain = await SetCookiesOfLoginPageAsync(client, null);
        Assert.NotEmpty(plain);
        Assert.All(plain, c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));

        var https = await SetCookiesOfLoginPageAsync(client, "https");
        Assert.NotEmpty(https);
        Assert.All(https, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));

        // Signing in over the proxy: the auth cookie is Secure too.
        using var form = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        form.Headers.Add("X-Forwarded-Proto", "https");
        using var formResponse = await client.SendAsync(form);
        var html = await formResponse.Content.ReadAsStringAsync();
        var token = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("input[name=__af]")!.GetAttribute("value")!;
        var antiforgery = formResponse.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = token, ["Input.Email"] = "tls@example.org", ["Input.Password"] = Flows.Password }),
        };
        post.Headers.Add("X-Forwarded-Proto", "https");
        post.Headers.Add("Cookie", string.Join("; ", antiforgery));
        using var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ForumServer.Forum.ForumPageCache.AuthCookieName + "=", StringComparison.Ordinal));
        Assert.Contains("; secure", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_configured_proxy_change_nothing()
    {
        using var app = new KestrelForumApp(); // no proxies configured: nobody is trusted, not even loopback
        using var client = ClientOf(app);
        var cookies = await SetCookiesOfLoginPageAsync(client, "https");
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));

        using var elsewhere = new KestrelForumApp(new() { ["ForwardedHeaders:KnownProxies:0"] = "10.9.8.7" });
        using var other = ClientOf(elsewhere);
        Assert.All(await SetCookiesOfLoginPageAsync(other, "https"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Sign_out_clears_the_session_cookie_and_sends_no_cookie_that_was_never_set()
    {
        using var app = new ForumApp();
        using var member = await app.NewMemberAsync("Leaver", "leaver@example.org");
        var page = await member.GetAsync("/account/settings");
        var token = page.Document.QuerySelector("input[name=__af]")!.GetAttribute("value")!;
        using var response = await member.Client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var names = response.Headers.GetValues("Set-Cookie").Select(c => c.Split('=')[0]).ToList();
        Assert.Equal([ForumServer.Forum.ForumPageCache.AuthCookieName], names);
        Assert.Equal(HttpStatusCode.Redirect, (await member.Client.GetAsync("/account/settings")).StatusCode); // signed out
    }
}
