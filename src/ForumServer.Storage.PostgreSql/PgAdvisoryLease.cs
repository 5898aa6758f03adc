using Npgsql;

namespace ForumServer.Storage.PostgreSql;

/// <summary>
/// A PostgreSQL session advisory lock held on a connection of its own: while this server holds it no other server
/// does. The server that dies (even by SIGKILL) drops its connection and PostgreSQL frees the lock at once.
/// </summary>
public sealed class PgAdvisoryLease : IAsyncDisposable
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(2);
    private readonly NpgsqlConnection _connection;

    private PgAdvisoryLease(NpgsqlConnection connection) => _connection = connection;

    /// <summary>A stable 64-bit key for a name (the lock space is shared by every ForumServer on the database).</summary>
    public static long KeyFor(string name)
    {
        // FNV-1a: stable across processes and releases, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes("ForumServer:" + name)) hash = (hash ^ b) * 1099511628211UL;
        return unchecked((long)hash);
    }

    /// <summary>Waits until this server holds the lock named <paramref name="name"/>.</summary>
    public static async Task<PgAdvisoryLease> AcquireAsync(PgDatabase db, string name, CancellationToken cancellationToken)
    {
        var key = KeyFor(name);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            NpgsqlConnection? connection = null;
            try
            {
                // Not from the pool: the lock lives as long as this one session.
                var builder = new NpgsqlConnectionStringBuilder(db.DataSource.ConnectionString) { Pooling = false, KeepAlive = 5 };
                connection = new NpgsqlConnection(builder.ConnectionString) { };
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = key } } };
                if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!) return new PgAdvisoryLease(connection);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // The database is unreachable for now; keep trying.
            }
            if (connection is not null) await connection.DisposeAsync();
            await Task.Delay(RetryEvery, cancellationToken);
        }
    }

    /// <summary>Completes when the lock's session is lost (the database went away) or <paramref name="cancellationToken"/> fires.</summary>
    public async Task WaitUntilLostAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(CheckEvery, cancellationToken);
                await using var command = new NpgsqlCommand("SELECT 1", _connection);
                await command.ExecuteScalarAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                return;
            }
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync(); // closing the session releases the lock
}
