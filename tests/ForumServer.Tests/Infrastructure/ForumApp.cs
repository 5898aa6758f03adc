using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ForumServer.Tests.Infrastructure;

/// <summary>
/// The real app over a throwaway data folder (real LiteDB file, real pickup folder). Each test class or test
/// makes its own, so tests never share a database.
/// </summary>
public class ForumApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ForumApp(Dictionary<string, string?>? settings = null, string? dataFolder = null)
    {
        DataFolder = dataFolder ?? Directory.CreateTempSubdirectory("forumserver-app-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = DataFolder,
            ["Forum:BaseUrl"] = "http://forum.test",
            ["Forum:SiteName"] = "Test Forum",
            ["RateLimits:AccountPostsPerMinute"] = "10000",
            ["RateLimits:ForumPostsPerMinute"] = "10000",
            ["RateLimits:ForumPostsPerMemberPerMinute"] = "10000",
            ["MailLimits:PerRecipientPerHour"] = "1000",
        };
        foreach (var (k, v) in settings ?? []) _settings[k] = v;
        Mailbox = new Mailbox(Path.Combine(DataFolder, "mail-pickup"));
    }

    public string DataFolder { get; }
    public Mailbox Mailbox { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        ConfigureMore(builder);
    }

    protected virtual void ConfigureMore(IWebHostBuilder builder) { }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    public virtual TestBrowser NewBrowser() => new(CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("http://localhost"),
    }));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsFolder)
            try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private bool _ownsFolder => DataFolder.Contains("forumserver-app-", StringComparison.Ordinal);
}
