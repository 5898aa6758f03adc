using ForumServer.Storage.LiteDb;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ForumServer.Tests.Infrastructure;

/// <summary>
/// The real app over a throwaway data folder (real LiteDB file, real pickup folder). Each test class (as a class
/// fixture, see <see cref="SharedForumApp"/>) or test makes its own, so test classes never share a database; the
/// tests of a class that shares one use members and topics of their own.
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
        // Real PBKDF2 at a test cost: the iteration count is stored in each hash, so a server with the default still verifies them.
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
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
        if (disposing) WaitUntilFolderReleased();
        if (disposing && _ownsFolder)
            try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// The program's own thread disposes the host too (after its RunAsync returns), and the factory's Dispose can
    /// return while that is still under way: the next app on this folder, or deleting it, waits for the lock to go.
    /// </summary>
    private void WaitUntilFolderReleased()
    {
        Eventually.Until(() => !DataFolderLock.IsHeldHere(DataFolder), TimeSpan.FromSeconds(60),
            () => $"The disposed app still holds its data folder {DataFolder} after 60 s.");
    }

    private bool _ownsFolder => DataFolder.Contains("forumserver-app-", StringComparison.Ordinal);
}
