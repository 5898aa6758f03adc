using System.Net;
using ForumServer.Core.Accounts;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Media;
using ForumServer.Tests.Moderation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Tests.Hardening;

/// <summary>
/// Input that used to end in a 500 gets a page saying what was wrong, on every page form (found from the endpoints),
/// and changes nothing: a NUL in a field, a 2 MiB body, an overflowing suspension, a CR/LF in a returnUrl. The tests
/// share one app; each makes its own member, topic and administrator.
/// </summary>
public sealed class BadFormTests(SharedForumApp app) : IClassFixture<SharedForumApp>, IAsyncLifetime
{
    private static int _tests;
    private readonly ForumApp _app = app;
    private TestBrowser _member = null!;
    private TestBrowser _admin = null!;
    private string _memberEmail = "";
    private string _token = "";

    public async Task InitializeAsync()
    {
        var n = Interlocked.Increment(ref _tests);
        _memberEmail = $"filler{n}@example.org";
        _member = await _app.NewMemberAsync($"Filler{n}", _memberEmail);
        await _member.CreateTopicAsync(1, "Target", "content that must survive");
        // The sweeps run as an administrator, so staff forms reach the form check instead of stopping at 403.
        _admin = await _app.NewAdministratorAsync($"Root{n}", $"root{n}@example.org");
        _token = await _admin.AntiforgeryTokenAsync("/account/settings");
    }

    public Task DisposeAsync()
    {
        _member.Dispose();
        _admin.Dispose();
        return Task.CompletedTask;
    }

    private async Task<IReadOnlyList<StateChangingEndpoint>> PageFormsAsync()
    {
        var all = await EndpointCatalog.ListAsync(_app, new Dictionary<string, string> { ["id"] = "1", ["slug"] = "x", ["token"] = "t", ["list"] = "announce" });
        var pages = all.Where(e => e.Metadata.OfType<PageActionDescriptor>().Any() && !e.Url.StartsWith("/error", StringComparison.Ordinal)).ToList();
        Assert.True(pages.Count >= 20, "expected the app's page forms, found: " + string.Join(", ", pages));
        return pages;
    }

    [Fact]
    public async Task A_nul_in_any_form_field_of_any_page_gets_a_400_page_naming_the_field_and_stores_nothing()
    {
        var endpoints = await PageFormsAsync();
        await _admin.GetAsync("/"); // settle the last-access record before the snapshot
        var before = DatabaseSnapshot.Take(_app);
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var fields = new Dictionary<string, string>
            {
                ["__af"] = _token, ["Input.Title"] = "title", ["Input.Body"] = "body with a \0 in it", ["Input.Email"] = "x@example.org",
            };
            var page = await TestBrowser.Page.ReadAsync(await _admin.Client.SendAsync(
                new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url) { Content = new FormUrlEncodedContent(fields) }), endpoint.Url);
            if (page.Status != HttpStatusCode.BadRequest || !page.Text(".error-detail").Contains("The field Input.Body contains a control character"))
                failures.Add($"{endpoint}: {(int)page.Status} {page.Document.QuerySelector(".error-detail")?.TextContent}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, DatabaseSnapshot.Take(_app));
    }

    [Fact]
    public async Task A_2_MiB_form_on_any_page_gets_a_413_page_that_says_it_is_too_large_and_stores_nothing()
    {
        var endpoints = await PageFormsAsync();
        await _admin.GetAsync("/");
        var before = DatabaseSnapshot.Take(_app);
        var failures = new List<string>();
        var huge = new string('a', 2 * 1024 * 1024);
        foreach (var endpoint in endpoints)
        {
            var fields = new Dictionary<string, string> { ["__af"] = _token, ["Input.Title"] = "title", ["Input.Body"] = huge };
            var page = await TestBrowser.Page.ReadAsync(await _admin.Client.SendAsync(
                new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url) { Content = new FormUrlEncodedContent(fields) }), endpoint.Url);
            var detail = page.Document.QuerySelector(".error-detail")?.TextContent ?? "";
            if (page.Status != HttpStatusCode.RequestEntityTooLarge || !(detail.Contains("larger than this server accepts") || detail.Contains("longer than this server accepts")))
                failures.Add($"{endpoint}: {(int)page.Status} {detail}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, DatabaseSnapshot.Take(_app));
    }

    [Theory]
    [InlineData("99999999")]
    [InlineData("2147483647")]
    [InlineData("-2147483648")]
    [InlineData("0")]
    public async Task Suspending_for_an_out_of_range_number_of_days_says_so_and_suspends_nobody(string days)
    {
        var admin = _admin;
        var id = await _app.MemberIdAsync(_memberEmail);
        var form = await admin.GetAsync($"/moderation/members/{id}");
        var before = DatabaseSnapshot.Take(_app);
        var answer = await admin.SubmitAsync(form, "form.suspend", new() { ["days"] = days, ["reason"] = "test" });
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("Days must be between 1 and 3650", answer.Text("[data-valmsg-for='Days']"));
        Assert.Equal(before, DatabaseSnapshot.Take(_app));
        Assert.Null((await _app.Service<IMemberStore>().GetAsync(id))!.Suspension);
    }

    [Theory]
    [InlineData("/p/1/edit\r\nSet-Cookie: evil=1")]
    [InlineData("/p/1/edit\nLocation: //evil.example")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task A_bad_return_url_after_a_successful_delete_or_sign_in_goes_to_the_front_page(string returnUrl)
    {
        var (id, _) = (await _member.UploadOkAsync(MediaClient.PhonePhoto()))[0];
        var token = await _member.TokenFromAsync();
        var deleted = await _member.Client.PostAsync($"/media/{id}/delete",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = token, ["returnUrl"] = returnUrl }));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/", deleted.Headers.Location!.OriginalString);
        Assert.False(deleted.Headers.Contains("Set-Cookie") && deleted.Headers.GetValues("Set-Cookie").Any(c => c.Contains("evil")));
        Assert.Equal(HttpStatusCode.NotFound, (await _member.Client.GetAsync($"/media/{id}")).StatusCode);

        using var visitor = _app.NewBrowser();
        var login = await visitor.GetAsync("/account/login");
        var signedIn = await visitor.SubmitAsync(login, "main form", new()
        {
            ["Input.Email"] = _memberEmail, ["Input.Password"] = Flows.Password, ["ReturnUrl"] = returnUrl,
        });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.Equal("/", signedIn.Location);
    }
}
