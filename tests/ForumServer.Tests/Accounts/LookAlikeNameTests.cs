using System.Net;
using ForumServer.Core.Accounts;
using ForumServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace ForumServer.Tests.Accounts;

/// <summary>
/// Display names that look like another member's, or hide characters, are refused at registration and rename. The
/// tests share one app with the member "Admin" whose name the look-alikes imitate; no test changes Admin's account.
/// </summary>
public sealed class LookAlikeNameTests(LookAlikeNameTests.AppWithAdmin app) : IClassFixture<LookAlikeNameTests.AppWithAdmin>
{
    private const string AdminEmail = "admin@example.org";
    private readonly ForumApp _app = app;

    /// <summary>The app with the member "Admin", made once for all the tests of the class.</summary>
    public sealed class AppWithAdmin : ForumApp, IAsyncLifetime
    {
        public Task InitializeAsync() => this.SeedMemberAsync("Admin", AdminEmail);

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private async Task<TestBrowser> SignedInAdminAsync()
    {
        var admin = _app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync(AdminEmail)).Status);
        return admin;
    }

    [Theory]
    [InlineData("\u0410dmin", "is taken")] // Cyrillic А
    [InlineData("\uFF21\uFF44\uFF4D\uFF49\uFF4E", "is taken")] // full-width letters
    [InlineData("ADMlN", "is taken")] // l for I
    [InlineData("Ad\u200Bmin", "invisible characters")] // zero-width space
    [InlineData("\u202Enimda", "invisible characters")] // right-to-left override
    public async Task Registering_a_look_alike_or_hidden_character_name_is_refused_and_no_account_is_made(string name, string reason)
    {
        using var other = _app.NewBrowser();

        var page = await other.RegisterAsync(name, "mallory@example.org");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(reason, page.Text("[data-valmsg-for='Input.DisplayName']"));
        Assert.Null(await _app.Service<UserManager<Member>>().FindByEmailAsync("mallory@example.org"));
        Assert.Empty(_app.Mailbox.To("mallory@example.org"));
    }

    [Fact]
    public async Task Renaming_to_a_look_alike_is_refused_and_a_real_rename_shows_in_topic_rows()
    {
        using var admin = await SignedInAdminAsync();
        using var eve = await _app.NewMemberAsync("Eve", "eve@example.org");
        await eve.CreateTopicAsync(1, "Eve's topic", "first");
        var othersTopic = (await admin.CreateTopicAsync(1, "Admin's topic", "first")).Location!;
        await eve.ReplyAsync(othersTopic, "a reply by Eve, the last post of that topic");

        var settings = await eve.GetAsync("/account/settings");
        var refused = await eve.SubmitAsync(settings, "form[action*='DisplayName']", new() { ["Input.DisplayName"] = "\u0410dmin" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("is taken", refused.Text("[data-valmsg-for='Input.DisplayName']"));
        Assert.Equal("Eve", (await _app.Service<UserManager<Member>>().FindByEmailAsync("eve@example.org"))!.DisplayName);

        var saved = await eve.SubmitAsync(await eve.GetAsync("/account/settings"), "form[action*='DisplayName']", new() { ["Input.DisplayName"] = "Evelyn" });
        Assert.Contains("display name is saved", saved.Html);
        using var anon = _app.NewBrowser();
        var rows = (await anon.GetAsync("/c/1")).Document.QuerySelectorAll(".topic-row")
            .ToDictionary(r => r.QuerySelector(".topic-title")!.TextContent.Trim(), r => string.Join(" ", r.QuerySelector(".meta")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.StartsWith("by Evelyn ·", rows["Eve's topic"]);
        Assert.Contains("last by Evelyn", rows["Admin's topic"]);
        Assert.DoesNotContain(rows.Values, meta => meta.Contains("by Eve ", StringComparison.Ordinal));
    }
}
