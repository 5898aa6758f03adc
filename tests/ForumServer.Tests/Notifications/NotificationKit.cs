using System.Net;
using ForumServer.Core.Accounts;
using ForumServer.Notifications;
using ForumServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ForumServer.Tests.Notifications;

/// <summary>Steps the notification tests share: members whose mail goes to a real SMTP sink, waiting for fan-out.</summary>
public static class NotificationKit
{
    /// <summary>Registers through the pages, confirms from the mail the SMTP sink received and signs in.</summary>
    public static async Task<TestBrowser> NewMemberOverSmtpAsync(this ForumApp app, SmtpSink sink, string name, string email, string? language = null)
    {
        var browser = app.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.RegisterAsync(name, email)).Status);
        var mail = await sink.WaitForAsync(email, "Confirm your email");
        var page = await browser.GetAsync(Mailbox.LinkIn(mail.Message));
        Assert.Contains("is confirmed", (await browser.SubmitAsync(page, "main form")).Html);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email)).Status);
        if (language is not null)
        {
            var settings = await browser.GetAsync("/account/settings");
            await browser.SubmitAsync(settings, "form.language", new() { ["Input.Language"] = language });
        }
        return browser;
    }

    public static async Task<string> MemberIdAsync(this ForumApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByEmailAsync(email))!.Id;
    }

    /// <summary>Waits until every queued forum event has been fanned out to notifications (and their mail queued).</summary>
    public static Task WaitForFanOutAsync(this ForumApp app)
    {
        var queue = app.Service<NotificationQueue>();
        return Eventually.UntilAsync(() => queue.Idle, TimeSpan.FromSeconds(15), () => "Notification fan-out did not finish.");
    }

    public static int BellCount(this TestBrowser.Page page)
    {
        var count = page.Document.QuerySelector("[data-notification-bell] .count")
            ?? throw new InvalidOperationException("No bell on " + page.Url);
        return count.HasAttribute("hidden") ? 0 : int.Parse(count.TextContent.Trim());
    }
}

/// <summary>A test class over the app whose mail goes to a real SMTP server on 127.0.0.1, both new per test.</summary>
public abstract class SmtpForumTest : IAsyncLifetime
{
    protected SmtpSink Sink { get; } = new();
    protected ForumApp App { get; private set; } = null!;

    /// <summary>Settings beyond the SMTP ones.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings) { }

    public Task InitializeAsync()
    {
        Sink.Start();
        var settings = Sink.AppSettings();
        Configure(settings);
        App = new ForumApp(settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        App.Dispose();
        await Sink.DisposeAsync();
    }
}
