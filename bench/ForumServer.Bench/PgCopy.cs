using System.Diagnostics;
using Npgsql;

namespace ForumServer.Bench;

/// <summary>
/// A fresh PostgreSQL database (on the server <c>FORUM_TEST_POSTGRES</c> names, which .ci/services.sh sets) holding a
/// copy of the seeded LiteDB data folder, made by the published server's own <c>storage copy --to-postgresql</c>, so
/// the PostgreSQL server serves the same forum as the LiteDB one. Dropped at dispose.
/// </summary>
public sealed class PgCopy : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    private PgCopy(string server, string name, string connectionString)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PgCopy> CreateAsync(string serverFolder, string liteDataFolder)
    {
        var server = Environment.GetEnvironmentVariable(ScaleOutSend.Variable) is { Length: > 0 } s ? s
            : throw new InvalidOperationException($"--storage=postgresql needs {ScaleOutSend.Variable} (an Npgsql connection string; `. .ci/services.sh` starts a server and sets it).");
        var name = "forum_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = NpgsqlDataSource.Create(server))
            await admin.CreateCommand($"CREATE DATABASE {name}").ExecuteNonQueryAsync();
        var copy = new PgCopy(server, name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = serverFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(serverFolder, "ForumServer.dll"), "storage", "copy", "--to-postgresql", copy.ConnectionString })
            info.ArgumentList.Add(a);
        info.Environment["Storage__DataFolder"] = liteDataFolder;
        info.Environment["Forum__BaseUrl"] = "http://127.0.0.1";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            await copy.DisposeAsync();
            throw new InvalidOperationException($"storage copy failed ({process.ExitCode}): {await output}{await errors}");
        }
        Console.WriteLine($"  copied into PostgreSQL database {name} in {sw.Elapsed.TotalSeconds:0.0} s");
        return copy;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(_server);
        await admin.CreateCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)").ExecuteNonQueryAsync();
    }
}
