using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ForumServer.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package) that keeps what it receives. Its listener turns
/// Nagle off: with the default listener each pipelined message waits for a delayed ACK (about 45 ms).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private CancellationTokenSource? _stop;
    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    public SmtpSink(int? port = null) => Port = port ?? FreePort();

    public int Port { get; }
    public ConcurrentQueue<Received> Messages { get; } = new();

    /// <summary>
    /// Once this many messages are stored, further messages are held at the end of DATA without a reply (as a
    /// stalled server would) and never stored; <see cref="Release"/> answers them 451. Null accepts everything.
    /// </summary>
    public int? HoldAfter { get; set; }

    /// <summary>Messages currently held at the end of DATA.</summary>
    public int Holding => Volatile.Read(ref _holding);

    private int _holding;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Stops holding: held messages are refused with 451 (unstored), later ones are accepted.</summary>
    public void Release()
    {
        HoldAfter = null;
        _released.TrySetResult();
    }

    /// <summary>Recipients refused with 550 at RCPT TO.</summary>
    public ConcurrentDictionary<string, bool> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string?> AppSettings(int connections = 2) => new()
    {
        ["Mail:Transport"] = "Smtp",
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = Port.ToString(),
        ["Mail:Smtp:Security"] = "None",
        ["Mail:Connections"] = connections.ToString(),
        ["Mail:RetryDelay"] = "00:00:00.200",
        ["Mail:MaxRetryDelay"] = "00:00:01",
    };

    public SmtpSink Start()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("sink.test").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        services.Add(new ForumServer.Mail.Inbound.LimitedNoDelayListenerFactory(int.MaxValue, _ => { })); // the server's own Nagle-off listener
        _server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);
        return this;
    }

    public async Task StopAsync()
    {
        if (_stop is null) return;
        await _stop.CancelAsync();
        try { await _running!; } catch (OperationCanceledException) { }
        _stop.Dispose();
        _stop = null;
    }

    public IReadOnlyList<Received> To(string address) =>
        Messages.Where(m => m.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase)).ToList();

    public Task<Received> WaitForAsync(string address, string subjectContains, int alreadySeen = 0, int seconds = 15) =>
        Eventually.ValueAsync(() =>
        {
            var found = To(address).Where(m => (m.Message.Subject ?? "").Contains(subjectContains, StringComparison.OrdinalIgnoreCase)).ToList();
            return found.Count > alreadySeen ? found[^1] : null;
        }, TimeSpan.FromSeconds(seconds),
            () => $"No mail to {address} with '{subjectContains}'. Seen: {string.Join("; ", Messages.Take(20).Select(m => string.Join(",", m.Recipients)))}");

    public Task WaitForCountAsync(int count, int seconds) =>
        Eventually.UntilAsync(() => Messages.Count >= count, TimeSpan.FromSeconds(seconds), () => $"Only {Messages.Count} of {count} messages arrived.");

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>One accepted message; parsed only when a test looks at it, so a fast send stays fast.</summary>
    public sealed class Received(string envelopeFrom, IReadOnlyList<string> recipients, byte[] raw)
    {
        private readonly Lazy<MimeMessage> _message = new(() => MimeMessage.Load(new MemoryStream(raw)));
        public string EnvelopeFrom { get; } = envelopeFrom;
        public IReadOnlyList<string> Recipients { get; } = recipients;
        public byte[] Raw { get; } = raw;
        public MimeMessage Message => _message.Value;
    }

    private sealed class Store(SmtpSink sink) : IMessageStore
    {
        public async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (sink.HoldAfter is { } limit && sink.Messages.Count >= limit)
            {
                Interlocked.Increment(ref sink._holding);
                try { await sink._released.Task.WaitAsync(cancellationToken); }
                finally { Interlocked.Decrement(ref sink._holding); }
                return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "4.3.0 Held message released unstored");
            }
            sink.Messages.Enqueue(new Received(transaction.From.AsAddress(), transaction.To.Select(t => t.AsAddress()).ToList(), buffer.ToArray()));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(SmtpSink sink) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!sink.Refused.ContainsKey(to.AsAddress()));
    }
}
