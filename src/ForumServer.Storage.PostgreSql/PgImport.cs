using Npgsql;
using NpgsqlTypes;

namespace ForumServer.Storage.PostgreSql;

/// <summary>
/// Bulk copy into an empty database (<c>storage copy --to-postgresql</c>): rows keep their ids, go in with binary
/// COPY inside one transaction, and the id sequences continue after the highest copied id.
/// </summary>
public sealed class PgImport(PgDatabase db)
{
    public static readonly string[] Tables =
    [
        "members", "categories", "topics", "posts", "outbox", "mail_contents", "mail_bounces", "mailing_lists", "subscriptions",
        "list_issues", "flags", "deletion_requests", "audit", "media", "contact_messages", "settings", "dataprotection_keys",
        "watches", "read_positions", "notifications", "notification_preferences", "profiles", "reactions", "drafts",
    ];

    private static readonly string[] SerialTables =
        ["categories", "topics", "posts", "outbox", "subscriptions", "list_issues", "flags", "deletion_requests", "audit", "contact_messages", "notifications"];

    /// <summary>A record for a jsonb column.</summary>
    public readonly record struct Json(string Text)
    {
        public static Json Of<T>(T value) => new(PgDatabase.ToJson(value));
    }

    /// <summary>Tables (of <see cref="Tables"/>) that hold rows already.</summary>
    public async Task<IReadOnlyList<string>> NonEmptyTablesAsync()
    {
        var found = new List<string>();
        foreach (var table in Tables)
            if (await db.ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM {table})")) found.Add(table);
        return found;
    }

    /// <summary>Copies every table's rows in one transaction; returns the count per table.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CopyAsync(IEnumerable<(string Table, string Columns, IEnumerable<object?[]> Rows)> tables)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var counts = new Dictionary<string, int>();
        foreach (var (table, columns, rows) in tables)
        {
            var count = 0;
            await using (var writer = await connection.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var row in rows)
                {
                    await writer.StartRowAsync();
                    foreach (var value in row) await WriteAsync(writer, value);
                    count++;
                }
                await writer.CompleteAsync();
            }
            counts[table] = count;
        }
        foreach (var table in SerialTables)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table}", connection, tx);
            await command.ExecuteScalarAsync();
        }
        await tx.CommitAsync();
        return counts;
    }

    private static Task WriteAsync(NpgsqlBinaryImporter writer, object? value) => value switch
    {
        null => writer.WriteNullAsync(),
        int i => writer.WriteAsync(i, NpgsqlDbType.Integer),
        long l => writer.WriteAsync(l, NpgsqlDbType.Bigint),
        bool b => writer.WriteAsync(b, NpgsqlDbType.Boolean),
        string s => writer.WriteAsync(s, NpgsqlDbType.Text),
        string[] a => writer.WriteAsync(a, NpgsqlDbType.Array | NpgsqlDbType.Text),
        DateTimeOffset d => writer.WriteAsync(d.ToUniversalTime(), NpgsqlDbType.TimestampTz),
        Enum e => writer.WriteAsync(e.ToString(), NpgsqlDbType.Text),
        Json j => writer.WriteAsync(j.Text, NpgsqlDbType.Jsonb),
        _ => throw new ArgumentException($"No column type for {value.GetType().Name}."),
    };
}
