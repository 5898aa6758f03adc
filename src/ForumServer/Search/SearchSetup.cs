using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Localization;
using ForumServer.Core.Search;
using ForumServer.Hosting;
using ForumServer.Search.Lucene;
using ForumServer.Storage.PostgreSql.Search;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ForumServer.Search;

/// <summary>Which index answers searches.</summary>
public enum SearchProvider { Lucene, PostgreSql }

/// <summary>The <c>Search</c> section.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>
    /// <c>Lucene</c> (an index in the data folder, one server) or <c>PostgreSql</c> (full-text search in the forum's
    /// database, shared by every server). Unset: PostgreSql when <c>Storage:Provider</c> is PostgreSql, else Lucene.
    /// </summary>
    public SearchProvider? Provider { get; set; }

    /// <summary>Searches one client may run per minute; more get a "too many searches" answer.</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinute { get; set; } = 30;

    /// <summary>How often index writes are committed to disk; what a crash can lose is rebuilt with <c>search rebuild</c>.</summary>
    [Range(1, 3600)]
    public int CommitIntervalSeconds { get; set; } = 5;
}

public static class SearchSetup
{
    public const string RateLimitPolicy = "search";

    /// <summary>Registers search over the configured index; false, with the reason, when the choice cannot work.</summary>
    public static bool TryAddSearch(this WebApplicationBuilder builder, out string problem)
    {
        problem = "";
        var storage = builder.Configuration.GetSection(StorageOptions.Section).GetValue<StorageProvider?>(nameof(StorageOptions.Provider)) ?? StorageProvider.LiteDb;
        SearchProvider provider;
        try
        {
            provider = builder.Configuration.GetSection(SearchOptions.Section).GetValue<SearchProvider?>(nameof(SearchOptions.Provider))
                ?? (storage == StorageProvider.PostgreSql ? SearchProvider.PostgreSql : SearchProvider.Lucene);
        }
        catch (InvalidOperationException)
        {
            problem = $"Search:Provider is \"{builder.Configuration["Search:Provider"]}\"; it is Lucene or PostgreSql.";
            return false;
        }
        if (provider == SearchProvider.PostgreSql && storage != StorageProvider.PostgreSql)
        {
            problem = "Search:Provider is PostgreSql but Storage:Provider is not: PostgreSQL full-text search runs in the forum's " +
                "PostgreSQL database. Set Storage:Provider to PostgreSql, or Search:Provider to Lucene.";
            return false;
        }

        builder.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (provider == SearchProvider.PostgreSql)
            builder.Services.AddSingleton<ISearchIndex, PgSearchIndex>();
        else
            builder.Services.AddSingleton<ISearchIndex>(sp =>
                new LuceneSearchIndex(Path.Combine(sp.GetRequiredService<StorageOptions>().DataFolder, "search")));
        builder.Services.AddSingleton<SearchFeed>();
        builder.Services.AddSingleton<IForumEventHandler, SearchIndexUpdater>();
        builder.Services.AddScoped<IAuthorDirectory, MemberAuthorDirectory>();
        builder.Services.AddScoped<SearchService>();
        builder.Services.AddHostedService<SearchWorker>();
        builder.Services.AddRateLimiter(o => o.AddPolicy(RateLimitPolicy, new SearchRateLimitPolicy()));
        return true;
    }
}

/// <summary>Feeds post events to the index. Never throws: a failed index write is logged and fixed by a rebuild.</summary>
internal sealed class SearchIndexUpdater(SearchFeed feed, ILogger<SearchIndexUpdater> log) : IForumEventHandler
{
    public async Task HandleAsync(ForumEvent forumEvent, CancellationToken cancellationToken = default)
    {
        try
        {
            await feed.ApplyAsync(forumEvent, cancellationToken);
        }
        catch (Exception e)
        {
            log.LogError(e, "Search index: could not apply {Event} for topic {TopicId}; run `search rebuild` if results look wrong", forumEvent.GetType().Name, forumEvent.TopicId);
        }
    }
}

/// <summary>Display names resolve through Identity's normalizer, so author: ignores case as sign-up does.</summary>
internal sealed class MemberAuthorDirectory(UserManager<Member> users) : IAuthorDirectory
{
    public async Task<string?> FindIdByDisplayNameAsync(string displayName) => (await users.FindByNameAsync(displayName))?.Id;
}

/// <summary>Fills a missing or outdated index at start, then commits index writes on a short timer.</summary>
internal sealed class SearchWorker(ISearchIndex index, SearchFeed feed, IOptions<SearchOptions> options, ILogger<SearchWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (index.NeedsRebuild)
        {
            try
            {
                await SearchRebuild.RunAsync(feed, clear: false, log, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogError(e, "Search index: rebuild failed; results are incomplete until `search rebuild` succeeds");
            }
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CommitIntervalSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await index.FlushAsync(cancellationToken: stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Search index: commit failed"); }
            }
        }
        catch (OperationCanceledException) { }
    }
}

/// <summary>The full rebuild, shared by the start-up worker and the <c>search rebuild</c> command.</summary>
internal static class SearchRebuild
{
    public static async Task<int> RunAsync(SearchFeed feed, bool clear, ILogger log, CancellationToken cancellationToken)
    {
        log.LogInformation("Search index: rebuilding from the database");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var next = 10_000;
        var count = await feed.RebuildAsync(clear, done =>
        {
            if (done < next) return;
            next = done + 10_000;
            log.LogInformation("Search index: {Posts} posts indexed", done);
        }, cancellationToken);
        log.LogInformation("Search index: rebuilt with {Posts} posts in {Seconds:0.0} s", count, started.Elapsed.TotalSeconds);
        return count;
    }
}

/// <summary><c>search rebuild</c>: refills the index from the database while the server is stopped.</summary>
public static class SearchCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "search";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length < 2 || args[1] != "rebuild")
        {
            Console.Error.WriteLine("usage: dotnet run --project src/ForumServer -- search rebuild");
            return 2;
        }
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("ForumServer.Search");
        var count = await SearchRebuild.RunAsync(services.GetRequiredService<SearchFeed>(), clear: true, log, CancellationToken.None);
        (services.GetRequiredService<ISearchIndex>() as IDisposable)?.Dispose(); // Lucene: releases the index lock before the process ends
        Console.WriteLine($"Search index rebuilt: {count} posts.");
        return 0;
    }
}

/// <summary>Searches per client address and minute; the refusal says so in the reader's language.</summary>
internal sealed class SearchRateLimitPolicy : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, token) =>
    {
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
        await context.HttpContext.Response.WriteAsync(Texts.T("Too many searches from your address. Wait a minute and try again."), token);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var permits = httpContext.RequestServices.GetRequiredService<IOptions<SearchOptions>>().Value.RequestsPerMinute;
        var client = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}
