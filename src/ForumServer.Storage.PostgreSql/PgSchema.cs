using System.Reflection;
using Npgsql;

namespace ForumServer.Storage.PostgreSql;

/// <summary>
/// Creates and migrates the schema: ordered scripts embedded as <c>Migrations/NNNN_name.sql</c>, each applied once in
/// its own transaction and recorded in <c>schema_version</c>. Servers starting together take turns (advisory lock).
/// </summary>
public static class PgSchema
{
    private const long MigrationLockKey = 0x466f72756d4d6967; // "ForumMig"

    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = LoadMigrations();

    public static int CodeVersion => Migrations[^1].Version;

    /// <summary>Brings the database to <see cref="CodeVersion"/>; refuses a database newer than the code.</summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Run(connection, null, "SELECT pg_advisory_lock($1)", MigrationLockKey);
        try
        {
            await Run(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            var applied = new HashSet<int>();
            await using (var command = new NpgsqlCommand("SELECT version FROM schema_version", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetInt32(0));
            var current = applied.Count == 0 ? 0 : applied.Max();
            if (current > CodeVersion)
                throw new SchemaTooNewException(
                    $"The PostgreSQL database has schema version {current}, newer than this server's {CodeVersion}. " +
                    "Run the newer ForumServer release that wrote it, or restore a backup made for this release.");
            // By version, not "above the highest applied": a migration merged with a lower number than one already
            // applied (two branches each adding one: 0002 after 0003 was applied) still runs, once, in order.
            foreach (var (version, name, sql) in Migrations.Where(m => !applied.Contains(m.Version)))
            {
                await using var tx = await connection.BeginTransactionAsync(cancellationToken);
                await Run(connection, tx, sql);
                await Run(connection, tx, "INSERT INTO schema_version (version, name) VALUES ($1, $2)", version, name);
                await tx.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await Run(connection, null, "SELECT pg_advisory_unlock($1)", MigrationLockKey);
        }
    }

    private static async Task Run(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params object[] args)
    {
        await using var command = PgDatabase.Command(connection, sql, args, tx);
        await command.ExecuteNonQueryAsync();
    }

    private static List<(int, string, string)> LoadMigrations()
    {
        var assembly = typeof(PgSchema).Assembly;
        var list = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Migrations.", StringComparison.Ordinal)))
        {
            var name = resource["Migrations.".Length..^".sql".Length];
            var version = int.Parse(name[..name.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            list.Add((version, name, reader.ReadToEnd()));
        }
        var duplicate = list.GroupBy(m => m.Item1).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two migrations share number {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Item2))}. Renumber one.");
        return list.OrderBy(m => m.Item1).ToList();
    }
}

public sealed class SchemaTooNewException(string message) : Exception(message);
