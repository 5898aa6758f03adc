using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.SignalR;

namespace ForumServer.BrowserTests;

/// <summary>
/// Test hook on the server side of the hub: drops every live connection and, while closed, refuses new ones
/// (503 on /live), as a restarting server or a broken network would.
/// </summary>
public sealed class LiveGate : IHubFilter, IStartupFilter
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new();
    private volatile bool _closed;

    public int OpenConnections => _connections.Count;

    /// <summary>The transport each connection used, e.g. to see that the page's CSP lets WebSockets through.</summary>
    public ConcurrentQueue<HttpTransportType> Transports { get; } = new();

    public void Close()
    {
        _closed = true;
        // Cut the socket under the hub (like a network failure), rather than a hub close the client would respect.
        foreach (var connection in _connections.Values)
            if (connection.GetHttpContext() is { } http) http.Abort();
            else connection.Abort();
    }

    public void Open() => _closed = false;

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        _connections[context.Context.ConnectionId] = context.Context;
        if (context.Context.Features.Get<IHttpTransportFeature>() is { } transport) Transports.Enqueue(transport.TransportType);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _connections.TryRemove(context.Context.ConnectionId, out _);
        await next(context, exception);
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, rest) =>
        {
            if (_closed && http.Request.Path.StartsWithSegments("/live"))
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            await rest(http);
        });
        next(app);
    };
}
