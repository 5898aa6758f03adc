using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ForumServer.Bench;

public sealed record LoadResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors);

/// <summary>Runs wrk (Debian package) against one URL and reads its summary.</summary>
public static partial class Wrk
{
    /// <summary>
    /// <paramref name="paths"/>: request these paths (below <paramref name="url"/>) in turn instead of the one URL, through a
    /// small wrk Lua script, so a cache in front of the work cannot answer every request.
    /// </summary>
    public static async Task<LoadResult> RunAsync(string url, int connections, int seconds, string? cookie = null, int threads = 2,
        IReadOnlyList<string>? paths = null)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-t", threads.ToString(), "-c", connections.ToString(), "-d", $"{seconds}s", "--latency" }) info.ArgumentList.Add(a);
        string? script = null;
        if (paths is { Count: > 0 })
        {
            script = Path.Combine(Path.GetTempPath(), $"forumserver-wrk-{Guid.NewGuid():N}.lua");
            var list = string.Join(",\n", paths.Select(p => "\"" + p.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""));
            await File.WriteAllTextAsync(script,
                $"local paths = {{\n{list}\n}}\nlocal i = math.random(#paths)\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n");
            info.ArgumentList.Add("-s");
            info.ArgumentList.Add(script);
        }
        if (cookie is not null) { info.ArgumentList.Add("-H"); info.ArgumentList.Add($"Cookie: {cookie}"); }
        info.ArgumentList.Add(url);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (script is not null) File.Delete(script);
        var rps = double.Parse(Rps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = long.Parse(Total().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = NonOk().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new LoadResult(rps, Percentile(output, "50%"), Percentile(output, "99%"), requests, non2xx);
    }

    private static double Percentile(string output, string label)
    {
        var m = Regex.Match(output, @"^\s*" + Regex.Escape(label) + @"\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")] private static partial Regex Rps();
    [GeneratedRegex(@"(\d+) requests in")] private static partial Regex Total();
    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")] private static partial Regex NonOk();
}
