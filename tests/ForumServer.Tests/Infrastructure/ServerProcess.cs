using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ForumServer.Tests.Infrastructure;

/// <summary>The built server run as its own OS process, as an operator runs it.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output { get { lock (_output) return _output.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public static ServerProcess Start(string dataFolder, string baseUrl, params string[] args) => Start(dataFolder, baseUrl, null, args);

    /// <summary>Starts the server with extra settings as environment variables (e.g. <c>Mail__Transport</c>).</summary>
    public static ServerProcess Start(string dataFolder, string baseUrl, IReadOnlyDictionary<string, string>? settings, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ForumServer.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["Storage__DataFolder"] = dataFolder;
        info.Environment["Forum__BaseUrl"] = baseUrl;
        info.Environment["Urls"] = baseUrl;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key.Replace(":", "__")] = value;
        return new ServerProcess(Process.Start(info)!);
    }

    public static string FreeLocalUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return $"http://127.0.0.1:{port}";
    }

    /// <summary>SIGKILL: the process gets no chance to flush, finish requests or release anything.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); return true; }
        catch (OperationCanceledException) { return false; }
    }

    public Task<string> WaitForOutputAsync(string text, TimeSpan timeout) =>
        Eventually.ValueAsync(() =>
        {
            if (Output.Contains(text, StringComparison.Ordinal)) return Output;
            if (HasExited) throw new TimeoutException($"'{text}' did not appear before the server exited. Output:\n{Output}");
            return null;
        }, timeout, () => $"'{text}' did not appear. Output so far:\n{Output}");

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
