using System.Net;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Moderation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ForumServer.Tests.Hardening;

/// <summary>
/// Every moderator and administrator page and handler, found from the endpoints, refuses members and visitors. The
/// tests share one app; each signs in as members of its own.
/// </summary>
public sealed class AuthorizationSweepTests(SharedForumApp app) : IClassFixture<SharedForumApp>, IAsyncLifetime
{
    private static readonly string[] StaffPolicies = ["Moderator", "Administrator"];
    private static int _members;
    private readonly ForumApp _app = app;
    private TestBrowser _member = null!;

    public async Task InitializeAsync()
    {
        var n = Interlocked.Increment(ref _members);
        _member = await _app.NewMemberAsync($"Plain{n}", $"plain{n}@example.org");
    }

    public Task DisposeAsync()
    {
        _member.Dispose();
        return Task.CompletedTask;
    }

    private IReadOnlyList<RouteEndpoint> StaffPages() =>
        _app.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a =>
                StaffPolicies.Contains(a.Policy) || (a.Roles ?? "").Split(',').Any(r => StaffPolicies.Contains(r.Trim()))))
            .ToList();

    [Fact]
    public async Task Staff_pages_and_their_handlers_refuse_anonymous_visitors_and_members_and_change_nothing()
    {
        var pages = StaffPages();
        Assert.True(pages.Count >= 2, "expected the staff pages, found: " + string.Join(", ", pages.Select(p => p.RoutePattern.RawText)));
        var staffPatterns = pages.Select(p => "/" + p.RoutePattern.RawText!.TrimStart('/')).ToHashSet();
        var handlers = (await EndpointCatalog.ListAsync(_app, new Dictionary<string, string> { ["id"] = "1", ["slug"] = "x" }))
            .Where(e => staffPatterns.Contains(e.Pattern)).ToList();
        Assert.NotEmpty(handlers);

        var token = (await _member.GetAsync("/account/settings")).Document.QuerySelector("input[name=__af]")!.GetAttribute("value")!;
        var before = DatabaseSnapshot.Take(_app);
        using var anon = _app.NewBrowser();
        var failures = new List<string>();

        foreach (var pattern in staffPatterns)
        {
            var url = pattern.Replace("{id:int}", "1").Replace("{id}", "1").Replace("/{slug?}", "");
            var asAnon = await anon.Client.GetAsync(url);
            if (asAnon.StatusCode != HttpStatusCode.Redirect || !asAnon.Headers.Location!.OriginalString.Contains("/account/login"))
                failures.Add($"GET {url} as anonymous: {(int)asAnon.StatusCode}");
            var asMember = await _member.Client.GetAsync(url);
            if (asMember.StatusCode != HttpStatusCode.Forbidden)
                failures.Add($"GET {url} as member: {(int)asMember.StatusCode}");
        }
        foreach (var handler in handlers)
        {
            var fields = new Dictionary<string, string> { ["__af"] = token, ["id"] = "1", ["name"] = "x", ["reason"] = "x" };
            var response = await _member.Client.SendAsync(new HttpRequestMessage(new HttpMethod(handler.Method), handler.Url) { Content = new FormUrlEncodedContent(fields) });
            if (response.StatusCode != HttpStatusCode.Forbidden)
                failures.Add($"{handler} as member with a valid token: {(int)response.StatusCode}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, DatabaseSnapshot.Take(_app));
    }

    [Fact]
    public async Task A_suspended_moderator_with_an_open_session_is_refused_by_every_staff_page_and_handler()
    {
        using var suspended = await _app.NewModeratorAsync("Sus", "sus@example.org");
        using var admin = await _app.NewAdministratorAsync("Root", "root@example.org");
        var token = (await suspended.GetAsync("/account/settings")).Document.QuerySelector("input[name=__af]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.OK, (await suspended.Client.GetAsync("/moderation")).StatusCode); // staff until now
        var id = await _app.MemberIdAsync("sus@example.org");
        var page = await admin.GetAsync($"/moderation/members/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, "form.suspend", new() { ["days"] = "7", ["reason"] = "rogue" })).Status);

        var staffPatterns = StaffPages().Select(p => "/" + p.RoutePattern.RawText!.TrimStart('/')).ToHashSet();
        var handlers = (await EndpointCatalog.ListAsync(_app, new Dictionary<string, string> { ["id"] = "1", ["slug"] = "x" }))
            .Where(e => staffPatterns.Contains(e.Pattern)).ToList();
        var before = DatabaseSnapshot.Take(_app);
        var failures = new List<string>();
        foreach (var pattern in staffPatterns)
        {
            var url = pattern.Replace("{id:int}", "1").Replace("{id}", "1").Replace("/{slug?}", "");
            var response = await suspended.Client.GetAsync(url);
            if (!Refused(response)) failures.Add($"GET {url} as a suspended moderator: {(int)response.StatusCode}");
        }
        foreach (var handler in handlers)
        {
            var fields = new Dictionary<string, string> { ["__af"] = token, ["id"] = "1", ["name"] = "x", ["reason"] = "x" };
            var response = await suspended.Client.SendAsync(new HttpRequestMessage(new HttpMethod(handler.Method), handler.Url) { Content = new FormUrlEncodedContent(fields) });
            if (!Refused(response)) failures.Add($"{handler} as a suspended moderator with a valid token: {(int)response.StatusCode}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, DatabaseSnapshot.Take(_app));
        Assert.True(staffPatterns.Count + handlers.Count >= 10, $"swept only {staffPatterns.Count} pages and {handlers.Count} handlers");
    }

    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden ||
        (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login"));
}
