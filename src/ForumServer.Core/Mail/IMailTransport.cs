using MimeKit;

namespace ForumServer.Core.Mail;

/// <summary>Hands a finished message to the next hop (SMTP server or pickup folder).</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, string envelopeFrom, string recipient, CancellationToken cancellationToken);
}

/// <summary>Thrown by a transport when the receiving side refused for good (5xx): retrying will not help.</summary>
public sealed class PermanentDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
