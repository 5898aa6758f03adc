using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ForumServer.Tests.Moderation;

/// <summary>The app with a clock the test moves (session revalidation, deadlines).</summary>
public sealed class TimedForumApp(Dictionary<string, string?>? settings = null) : ForumApp(settings)
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureMore(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
}

public static class ModerationFlows
{
    public static async Task<TestBrowser> NewModeratorAsync(this ForumApp app, string name, string email)
    {
        var browser = await app.NewMemberAsync(name, email);
        return await app.WithRoleAsync(browser, email, Roles.Moderator);
    }

    public static async Task<TestBrowser> NewAdministratorAsync(this ForumApp app, string name, string email)
    {
        using (var scope = app.Services.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<AccountActions>().CreateAdministratorAsync(email, name, Flows.Password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        }
        var browser = app.NewBrowser();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await browser.SignInAsync(email)).Status);
        return browser;
    }

    /// <summary>The antiforgery token of this browser's session, read from any form on a page it can see.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this TestBrowser browser, string url = "/privacy/delete")
    {
        var page = await browser.GetAsync(url);
        return page.Document.QuerySelector("input[name=__af]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No antiforgery token on " + url);
    }

    public static async Task<(string TopicUrl, int TopicId)> TopicAsync(this TestBrowser browser, string title, string body, int categoryId = 1)
    {
        var created = await browser.CreateTopicAsync(categoryId, title, body);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, created.Status);
        var url = created.Location!;
        return (url, int.Parse(url.Split('/')[2]));
    }

    public static async Task<int> ReplyIdAsync(this TestBrowser browser, string topicUrl, string body)
    {
        var replied = await browser.ReplyAsync(topicUrl, body);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, replied.Status);
        return int.Parse(replied.Location!.Split("#post-")[1]);
    }

    public static async Task<string> MemberIdAsync(this ForumApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Member>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }
}
