using System.Net;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Media;
using ForumServer.Tests.Moderation;

namespace ForumServer.Tests.Hardening;

/// <summary>
/// A member suspended while their session is still open (the cookie lives up to 30 s longer) is refused by every
/// write endpoint, found from the endpoint data source: edit, delete, upload, flag, subscribe, settings, and the rest.
/// </summary>
public sealed class SuspendedWriteTests : IAsyncLifetime
{
    /// <summary>What a suspended member may still post to, and why.</summary>
    private static readonly string[] Allowed =
    [
        "/account/logout",      // ending the session
        "/language",            // a cookie, not stored data
        "/lists/unsubscribe/",  // leaving a list
        "/error/",              // status pages
        "/live/",               // SignalR negotiate: the hub only listens
    ];

    private readonly ForumApp _app = new();
    private TestBrowser _member = null!;
    private TestBrowser _admin = null!;

    public async Task InitializeAsync()
    {
        _member = await _app.NewMemberAsync("Rogue", "rogue@example.org");
        _admin = await _app.NewAdministratorAsync("Root", "root@example.org");
    }

    public Task DisposeAsync()
    {
        _member.Dispose();
        _admin.Dispose();
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_suspended_member_with_an_open_session_is_refused_by_every_write_and_nothing_changes()
    {
        var (topicUrl, topicId) = await _member.TopicAsync("Mine", "my words");
        var token = await _member.TokenFromAsync(); // the editor's form token, valid for the member's session
        var id = await _app.MemberIdAsync("rogue@example.org");
        var suspend = await _admin.SubmitAsync(await _admin.GetAsync($"/moderation/members/{id}"), "form.suspend", new() { ["days"] = "7", ["reason"] = "spam" });
        Assert.Equal(HttpStatusCode.Redirect, suspend.Status);

        var endpoints = (await EndpointCatalog.ListAsync(_app, new Dictionary<string, string>
        {
            ["id"] = "1", ["slug"] = "x", ["token"] = "t", ["list"] = "announce", ["postId"] = "1",
        }))
            .Where(e => !Allowed.Any(a => e.Url.StartsWith(a, StringComparison.Ordinal))).ToList();
        Assert.True(endpoints.Count >= 30, "expected the app's write endpoints, found: " + string.Join(", ", endpoints));
        Assert.Contains(endpoints, e => e.Url.StartsWith("/media", StringComparison.Ordinal));

        await _member.GetAsync(topicUrl); // settle last-access before the snapshot
        var before = DatabaseSnapshot.Take(_app);
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var fields = new Dictionary<string, string>
            {
                ["__af"] = token, ["Input.Body"] = "still here", ["Input.Title"] = "still here", ["Input.Reason"] = "x",
                ["reason"] = "x", ["Input.Email"] = "rogue@example.org", ["Input.DisplayName"] = "Rogue2",
            };
            var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url) { Content = new FormUrlEncodedContent(fields) };
            var page = await TestBrowser.Page.ReadAsync(await _member.Client.SendAsync(request), endpoint.Url);
            var refused = page.Status == HttpStatusCode.Forbidden
                || (page.Status == HttpStatusCode.Redirect && page.Location!.Contains("/account/login")); // the stamp check ended the session
            if (!refused) failures.Add($"{endpoint}: {(int)page.Status}");
            else if (page.Status == HttpStatusCode.Forbidden && !page.Html.Contains("Your account is suspended"))
                failures.Add($"{endpoint}: 403 without saying why");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, DatabaseSnapshot.Take(_app));

        // Signing out still works.
        var logout = await _member.SubmitAsync(await _member.GetAsync("/"), "form[action='/account/logout']");
        Assert.Equal(HttpStatusCode.Redirect, logout.Status);
        Assert.Equal(topicId, int.Parse(topicUrl.Split('/')[2]));
    }
}
