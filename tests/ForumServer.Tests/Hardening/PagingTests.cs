using System.Net;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Moderation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ForumServer.Tests.Hardening;

/// <summary>One app with an administrator and a two-page topic, shared by the paging theory.</summary>
public sealed class PagingFixture : IAsyncLifetime
{
    public ForumApp App { get; } = new();
    public TestBrowser Admin { get; private set; } = null!;
    public string TopicUrl { get; private set; } = "";
    public int TopicId { get; private set; }

    public async Task InitializeAsync()
    {
        Admin = await App.NewAdministratorAsync("Root", "root@example.org");
        (TopicUrl, TopicId) = await Admin.TopicAsync("Paged", "post 1");
        for (var i = 2; i <= 21; i++) await Admin.ReplyIdAsync(TopicUrl, $"post {i}");
    }

    public Task DisposeAsync()
    {
        Admin.Dispose();
        App.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Every page, found from the endpoints, answers any <c>?page=</c> at once without a 500; the paged ones redirect an
/// out-of-range number to the first or last page and refuse a non-number with a 400 page that says so.
/// </summary>
public sealed class PagingTests(PagingFixture fixture) : IClassFixture<PagingFixture>
{
    [Theory]
    [InlineData("2147483647", "last")]
    [InlineData("99999999", "last")]
    [InlineData("99999999999999999999999", "last")]
    [InlineData("3", "last")]
    [InlineData("-1", "first")]
    [InlineData("0", "first")]
    [InlineData("-2147483648", "first")]
    [InlineData("abc", "bad")]
    [InlineData("1e9", "bad")]
    [InlineData("%00", "bad")]
    public async Task Every_paged_page_clamps_or_refuses_an_out_of_range_page_number(string value, string expected)
    {
        var paged = new Dictionary<string, (string Path, int Last)>
        {
            ["/"] = ("/", 1),
            ["/c/1"] = ("/c/1/general", 1),
            [fixture.TopicUrl] = (fixture.TopicUrl, 2),
            ["/admin/members"] = ("/admin/members", 1),
            ["/moderation/audit"] = ("/moderation/audit", 1),
        };
        var failures = new List<string>();
        foreach (var (url, (path, last)) in paged)
        {
            var page = await fixture.Admin.GetAsync($"{url}?page={value}");
            switch (expected)
            {
                case "bad":
                    if (page.Status != HttpStatusCode.BadRequest || !page.Html.Contains("The page number must be a whole number"))
                        failures.Add($"{url}?page={value}: {(int)page.Status}, wanted 400 saying what was wrong");
                    break;
                default:
                    var target = expected == "last" && last > 1 ? $"{path}?page={last}" : path;
                    if (page.Status != HttpStatusCode.Redirect || page.Location != target)
                        failures.Add($"{url}?page={value}: {(int)page.Status} to {page.Location}, wanted 302 to {target}");
                    else if ((await fixture.Admin.GetAsync(page.Location)).Status != HttpStatusCode.OK)
                        failures.Add($"{url}?page={value}: the redirect target {page.Location} does not answer 200");
                    break;
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    public async Task No_page_or_endpoint_answers_a_huge_or_bad_number_with_a_server_error(string value)
    {
        var routes = fixture.App.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null || e.RoutePattern.RawText!.Contains("posts-after"))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => !p.StartsWith("/error", StringComparison.Ordinal))
            .Distinct().ToList();
        Assert.Contains("/moderation/audit", routes);
        var failures = new List<string>();
        foreach (var pattern in routes)
        {
            var url = pattern.Replace("{id:int}", fixture.TopicId.ToString()).Replace("{postId:int}", "0").Replace("{id:long}", "1")
                .Replace("{id:long?}", "").Replace("{slug?}", "").Replace("{list}", "announce").Replace("{token}", "x").Replace("{id}", "x").TrimEnd('/');
            foreach (var query in new[] { "page", "take", "id", "after" })
            {
                var response = await fixture.Admin.Client.GetAsync($"{(url.Length == 0 ? "/" : url)}?{query}={value}");
                if ((int)response.StatusCode >= 500) failures.Add($"GET {url}?{query}={value}: {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(routes.Count >= 20, $"swept only {routes.Count} routes");
    }
}
