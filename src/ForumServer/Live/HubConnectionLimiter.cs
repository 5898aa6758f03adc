using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ForumServer.Live;

/// <summary>Counts open hub connections per client address, so one address cannot hold thousands of them.</summary>
public sealed class HubConnectionLimiter(IOptions<LiveOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    public int Limit => options.Value.MaxConnectionsPerAddress;

    /// <summary>Takes a slot for <paramref name="address"/>; false (and nothing taken) when it has <see cref="Limit"/> already.</summary>
    public bool TryOpen(string address)
    {
        while (true)
        {
            var count = _open.GetOrAdd(address, 0);
            if (count >= Limit) return false;
            if (_open.TryUpdate(address, count + 1, count)) return true;
        }
    }

    public void Close(string address)
    {
        while (_open.TryGetValue(address, out var count))
        {
            if (count <= 1 ? _open.TryRemove(new KeyValuePair<string, int>(address, count)) : _open.TryUpdate(address, count - 1, count)) return;
        }
    }
}
