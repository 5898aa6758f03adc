using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace ForumServer.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL database of the forum. Each row keeps the columns its queries filter and sort on (each with an
/// index) beside the whole record as <c>jsonb</c>, so a model gaining a field needs no migration.
/// </summary>
public sealed class PgDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        IgnoreReadOnlyProperties = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public NpgsqlDataSource DataSource { get; } = dataSource;

    public static PgDatabase Create(string connectionString) => new(NpgsqlDataSource.Create(WithForumDefaults(connectionString)));

    /// <summary>
    /// Pool settings for many short statements, unless the connection string sets them: no <c>DISCARD ALL</c> each
    /// time a connection goes back to the pool (no statement here leaves session state behind; advisory locks and
    /// LISTEN use connections of their own, outside the pool), and statements run often are prepared once per
    /// connection instead of parsed and planned on every call. A signed-in topic page runs about a dozen statements.
    /// </summary>
    public static string WithForumDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // The keys as written (either spelling), not Npgsql's view of them, which knows every key.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Given(params string[] keys) => keys.Any(given.ContainsKey);
        if (!Given("No Reset On Close", "NoResetOnClose")) builder.NoResetOnClose = true;
        if (!Given("Max Auto Prepare", "MaxAutoPrepare")) builder.MaxAutoPrepare = 64;
        if (!Given("Auto Prepare Min Usages", "AutoPrepareMinUsages")) builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

    internal static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    internal static T FromJson<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)
        ?? throw new InvalidDataException($"A stored {typeof(T).Name} is empty.");

    /// <summary>A record as a jsonb parameter.</summary>
    internal static NpgsqlParameter Doc<T>(T value) where T : class =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(value, Json) };

    /// <summary>
    /// Fields to merge into a stored record with <c>doc || $n</c>, given as an anonymous object (whose properties
    /// are read-only, so they are written with options that keep them).
    /// </summary>
    internal static NpgsqlParameter Patch(object fields) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(fields, fields.GetType(), PatchJson) };

    private static readonly JsonSerializerOptions PatchJson = new() { Converters = { new JsonStringEnumConverter() } };

    internal static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object?[] args, NpgsqlTransaction? tx = null)
    {
        var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var arg in args) command.Parameters.Add(Parameter(arg));
        return command;
    }

    private static NpgsqlParameter Parameter(object? arg) => arg switch
    {
        NpgsqlParameter p => p,
        null => new NpgsqlParameter { Value = DBNull.Value },
        // timestamptz takes UTC only.
        DateTimeOffset d => new NpgsqlParameter { Value = d.ToUniversalTime() },
        Enum e => new NpgsqlParameter { Value = e.ToString() },
        _ => new NpgsqlParameter { Value = arg },
    };

    public async Task<int> ExecuteAsync(string sql, params object?[] args)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var command = Command(connection, sql, args);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object?[] args)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var command = Command(connection, sql, args);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T));
    }

    /// <summary>Records from a query whose first column is the record's jsonb.</summary>
    public async Task<List<T>> ListAsync<T>(string sql, params object?[] args)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await ListAsync<T>(connection, null, sql, args);
    }

    /// <summary>Plain values from a query (ids, counts), one per row, read by <paramref name="read"/>.</summary>
    public async Task<List<T>> RowsAsync<T>(Func<NpgsqlDataReader, T> read, string sql, params object?[] args)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var command = Command(connection, sql, args);
        await using var reader = await command.ExecuteReaderAsync();
        var results = new List<T>();
        while (await reader.ReadAsync()) results.Add(read(reader));
        return results;
    }

    public async Task<T?> FindAsync<T>(string sql, params object?[] args) where T : class =>
        (await ListAsync<T>(sql, args)).FirstOrDefault();

    internal static async Task<List<T>> ListAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params object?[] args)
    {
        await using var command = Command(connection, sql, args, tx);
        await using var reader = await command.ExecuteReaderAsync();
        var results = new List<T>();
        while (await reader.ReadAsync()) results.Add(FromJson<T>(reader.GetString(0)));
        return results;
    }

    internal static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, params object?[] args)
    {
        await using var command = Command(connection, sql, args, tx);
        return await command.ExecuteNonQueryAsync();
    }

    internal static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, params object?[] args)
    {
        await using var command = Command(connection, sql, args, tx);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction: all of it is stored, or none.</summary>
    public async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var result = await work(connection, tx);
        await tx.CommitAsync();
        return result;
    }

    public Task InTransactionAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task> work) =>
        InTransactionAsync<int>(async (c, t) => { await work(c, t); return 0; });

    internal static bool IsUniqueViolation(Exception e) => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
