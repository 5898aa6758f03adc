using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ForumServer.Storage.PostgreSql;

/// <summary>
/// Listens on PostgreSQL channels (<c>LISTEN</c>) and runs a callback per notification, so work queued on one server
/// wakes the worker of the server that runs it (outbox, list issues) at once rather than at its next poll.
/// </summary>
public sealed class PgNotificationListener(PgDatabase db, IReadOnlyDictionary<string, Action> channels, ILogger<PgNotificationListener> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(db.DataSource.ConnectionString) { Pooling = false, KeepAlive = 5 };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (channels.TryGetValue(e.Channel, out var wake)) wake();
                };
                foreach (var channel in channels.Keys)
                {
                    await using var listen = new NpgsqlCommand($"LISTEN {channel}", connection);
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                // Something may have been queued before LISTEN took effect.
                foreach (var wake in channels.Values) wake();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
            {
                logger.LogWarning(e, "Lost the PostgreSQL notification connection; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
