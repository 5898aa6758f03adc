using ForumServer.Storage.PostgreSql;
using Npgsql;

namespace ForumServer.Core.Tests.Storage.PostgreSql;

public sealed class PgSchemaTests
{
    [PostgresFact]
    public async Task A_new_database_is_migrated_to_the_code_version_once_even_by_servers_starting_together()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();
        await using var second = NpgsqlDataSource.Create(schema.ConnectionString);
        await using var third = NpgsqlDataSource.Create(schema.ConnectionString);

        await Task.WhenAll(PgSchema.MigrateAsync(second), PgSchema.MigrateAsync(third), PgSchema.MigrateAsync(schema.Database.DataSource));

        await using var command = schema.Database.DataSource.CreateCommand("SELECT count(*), max(version) FROM schema_version");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((PgSchema.Migrations.Count, PgSchema.CodeVersion), ((int)reader.GetInt64(0), reader.GetInt32(1)));
    }

    [PostgresFact]
    public async Task A_migration_numbered_below_the_highest_applied_one_still_runs_once()
    {
        // Two branches each add a migration: a database that got the higher one first must still get the lower one.
        var server = TestPostgres.RequireConnectionString();
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using var admin = NpgsqlDataSource.Create(server);
        await using (var create = admin.CreateCommand($"CREATE SCHEMA {name}")) await create.ExecuteNonQueryAsync();
        try
        {
            await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { SearchPath = name }.ConnectionString);
            // The search migration stands alone (its own tables), as the higher of two branches' migrations would.
            var (lastVersion, lastName, lastSql) = PgSchema.Migrations.Single(m => m.Name.Contains("search", StringComparison.Ordinal));
            Assert.True(PgSchema.Migrations.Count > 1);
            await using (var setup = db.CreateCommand(
                "CREATE TABLE schema_version (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());" +
                lastSql + $";INSERT INTO schema_version (version, name) VALUES ({lastVersion}, '{lastName}')"))
                await setup.ExecuteNonQueryAsync();

            await PgSchema.MigrateAsync(db);
            await PgSchema.MigrateAsync(db);

            await using var versions = db.CreateCommand("SELECT array_agg(version ORDER BY version) FROM schema_version");
            Assert.Equal(PgSchema.Migrations.Select(m => m.Version).ToArray(), (int[])(await versions.ExecuteScalarAsync())!);
            await using var members = db.CreateCommand("SELECT count(*) FROM members");
            Assert.Equal(0L, await members.ExecuteScalarAsync());
        }
        finally
        {
            await using var drop = admin.CreateCommand($"DROP SCHEMA {name} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    [PostgresFact]
    public async Task A_database_with_a_newer_schema_is_refused_with_the_versions_named()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();
        var newer = PgSchema.CodeVersion + 1;
        await schema.Database.ExecuteAsync("INSERT INTO schema_version (version, name) VALUES ($1, 'from the future')", newer);

        var refused = await Assert.ThrowsAsync<SchemaTooNewException>(() => PgSchema.MigrateAsync(schema.Database.DataSource));

        Assert.Contains($"schema version {newer}, newer than this server's {PgSchema.CodeVersion}", refused.Message);
    }

    [PostgresFact]
    public async Task Hot_list_queries_read_an_index_in_order_without_sorting()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();
        // On empty tables the planner prefers a scan and a sort; forbid scans so the plan shows which index serves the order.
        await using var connection = await schema.Database.DataSource.OpenConnectionAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off; SET enable_bitmapscan = off", connection)) await off.ExecuteNonQueryAsync();

        foreach (var sql in new[]
        {
            "SELECT doc FROM posts WHERE topic_id = 1 AND number > 0 AND number <= 20 ORDER BY number",
            "SELECT doc FROM topics WHERE category_id = 1 AND NOT is_removed ORDER BY last_post_at DESC LIMIT 20",
            "SELECT doc FROM topics WHERE NOT is_removed ORDER BY last_post_at DESC LIMIT 20",
            "SELECT doc FROM outbox WHERE state = 'Pending' AND due_at <= now() ORDER BY due_at, id LIMIT 100",
            "SELECT doc FROM subscriptions WHERE list_id = 'announce' AND state = 'Confirmed' AND id > 0 ORDER BY id LIMIT 500",
            "SELECT doc FROM notifications WHERE member_id = 'm' ORDER BY id DESC OFFSET 0 LIMIT 20",
            "SELECT doc FROM notifications WHERE member_id = 'm' AND mail_state = 'Pending' ORDER BY id",
            "SELECT doc FROM read_positions WHERE member_id = 'm' ORDER BY at DESC LIMIT 20",
            "SELECT doc FROM reactions WHERE post_id = 1 ORDER BY created_at, id LIMIT 20",
            "SELECT doc FROM drafts WHERE member_id = 'm' ORDER BY updated_at DESC",
            "SELECT doc FROM topics WHERE author_id = 'm' AND NOT is_removed ORDER BY id DESC OFFSET 0 LIMIT 20",
            "SELECT doc FROM posts WHERE author_id = 'm' AND jsonb_typeof(doc->'Removal') IS DISTINCT FROM 'object' ORDER BY id DESC OFFSET 0 LIMIT 20",
        })
        {
            await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
            var plan = string.Join("\n", await ReadAllAsync(explain));
            Assert.Contains("Index", plan);
            // A plan node named Sort (or Incremental Sort) means the rows are sorted in memory, not read in order.
            Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex(@"(^|->\s+)(Incremental )?Sort\b", System.Text.RegularExpressions.RegexOptions.Multiline), plan);
        }
    }

    private static async Task<List<string>> ReadAllAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return lines;
    }
}
