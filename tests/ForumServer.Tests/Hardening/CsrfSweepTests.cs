using System.Net;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Hardening;

/// <summary>
/// Every state-changing endpoint, found from the endpoint data source, refuses a request without a valid
/// antiforgery token and changes nothing. The RFC 8058 one-click unsubscribe is the one exception.
/// </summary>
public sealed class CsrfSweepTests : IAsyncLifetime
{
    /// <summary>Endpoints that must work without an antiforgery token, and why.</summary>
    private static readonly string[] Exempt =
    [
        "/lists/unsubscribe/",   // RFC 8058 one-click: mail clients POST with no cookie and no token
        "/notifications/unsubscribe/", // RFC 8058 one-click for notification mail, as above
        "/live/",                // SignalR negotiate: carries no content and changes nothing
        "/hubs/",
        "/error/",               // status pages: re-executed for failed POSTs, they only render a message
    ];

    private readonly ForumApp _app = new();
    private TestBrowser _member = null!;
    private string _topicUrl = "";

    public async Task InitializeAsync()
    {
        _member = await _app.NewMemberAsync("Sweeper", "sweeper@example.org");
        _topicUrl = (await _member.CreateTopicAsync(1, "Sweep target", "content that must survive")).Location!;
    }

    public Task DisposeAsync()
    {
        _member.Dispose();
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_state_changing_endpoint_refuses_requests_without_a_valid_antiforgery_token()
    {
        var endpoints = await EndpointCatalog.ListAsync(_app, new Dictionary<string, string> { ["id"] = "1", ["slug"] = "x", ["token"] = "sample-token" });
        var swept = endpoints.Where(e => !Exempt.Any(x => e.Url.StartsWith(x, StringComparison.Ordinal))).ToList();
        Assert.True(swept.Count >= 15, "expected the sweep to find the app's forms, found: " + string.Join(", ", swept));

        await _member.GetAsync(_topicUrl); // settle the member's last-access record before the snapshot
        var before = DatabaseSnapshot.Take(_app);
        using var anon = _app.NewBrowser();
        var failures = new List<string>();
        foreach (var endpoint in swept)
        {
            foreach (var (who, browser) in new[] { ("member", _member), ("anonymous", anon) })
            {
                foreach (var token in new[] { null, "forged-token-value" })
                {
                    var fields = new Dictionary<string, string> { ["Input.Body"] = "csrf", ["Input.Title"] = "csrf", ["name"] = "csrf" };
                    if (token is not null) fields["__af"] = token;
                    var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url) { Content = new FormUrlEncodedContent(fields) };
                    var response = await browser.Client.SendAsync(request);
                    // Refused means: 400 from antiforgery, or refused even earlier by authorization (401/403, or sign-in first).
                    var refused = response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
                        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login"));
                    if (!refused)
                        failures.Add($"{endpoint} as {who} with {(token is null ? "no" : "a forged")} token: {(int)response.StatusCode}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, DatabaseSnapshot.Take(_app));
        Assert.Contains("content that must survive", (await anon.GetAsync(_topicUrl)).Html);
    }
}
