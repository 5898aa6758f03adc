using System.Collections.Concurrent;
using ForumServer.Core.Mail;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ForumServer.Mail;

/// <summary>
/// Sends through an SMTP server with MailKit, keeping up to <c>connections</c> open connections and reusing them
/// for message after message. A 5xx reply is a <see cref="PermanentDeliveryException"/>; anything else is transient.
/// </summary>
public sealed class SmtpTransport(SmtpOptions options, int connections) : Core.Mail.IMailTransport, IAsyncDisposable
{
    private readonly ConcurrentBag<SmtpClient> _idle = [];
    private readonly SemaphoreSlim _slots = new(connections, connections);

    public async Task SendAsync(MimeMessage message, string envelopeFrom, string recipient, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            var (client, reused) = _idle.TryTake(out var idle) && idle.IsConnected ? (idle, true) : (await ConnectAsync(cancellationToken), false);
            try
            {
                await SendOnAsync(client, message, envelopeFrom, recipient, cancellationToken);
            }
            catch (Exception e) when (reused && e is ServiceNotConnectedException or IOException or SmtpProtocolException)
            {
                // The server closed the idle connection since its last use: one fresh try.
                client.Dispose();
                client = await ConnectAsync(cancellationToken);
                await SendOnAsync(client, message, envelopeFrom, recipient, cancellationToken);
            }
            finally
            {
                if (client.IsConnected) _idle.Add(client);
                else client.Dispose();
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private static async Task SendOnAsync(SmtpClient client, MimeMessage message, string envelopeFrom, string recipient, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendAsync(message, MailboxAddress.Parse(envelopeFrom), [MailboxAddress.Parse(recipient)], cancellationToken);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            throw new PermanentDeliveryException($"{(int)e.StatusCode} {e.Message}", e);
        }
        catch (SmtpProtocolException)
        {
            client.Dispose();
            throw;
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            var security = options.Security switch
            {
                "None" => SecureSocketOptions.None,
                "StartTls" => SecureSocketOptions.StartTls,
                "Tls" => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTlsWhenAvailable,
            };
            // Nagle off: a multi-segment DATA otherwise waits for the receiver's delayed ACK (about 40 ms a message).
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(options.Host, options.Port, cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            await client.ConnectAsync(socket, options.Host, options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
                await client.AuthenticateAsync(options.UserName, options.Password, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var client))
        {
            try { await client.DisconnectAsync(quit: true); } catch (Exception) { /* closing anyway */ }
            client.Dispose();
        }
    }
}
