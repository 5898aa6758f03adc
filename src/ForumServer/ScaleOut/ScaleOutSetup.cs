using ForumServer.Core.Mail;
using ForumServer.Forum;
using ForumServer.Hosting;
using ForumServer.Lists;
using ForumServer.Mail;
using ForumServer.Media;
using ForumServer.Retention;
using ForumServer.Storage.PostgreSql;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ForumServer.ScaleOut;

/// <summary>The <c>ScaleOut</c> section: what several servers behind one address share besides the database.</summary>
public sealed class ScaleOutOptions
{
    public const string Section = "ScaleOut";

    /// <summary>
    /// StackExchange.Redis connection string of the output cache shared by every server, so a page evicted by one
    /// (a new reply) is gone on all. Empty (the default) keeps the cache in this process.
    /// </summary>
    public string RedisConnectionString { get; set; } = "";
}

public static class ScaleOutSetup
{
    /// <summary>
    /// The background workers that must run on one server at a time when several share a database: each runs
    /// under a PostgreSQL advisory lock, and a standby server takes over when the holder stops or dies. The
    /// <see cref="OutboxWorker"/> is not one of them: every server sends, claiming batches of the queue.
    /// </summary>
    public static readonly IReadOnlyDictionary<Type, string> OneServerWorkers = new Dictionary<Type, string>
    {
        [typeof(IssueDispatcher)] = "list-issues",
        [typeof(RetentionWorker)] = "retention",
        [typeof(MediaSweeper)] = "media-sweep",
    };

    /// <summary>Call after every other AddX: it wraps hosted services the features registered.</summary>
    public static void AddScaleOut(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ScaleOutOptions.Section).Get<ScaleOutOptions>() ?? new ScaleOutOptions();
        builder.Services.AddSingleton(options);
        if (!string.IsNullOrWhiteSpace(options.RedisConnectionString))
        {
            builder.Services.RemoveAll<IOutputCacheStore>();
            builder.Services.AddStackExchangeRedisOutputCache(redis =>
            {
                redis.Configuration = options.RedisConnectionString;
                redis.InstanceName = "ForumServer:";
            });
            StaleSafeOutputCacheStore.WrapRegisteredStore(builder.Services);
        }

        var storage = builder.Services.Select(d => d.ImplementationInstance).OfType<StorageOptions>().FirstOrDefault();
        if (storage?.Provider != StorageProvider.PostgreSql) return;

        GateWorkers(builder.Services);
        builder.Services.AddHostedService(sp => new PgNotificationListener(sp.GetRequiredService<PgDatabase>(), new Dictionary<string, Action>
        {
            [PgOutboxStore.NotifyChannel] = sp.GetRequiredService<Outbox>().Wake,
            [PgListStore.NotifyChannel] = sp.GetRequiredService<IssueDispatcher>().Wake,
        }, sp.GetRequiredService<ILogger<PgNotificationListener>>()));
        if (string.IsNullOrWhiteSpace(options.RedisConnectionString))
            builder.Services.AddHostedService<CacheWarning>();
    }

    /// <summary>Replaces each hosted-service registration by one that wraps the worker when it is a one-server worker.</summary>
    private static void GateWorkers(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IHostedService) || descriptor.IsKeyedService) continue;
            Func<IServiceProvider, object> create = descriptor switch
            {
                { ImplementationInstance: { } instance } => _ => instance,
                { ImplementationFactory: { } factory } => factory,
                { ImplementationType: { } type } => sp => ActivatorUtilities.CreateInstance(sp, type),
                _ => throw new InvalidOperationException("A hosted service registration without an implementation."),
            };
            services[i] = ServiceDescriptor.Singleton<IHostedService>(sp =>
            {
                var worker = (IHostedService)create(sp);
                return OneServerWorkers.TryGetValue(worker.GetType(), out var name)
                    ? new OneServerAtATime(worker, name, sp.GetRequiredService<PgDatabase>(), sp.GetRequiredService<ILogger<OneServerAtATime>>())
                    : worker;
            });
        }
    }
}

/// <summary>Runs a worker only while this server holds its advisory lock; stops it if the lock's session is lost.</summary>
public sealed class OneServerAtATime(IHostedService worker, string name, PgDatabase db, ILogger<OneServerAtATime> logger) : BackgroundService
{
    public IHostedService Worker { get; } = worker;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            PgAdvisoryLease lease;
            try
            {
                lease = await PgAdvisoryLease.AcquireAsync(db, name, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await using (lease)
            {
                logger.LogInformation("This server now runs the {Worker} worker", name);
                await Worker.StartAsync(stoppingToken);
                try
                {
                    await lease.WaitUntilLostAsync(stoppingToken);
                    if (!stoppingToken.IsCancellationRequested)
                        logger.LogWarning("Lost the database session holding the {Worker} lock; stopping the worker until it is held again", name);
                }
                finally
                {
                    await Worker.StopAsync(CancellationToken.None);
                }
            }
        }
    }
}

/// <summary>Says once at start-up that cached pages are per server when several servers share the database without Redis.</summary>
internal sealed class CacheWarning(ILogger<CacheWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("Storage:Provider is PostgreSql but ScaleOut:RedisConnectionString is empty: with more than one server, " +
            "an anonymous page cached by one server is not evicted when another changes it (it expires within {Minutes} minutes).",
            (int)Forum.ForumPageCache.Lifetime.TotalMinutes);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
