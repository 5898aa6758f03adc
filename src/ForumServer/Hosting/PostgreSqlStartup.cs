using ForumServer.Storage.PostgreSql;
using Npgsql;

namespace ForumServer.Hosting;

/// <summary>Opens and migrates the PostgreSQL database at start-up, turning every failure into one sentence for the operator.</summary>
public static class PostgreSqlStartup
{
    public static bool TryOpen(string connectionString, out PgDatabase? database, out string problem)
    {
        database = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            problem = "Storage:Provider is PostgreSql but Storage:PostgreSql:ConnectionString is empty. Set it to an Npgsql " +
                "connection string, for example Host=127.0.0.1;Database=forum;Username=forum;Password=...";
            return false;
        }
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            problem = $"Storage:PostgreSql:ConnectionString is not a valid Npgsql connection string: {e.Message}";
            return false;
        }
        var where = $"database '{parsed.Database}' on {parsed.Host}:{parsed.Port} as '{parsed.Username}'";
        var candidate = PgDatabase.Create(connectionString);
        try
        {
            PgSchema.MigrateAsync(candidate.DataSource).GetAwaiter().GetResult();
            database = candidate;
            problem = "";
            return true;
        }
        catch (SchemaTooNewException e)
        {
            problem = $"Cannot use the PostgreSQL {where}: {e.Message}";
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            problem = $"Cannot reach the PostgreSQL {where} (Storage:PostgreSql:ConnectionString): {Reason(e)}";
        }
        candidate.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return false;
    }

    private static string Reason(Exception e) => e is PostgresException pg ? $"{pg.SqlState} {pg.MessageText}" : e.InnerException?.Message ?? e.Message;
}
