using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace ForumServer.Mail.Inbound;

/// <summary>
/// Accepts at most <c>maxConnections</c> sessions at once and turns Nagle off (with the default listener each
/// reply waits for a delayed ACK, about 45 ms). Reports the bound endpoint, so port 0 can be used.
/// </summary>
internal sealed class LimitedNoDelayListenerFactory(int maxConnections, Action<IPEndPoint> bound) : IEndpointListenerFactory
{
    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        bound((IPEndPoint)listener.LocalEndpoint);
        return new Listener(listener, new SemaphoreSlim(maxConnections, maxConnections));
    }

    private sealed class Listener(TcpListener listener, SemaphoreSlim slots) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                client.NoDelay = true;
                context.Properties[EndpointListener.LocalEndPointKey] = client.Client.LocalEndPoint!;
                context.Properties[EndpointListener.RemoteEndPointKey] = client.Client.RemoteEndPoint!;
                return new StreamPipe(client, slots);
            }
            catch
            {
                slots.Release();
                throw;
            }
        }

        public void Dispose() => listener.Stop();
    }

    private sealed class StreamPipe : ISecurableDuplexPipe
    {
        private readonly TcpClient _client;
        private readonly SemaphoreSlim _slots;
        private Stream _stream;
        private int _disposed;

        public StreamPipe(TcpClient client, SemaphoreSlim slots)
        {
            _client = client;
            _slots = slots;
            _stream = client.GetStream();
            Input = PipeReader.Create(_stream);
            Output = PipeWriter.Create(_stream);
        }

        public PipeReader Input { get; private set; }
        public PipeWriter Output { get; private set; }
        public bool IsSecure => _stream is SslStream;
        public SslProtocols SslProtocol => (_stream as SslStream)?.SslProtocol ?? SslProtocols.None;

        public async Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default)
        {
            var ssl = new SslStream(_stream, leaveInnerStreamOpen: true);
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate, EnabledSslProtocols = protocols }, cancellationToken);
            _stream = ssl;
            Input = PipeReader.Create(ssl);
            Output = PipeWriter.Create(ssl);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            _stream.Dispose();
            _client.Dispose();
            _slots.Release();
        }
    }
}
