using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace ForumServer.Tests.Live;

/// <summary>A SignalR client on the forum hub that keeps every message it receives, as raw JSON.</summary>
public sealed class LiveListener : IAsyncDisposable
{
    public static readonly string[] Methods =
        ["PostCreated", "PostEdited", "PostRemoved", "TopicCreated", "TopicActivity", "TopicLocked", "TopicRemoved"];

    private readonly ConcurrentQueue<Received> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public sealed record Received(string Method, JsonElement Message)
    {
        public int Int(string name) => Message.GetProperty(name).GetInt32();
        public string Text(string name) => Message.GetProperty(name).GetString()!;
        public override string ToString() => $"{Method} {Message.GetRawText()}";
    }

    private LiveListener(HubConnection connection)
    {
        Connection = connection;
        foreach (var method in Methods)
            connection.On<JsonElement>(method, message =>
            {
                _received.Enqueue(new Received(method, message.Clone()));
                _arrived.Release();
            });
    }

    public HubConnection Connection { get; }

    public IReadOnlyList<Received> All => _received.ToArray();

    public static async Task<LiveListener> ConnectAsync(Uri server)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(server, "/live")).Build();
        var listener = new LiveListener(connection);
        await connection.StartAsync();
        return listener;
    }

    /// <summary>Waits until a message matching <paramref name="match"/> has arrived, and returns it.</summary>
    public async Task<Received> WaitForAsync(string method, Func<Received, bool>? match = null, int timeoutMs = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var found = _received.FirstOrDefault(r => r.Method == method && (match?.Invoke(r) ?? true));
            if (found is not null) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                throw new TimeoutException($"No {method} arrived. Received: {string.Join(" | ", All)}");
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
