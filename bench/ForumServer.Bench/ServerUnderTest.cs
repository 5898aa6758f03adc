using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ForumServer.Bench;

/// <summary>The published Release server as its own process on 127.0.0.1, over the seeded data folder.</summary>
public sealed class ServerUnderTest : IDisposable
{
    private readonly Process _process;

    private ServerUnderTest(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }
    public int ProcessId => _process.Id;

    public static async Task<ServerUnderTest> StartAsync(string serverFolder, string dataFolder, IDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = serverFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(serverFolder, "ForumServer.dll"));
        info.Environment["Urls"] = url;
        info.Environment["Forum__BaseUrl"] = url;
        info.Environment["Storage__DataFolder"] = dataFolder;
        info.Environment["RateLimits__AccountPostsPerMinute"] = "100000";
        info.Environment["RateLimits__ForumPostsPerMinute"] = "100000";
        info.Environment["RateLimits__ForumPostsPerMemberPerMinute"] = "100000";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) info.Environment[k] = v;
        // BENCH_SERVER_Mail__BatchSize=500 and the like pass extra settings to the server for experiments.
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            if (e.Key is string key && key.StartsWith("BENCH_SERVER_", StringComparison.Ordinal))
                info.Environment[key["BENCH_SERVER_".Length..]] = e.Value as string;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); }; // warnings and errors only
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await http.GetAsync(url + "/")).IsSuccessStatusCode) return new ServerUnderTest(process, url);
            }
            catch (HttpRequestException) { }
            if (process.HasExited) throw new InvalidOperationException("The server exited during start.");
            await Task.Delay(100);
        }
        throw new TimeoutException("The server did not start within 60 s.");
    }

    /// <summary>CPU time the server process has used so far (user and system, all threads).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>
    /// CPU time of the runtime's background tier-1 compiler thread (".NET Tiered Com…" in /proc): while it is busy, the
    /// server still runs unoptimized or instrumented code and pays for compiling the rest.
    /// </summary>
    public TimeSpan TieringCpuTime()
    {
        var ticks = 0L;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered", StringComparison.Ordinal)) continue;
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11]) + long.Parse(fields[12]); // utime, stime (fields 14 and 15 of stat)
            }
            catch (IOException)
            {
                // the thread ended between listing and reading
            }
        }
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ
    }

    /// <summary>Working set of the server process now, in bytes.</summary>
    public long WorkingSet()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
