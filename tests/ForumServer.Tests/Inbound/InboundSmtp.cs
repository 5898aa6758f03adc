using System.Net;
using System.Net.Sockets;
using System.Text;
using ForumServer.Mail.Inbound;
using ForumServer.Tests.Infrastructure;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ForumServer.Tests.Inbound;

/// <summary>Talks SMTP to the app's inbound listener on 127.0.0.1 (MailKit, or raw lines for what MailKit will not send).</summary>
public static class InboundSmtp
{
    public const string ContactAddress = "forum@forum.test";

    public static Dictionary<string, string?> Settings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["InboundMail:Enabled"] = "true",
            ["InboundMail:Address"] = "127.0.0.1",
            ["InboundMail:Port"] = "0",
            ["InboundMail:ServerName"] = "mx.forum.test",
            ["Forum:ContactAddress"] = ContactAddress,
        };
        foreach (var (k, v) in more ?? []) settings[k] = v;
        return settings;
    }

    public static async Task<IPEndPoint> EndpointAsync(this ForumApp app) =>
        await app.Service<InboundMailListener>().Listening.WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Sends through a fresh MailKit connection; SMTP refusals surface as <see cref="SmtpCommandException"/>.</summary>
    public static async Task SendAsync(this ForumApp app, MimeMessage message, string? to = null, string sender = "sender@example.net")
    {
        var endpoint = await app.EndpointAsync();
        using var client = new SmtpClient();
        await client.ConnectAsync(endpoint.Address.ToString(), endpoint.Port, SecureSocketOptions.None);
        var recipients = to is null ? message.To.Mailboxes : [new MailboxAddress("", to)];
        await client.SendAsync(message, new MailboxAddress("", sender), recipients);
        await client.DisconnectAsync(true);
    }

    public static MimeMessage Letter(string from, string to, string subject, string text, params (string Name, byte[] Content)[] attachments)
    {
        var body = new BodyBuilder { TextBody = text };
        foreach (var (name, content) in attachments) body.Attachments.Add(name, content);
        var message = new MimeMessage { Subject = subject, Body = body.ToMessageBody() };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.net");
        return message;
    }

    /// <summary>A raw SMTP session, line by line, reading each reply (multi-line replies joined).</summary>
    public sealed class RawSession : IAsyncDisposable
    {
        private readonly TcpClient _client = new();
        private StreamReader _reader = null!;
        private Stream _stream = null!;

        public static async Task<RawSession> OpenAsync(IPEndPoint endpoint)
        {
            var session = new RawSession();
            await session._client.ConnectAsync(endpoint);
            session._stream = session._client.GetStream();
            session._reader = new StreamReader(session._stream, Encoding.ASCII);
            await session.ReadReplyAsync();
            return session;
        }

        public async Task<string> SendAsync(string line)
        {
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
            return await ReadReplyAsync();
        }

        private async Task<string> ReadReplyAsync()
        {
            var reply = new StringBuilder();
            while (await _reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)) is { } line)
            {
                reply.AppendLine(line);
                if (line.Length < 4 || line[3] != '-') break;
            }
            return reply.ToString().TrimEnd();
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await Task.CompletedTask;
        }
    }
}
