using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

namespace ForumServer.Bench;

/// <summary>Many idle SignalR clients watching one topic: memory per connection and delivery fan-out.</summary>
public sealed class LiveFanOut : IAsyncDisposable
{
    private readonly List<HubConnection> _clients = [];
    private long[][] _arrivals = [];
    private int[] _seen = [];

    public int Count => _clients.Count;

    /// <summary>Connects clients until there are <paramref name="total"/>, each watching <paramref name="topicId"/>.</summary>
    public async Task GrowAsync(string baseUrl, int topicId, int total, int replies)
    {
        var start = _clients.Count;
        var added = new HubConnection[total - start];
        await Parallel.ForAsync(0, added.Length, new ParallelOptions { MaxDegreeOfParallelism = 50 }, async (i, ct) =>
        {
            var connection = new HubConnectionBuilder().WithUrl(baseUrl + "/live").Build();
            var index = start + i;
            connection.On<System.Text.Json.JsonElement>("PostCreated", _ =>
            {
                var k = Interlocked.Increment(ref _seen[index]) - 1;
                if (k < _arrivals.Length) _arrivals[k][index] = Stopwatch.GetTimestamp();
            });
            await connection.StartAsync(ct);
            await connection.InvokeAsync("WatchTopic", topicId, ct);
            added[i] = connection;
        });
        _clients.AddRange(added);
        _seen = new int[_clients.Count];
        _arrivals = Enumerable.Range(0, replies).Select(_ => new long[_clients.Count]).ToArray();
    }

    /// <summary>Posts replies one at a time and returns, per reply, ms from the POST to the last client receiving it.</summary>
    public async Task<List<double>> MeasureAsync(MemberSession poster, int topicId, int replies)
    {
        Array.Clear(_seen);
        var lastArrivalMs = new List<double>();
        for (var k = 0; k < replies; k++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await poster.ReplyAsync(topicId, $"Fan-out reply {k}: the quick brown fox jumps over the lazy dog.");
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (_seen.Any(n => n <= k) && DateTime.UtcNow < deadline) await Task.Delay(2);
            var missing = _seen.Count(n => n <= k);
            if (missing > 0) throw new InvalidOperationException($"{missing} clients did not receive reply {k}.");
            lastArrivalMs.Add(Stopwatch.GetElapsedTime(t0, _arrivals[k].Max()).TotalMilliseconds);
            await Task.Delay(100);
        }
        return lastArrivalMs;
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_clients, new ParallelOptions { MaxDegreeOfParallelism = 50 }, async (c, _) => await c.DisposeAsync());
        _clients.Clear();
    }
}
