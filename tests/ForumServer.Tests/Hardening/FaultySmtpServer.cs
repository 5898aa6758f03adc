using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ForumServer.Tests.Hardening;

public enum SmtpFault { Greeting421, Data451, DropMidData }

/// <summary>
/// A deliberately broken SMTP server on 127.0.0.1, speaking just enough SMTP to fail in one way: 421 at the
/// greeting, 451 after the message data, or closing the connection halfway through the data. Stores nothing.
/// </summary>
public sealed class FaultySmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _sessions;
    private int _dataStarted;

    public FaultySmtpServer(int port, SmtpFault fault)
    {
        Fault = fault;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public SmtpFault Fault { get; }
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>Times a client got as far as sending message data.</summary>
    public int DataStarted => Volatile.Read(ref _dataStarted);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            Interlocked.Increment(ref _sessions);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
            async Task Say(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), _stop.Token);
            if (Fault == SmtpFault.Greeting421)
            {
                await Say("421 4.3.2 fault.test is not available now, closing connection");
                return;
            }
            await Say("220 fault.test ESMTP");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO": await Say("250 fault.test"); break;
                    case "QUIT": await Say("221 2.0.0 Bye"); return;
                    case "DATA":
                        await Say("354 End data with <CR><LF>.<CR><LF>");
                        Interlocked.Increment(ref _dataStarted);
                        if (Fault == SmtpFault.DropMidData)
                        {
                            await reader.ReadLineAsync(_stop.Token); // the first header line, then the line goes dead
                            client.Client.Close(0);
                            return;
                        }
                        while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".") { }
                        await Say("451 4.3.0 fault.test cannot take mail now, try again later");
                        break;
                    default: await Say("250 2.0.0 Ok"); break;
                }
            }
        }
        catch (Exception)
        {
            // A client hanging up is what these faults are about.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; } catch (Exception) { }
        _stop.Dispose();
    }
}
