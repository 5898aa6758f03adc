using ForumServer.Core.Retention;
using Microsoft.Extensions.Options;

namespace ForumServer.Retention;

public static class RetentionSetup
{
    /// <summary>The retention job: runs <see cref="RetentionPolicy"/> at start-up and then every <see cref="RetentionOptions.Interval"/>.</summary>
    public static void AddRetention(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<RetentionOptions>>().Value);
        builder.Services.AddScoped<RetentionPolicy>();
        builder.Services.AddHostedService<RetentionWorker>();
    }
}

/// <summary>Runs the retention rules on the injected clock, so tests move time instead of waiting.</summary>
public sealed class RetentionWorker(IServiceScopeFactory scopes, RetentionOptions options, TimeProvider time, ILogger<RetentionWorker> log) : BackgroundService
{
    /// <summary>Completed runs, for operators' diagnostics and for tests to wait on.</summary>
    public int Runs => _runs;
    private int _runs;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var report = await scope.ServiceProvider.GetRequiredService<RetentionPolicy>().ApplyAsync();
                if (report.Total > 0)
                    log.LogInformation("Retention: dropped {Subscriptions} unconfirmed subscriptions and {Requests} unconfirmed deletion requests, purged {Tokens} expired tokens and the personal data of {Closed} closed requests",
                        report.SubscriptionsDropped, report.RequestsDropped, report.TokensPurged, report.RequestsPurged);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Retention run failed; it runs again at the next interval");
            }
            // The next wait is on the clock before the run counts, so a test that sees the count can move the clock.
            var next = Task.Delay(options.Interval, time, stoppingToken);
            Interlocked.Increment(ref _runs);
            try { await next; }
            catch (OperationCanceledException) { return; }
        }
    }
}
