using System.Net;
using System.Text.RegularExpressions;
using ForumServer.Core.Tests.Storage.PostgreSql;
using ForumServer.Storage.PostgreSql;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.ScaleOut;

/// <summary>A fact that needs both the PostgreSQL and the Redis test servers; skipped, saying which is missing, without them.</summary>
public sealed class ScaleOutFactAttribute : FactAttribute
{
    public ScaleOutFactAttribute()
    {
        if (TestPostgres.ConnectionString is null) Skip = TestPostgres.SkipReason;
        else if (ScaleOutCluster.Redis is null) Skip = ScaleOutCluster.RedisSkipReason;
    }
}

/// <summary>
/// Two real ForumServer processes, each with its own data folder, on one fresh PostgreSQL database and one Redis,
/// sending mail to one SMTP sink: what the README's "Scaling out" section sets up.
/// </summary>
public sealed partial class ScaleOutCluster : IAsyncDisposable
{
    public const string RedisVariable = "FORUM_TEST_REDIS";
    public static readonly string RedisSkipReason =
        $"{RedisVariable} is not set: give it a StackExchange.Redis connection string of a Redis the tests may use (.ci/services.sh starts one).";

    public static string? Redis => Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } s ? s : null;

    private readonly List<string> _folders = [];
    private readonly Dictionary<string, string> _settings;

    private ScaleOutCluster(TestDatabaseName database, SmtpSink sink, int connections, IReadOnlyDictionary<string, string>? settings)
    {
        Database = database;
        Sink = sink;
        _settings = sink.AppSettings(connections).ToDictionary(kv => kv.Key, kv => kv.Value!);
        _settings["Storage:Provider"] = "PostgreSql";
        _settings["Storage:PostgreSql:ConnectionString"] = database.ConnectionString;
        _settings["ScaleOut:RedisConnectionString"] = Redis!;
        _settings["Live:RedisConnectionString"] = Redis!;
        _settings["RateLimits:ForumPostsPerMinute"] = "100000";
        _settings["Mail:RetryDelay"] = "00:00:00.100";
        // A process started from a test's output folder has no wwwroot of its own (static web assets are mapped in
        // Development only): serve the project's, so pages load the SignalR client and go live.
        if (SourceWebRoot() is { } webRoot) _settings["ASPNETCORE_WEBROOT"] = webRoot;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) _settings[key] = value;
    }

    private static string? SourceWebRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "ForumServer", "wwwroot");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    public TestDatabaseName Database { get; }
    public SmtpSink Sink { get; }
    public List<Node> Nodes { get; } = [];

    public static async Task<ScaleOutCluster> CreateAsync(int connections = 2, int? holdMailAfter = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var sink = new SmtpSink { HoldAfter = holdMailAfter }.Start();
        return new ScaleOutCluster(database, sink, connections, settings);
    }

    /// <summary>The outbox sender id a running server logged at start-up.</summary>
    public static string SenderOf(Node node) =>
        SenderId().Match(node.Process.Output) is { Success: true } m ? m.Groups[1].Value
            : throw new InvalidOperationException($"Server {node.Name} logged no outbox sender id.\n{node.Process.Output}");

    [GeneratedRegex(@"Outbox sender (\S+) started")]
    private static partial Regex SenderId();

    /// <summary>Starts a server on a fresh data folder and waits until it serves.</summary>
    public async Task<Node> StartAsync(string name)
    {
        var folder = Directory.CreateTempSubdirectory($"forumserver-{name}-").FullName;
        _folders.Add(folder);
        var url = ServerProcess.FreeLocalUrl();
        var process = ServerProcess.Start(folder, url, _settings);
        var node = new Node(name, url, process);
        Nodes.Add(node);
        await process.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(120));
        return node;
    }

    /// <summary>The server (of those running) that holds a worker's lock, once one does.</summary>
    public Task<Node> WorkerHolderAsync(string worker, int seconds = 60) =>
        Eventually.ValueAsync(() =>
        {
            var holders = Nodes.Where(n => !n.Process.HasExited && n.Process.Output.Contains($"now runs the {worker} worker", StringComparison.Ordinal)).ToList();
            if (holders.Count > 1) throw new InvalidOperationException($"Two servers run the {worker} worker at once.");
            return holders.SingleOrDefault();
        }, TimeSpan.FromSeconds(seconds), () => $"No server took the {worker} worker.\n" + string.Join("\n---\n", Nodes.Select(n => n.Process.Output)));

    /// <summary>Registers on <paramref name="node"/>, confirms from the mail and signs in; the returned browser keeps the cookies.</summary>
    public async Task<TestBrowser> NewMemberAsync(Node node, CookieContainer cookies, string name, string email)
    {
        var browser = node.Browser(cookies);
        Assert.Equal(HttpStatusCode.OK, (await browser.RegisterAsync(name, email)).Status);
        var confirmation = await Sink.WaitForAsync(email, "Confirm your email", seconds: 60);
        var link = Link().Match(confirmation.Message.TextBody ?? "");
        Assert.True(link.Success, "No link in: " + confirmation.Message.TextBody);
        var confirm = await browser.GetAsync(new Uri(link.Value).PathAndQuery);
        Assert.Contains("is confirmed", (await browser.SubmitAsync(confirm, "main form")).Html);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email)).Status);
        return browser;
    }

    public static int TopicIdOf(string topicPath) => int.Parse(TopicId().Match(topicPath).Groups[1].Value);

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Link();

    [GeneratedRegex(@"/t/(\d+)")]
    private static partial Regex TopicId();

    public PgDatabase OpenDatabase() => PgDatabase.Create(Database.ConnectionString);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) node.Process.Dispose();
        await Sink.DisposeAsync();
        await Database.DisposeAsync();
        foreach (var folder in _folders)
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    public sealed record Node(string Name, string Url, ServerProcess Process)
    {
        /// <summary>A browser on this server; browsers given one <paramref name="cookies"/> jar share a sign-in across servers.</summary>
        public TestBrowser Browser(CookieContainer? cookies = null) =>
            new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies ?? new CookieContainer() })
            {
                BaseAddress = new Uri(Url),
            });
    }
}
