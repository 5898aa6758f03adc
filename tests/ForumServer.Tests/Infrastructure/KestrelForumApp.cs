using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ForumServer.Tests.Infrastructure;

/// <summary>
/// The app on a real Kestrel port on 127.0.0.1, for clients that need a socket: SignalR over WebSockets, Chromium.
/// Browsers from <see cref="NewBrowser"/> talk HTTP to that port, cookies included.
/// </summary>
public class KestrelForumApp : ForumApp
{
    private Uri? _address;

    public KestrelForumApp(Dictionary<string, string?>? settings = null) : base(settings) => UseKestrel(0);

    /// <summary>Where the server listens, e.g. http://127.0.0.1:41234. Starts it on first use.</summary>
    public Uri Address
    {
        get
        {
            if (_address is not null) return _address;
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return _address = new Uri(addresses.First());
        }
    }

    public Uri Url(string path) => new(Address, path);

    /// <summary>A browser whose connections come from the given loopback address (e.g. 127.0.0.2), as a distinct client would.</summary>
    public TestBrowser NewBrowserFrom(string localAddress)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new TestBrowser(new HttpClient(handler) { BaseAddress = Address });
    }

    public override TestBrowser NewBrowser()
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        return new TestBrowser(new HttpClient(handler) { BaseAddress = Address });
    }
}

/// <summary>The Kestrel app with the default test settings, as the class fixture of a class whose tests share it (see <see cref="SharedForumApp"/>).</summary>
public sealed class SharedKestrelForumApp : KestrelForumApp;
