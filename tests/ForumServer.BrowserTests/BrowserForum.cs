using ForumServer.Core.Accounts;
using ForumServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ForumServer.BrowserTests;

/// <summary>
/// The app on a real port with two confirmed members, Alice and the moderator Mo, and the <see cref="LiveGate"/>
/// hook. Shared by the tests of a class; each test opens its own topic and browser contexts.
/// </summary>
public sealed class BrowserForum : IAsyncLifetime
{
    public const string AliceEmail = "alice@example.org";
    public const string ModeratorEmail = "mo@example.org";

    public GatedApp App { get; } = new();
    public LiveGate Gate => App.Gate;
    public TestBrowser Alice { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Alice = await App.NewMemberAsync("Alice", AliceEmail);
        var mo = await App.NewMemberAsync("Mo", ModeratorEmail);
        await App.WithRoleAsync(mo, ModeratorEmail, Roles.Moderator);
        mo.Dispose();
    }

    public Task DisposeAsync()
    {
        Alice.Dispose();
        App.Dispose();
        return Task.CompletedTask;
    }

    public string Url(string path) => App.Url(path).ToString();

    /// <summary>A fresh browser context (its own cookies), signed in through the login page when an email is given.</summary>
    public async Task<IPage> OpenAsync(IBrowser browser, string? email = null, bool javaScript = true)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScript });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        if (email is null) return page;
        await page.GotoAsync(Url("/account/login"));
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", Flows.Password);
        await ClickAndLoadAsync(page, "main form button[type=submit]");
        return page;
    }

    /// <summary>Opens a topic and waits until the page has joined the topic's live group.</summary>
    public static async Task GoToTopicAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await WaitLiveAsync(page);
    }

    public static Task WaitLiveAsync(IPage page, string state = "connected") =>
        page.WaitForSelectorAsync($"html[data-live={state}]", new() { State = WaitForSelectorState.Attached });

    /// <summary>Clicks what submits a form or follows a link, and waits until the next page has loaded.</summary>
    public static async Task ClickAndLoadAsync(IPage page, string selector)
    {
        // Listen before clicking: a navigation that finishes before the wait starts would otherwise be missed.
        var before = page.Url;
        var loaded = page.WaitForURLAsync(url => url != before);
        await page.ClickAsync(selector);
        await loaded;
    }

    public sealed class GatedApp : KestrelForumApp
    {
        public LiveGate Gate { get; } = new();

        protected override void ConfigureMore(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IStartupFilter>(Gate);
                services.Configure<HubOptions>(o => o.AddFilter(Gate));
            });
    }
}
