using ForumServer.Storage.PostgreSql;
using Npgsql;

namespace ForumServer.Core.Tests.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL server the tests may use, from <c>FORUM_TEST_POSTGRES</c> (an Npgsql connection string; .ci/run
/// starts a throwaway cluster and sets it). Without it the PostgreSQL tests are skipped, saying why.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "FORUM_TEST_POSTGRES";

    public static readonly string SkipReason =
        $"{Variable} is not set: give it an Npgsql connection string to a PostgreSQL server where tests may create " +
        "schemas and databases (.ci/services.sh starts one).";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    /// <summary>A test already running skips itself (xunit's dynamic skip) when the server is not configured.</summary>
    public static string RequireConnectionString() =>
        ConnectionString ?? throw new InvalidOperationException("$XunitDynamicSkip$" + SkipReason);

    /// <summary>A fresh, migrated schema of its own on the test server; dropped when disposed.</summary>
    public static async Task<TestSchema> CreateSchemaAsync()
    {
        var server = RequireConnectionString();
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var admin = NpgsqlDataSource.Create(server))
        await using (var command = admin.CreateCommand($"CREATE SCHEMA {name}"))
            await command.ExecuteNonQueryAsync();
        var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = name };
        var database = PgDatabase.Create(builder.ConnectionString);
        await PgSchema.MigrateAsync(database.DataSource);
        return new TestSchema(server, name, builder.ConnectionString, database);
    }

    /// <summary>A fresh, empty database of its own on the test server (for whole servers); dropped when disposed.</summary>
    public static async Task<TestDatabaseName> CreateDatabaseAsync()
    {
        var server = RequireConnectionString();
        var name = "forum_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = NpgsqlDataSource.Create(server))
        await using (var command = admin.CreateCommand($"CREATE DATABASE {name}"))
            await command.ExecuteNonQueryAsync();
        return new TestDatabaseName(server, name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }
}

public sealed class TestSchema(string server, string name, string connectionString, PgDatabase database) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;
    public PgDatabase Database { get; } = database;

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await using var admin = NpgsqlDataSource.Create(server);
        await using var command = admin.CreateCommand($"DROP SCHEMA {name} CASCADE");
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class TestDatabaseName(string server, string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;
    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(server);
        await using var command = admin.CreateCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A fact that needs the PostgreSQL test server; skipped with the reason when it is not configured.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestPostgres.ConnectionString is null) Skip = TestPostgres.SkipReason;
    }
}
