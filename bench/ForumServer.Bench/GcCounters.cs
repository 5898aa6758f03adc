using System.Diagnostics;
using System.Globalization;

namespace ForumServer.Bench;

/// <summary>
/// Counts the server's gen-2 collections during a run with dotnet-counters (`dotnet tool install -g dotnet-counters`),
/// reading its CSV output: the runtime's <c>dotnet.gc.collections</c> meter (gen2 tag) or the older
/// <c>gen-2-gc-count</c> event counter, whichever the runtime reports.
/// </summary>
public sealed class GcCounters : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly string _file;
    private readonly DateTime _started = DateTime.UtcNow;

    private GcCounters(Process? process, string file) => (_process, _file) = (process, file);

    public static async Task<GcCounters> StartAsync(int processId)
    {
        var file = Path.Combine(Path.GetTempPath(), $"forum-bench-counters-{processId}-{Environment.TickCount64}.csv");
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-counters");
        if (!File.Exists(tool)) return new GcCounters(null, file);
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in new[] { "collect", "-p", processId.ToString(), "--counters", "System.Runtime", "--format", "csv", "-o", file, "--refresh-interval", "1" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Task.Delay(1500); // the session attaches before the measured run starts
        return new GcCounters(process, file);
    }

    /// <summary>Stops collecting; returns gen-2 collections per second over the collection, or null if unknown.</summary>
    public async Task<double?> StopAsync()
    {
        if (_process is null) return null;
        var seconds = (DateTime.UtcNow - _started).TotalSeconds;
        try { await _process.StandardInput.WriteAsync("q"); } catch (IOException) { }
        if (!_process.WaitForExit(5000)) _process.Kill();
        if (!File.Exists(_file)) return null;
        double total = 0;
        var seen = false;
        foreach (var line in await File.ReadAllLinesAsync(_file))
        {
            var cells = line.Split(',');
            if (cells.Length < 5) continue;
            var name = cells[2];
            var gen2 = name.Contains("gen-2-gc-count", StringComparison.OrdinalIgnoreCase)
                || (name.Contains("dotnet.gc.collections", StringComparison.Ordinal) && name.Contains("gen2", StringComparison.Ordinal));
            if (!gen2 || !double.TryParse(cells[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) continue;
            total += value;
            seen = true;
        }
        return seen ? total / seconds : null;
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill();
        _process?.Dispose();
        if (Environment.GetEnvironmentVariable("BENCH_KEEP_COUNTERS") is not { Length: > 0 })
            try { File.Delete(_file); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
