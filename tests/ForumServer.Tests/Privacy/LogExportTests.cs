using System.Net;
using ForumServer.Logging;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Moderation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ForumServer.Tests.Privacy;

/// <summary>Administrators download recent logs with IP addresses, email addresses and display names blanked out.</summary>
public sealed class LogExportTests : IDisposable
{
    private readonly KestrelForumApp _app = new(new()
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        ["Logs:RecentLines"] = "50000",
    });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Log_export_holds_the_traffic_but_no_ip_address_email_or_display_name()
    {
        using var admin = await _app.NewAdministratorAsync("Olga Petrova", "olga@example.org");
        using var member = await _app.NewMemberAsync("Zed Zebulon", "zed@example.org");
        await member.CreateTopicAsync(1, "Hello from Zed", "first post");
        var change = await member.GetAsync("/account/email");
        await member.SubmitAsync(change, "main form", new() { ["Input.NewEmail"] = "zed.new@example.org" });
        var link = Mailbox.LinkIn(await _app.Mailbox.WaitForAsync("zed.new@example.org", "Confirm your new email"));
        await member.GetAsync(link); // the address travels in the query string, which the request log records
        var client = _app.Address.Host; // 127.0.0.1: the address every request of this test comes from
        _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ForumServer.Audit")
            .LogInformation("Member {Name} <{Email}> signed in from {Ip} and [::1]:5000", "Zed Zebulon", "zed@example.org", client);

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/admin/logs?handler=Download")).Status);
        using var anonymous = _app.NewBrowser();
        Assert.Contains("/account/login", (await anonymous.GetAsync("/admin/logs?handler=Download")).Location);

        var page = await admin.GetAsync("/admin/logs");
        var download = await admin.Client.GetAsync(page.Document.QuerySelector("a.download-logs")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/plain", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        var log = await download.Content.ReadAsStringAsync();

        Assert.Contains("ForumServer.Audit: Member [name] <[email]> signed in from [ip] and [[ip]]:5000", log);
        Assert.Contains("/account/confirm-email-change?", log);
        Assert.Contains("[email]", log.Split('\n').First(l => l.Contains("/account/confirm-email-change?")));
        Assert.Contains("/c/1/new", log);
        foreach (var secret in new[] { "olga@example.org", "zed@example.org", "zed.new@example.org", "zed.new%40example.org", "Olga Petrova", "Zed Zebulon", "Zebulon", client, "::1" })
            Assert.DoesNotContain(secret, log, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void With_RedactAll_every_other_logging_provider_writes_through_the_redactor()
    {
        using var app = new ForumApp(new() { ["Logs:RedactAll"] = "true" });
        var providers = app.Services.GetServices<ILoggerProvider>().ToList();
        Assert.Contains(providers, p => p is RecentLogProvider);
        var others = providers.Where(p => p is not RecentLogProvider).ToList();
        Assert.NotEmpty(others);
        Assert.All(others, p => Assert.IsType<RedactingLoggerProvider>(p));

        using var plain = new ForumApp();
        Assert.DoesNotContain(plain.Services.GetServices<ILoggerProvider>(), p => p is RedactingLoggerProvider);
    }

    [Fact]
    public void The_redacting_provider_blanks_message_and_exception_text()
    {
        var redactor = new ForumServer.Core.Privacy.LogRedactor();
        redactor.SetNames(["Zed Zebulon"]);
        var capture = new CapturingProvider();
        using var provider = new RedactingLoggerProvider(capture, redactor);
        provider.CreateLogger("x").LogWarning(new InvalidOperationException("mail to zed@example.org failed"), "Zed Zebulon from {Ip}", "10.1.2.3");
        var line = Assert.Single(capture.Lines);
        Assert.StartsWith("[name] from [ip]", line);
        Assert.Contains("mail to [email] failed", line);
    }

    private sealed class CapturingProvider : ILoggerProvider, ILogger
    {
        public List<string> Lines { get; } = [];
        public ILogger CreateLogger(string categoryName) => this;
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Assert.Null(exception);
            Lines.Add(formatter(state, exception));
        }
    }
}
