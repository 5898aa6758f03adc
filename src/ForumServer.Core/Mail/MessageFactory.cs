using MimeKit;

namespace ForumServer.Core.Mail;

/// <summary>Turns a stored outbox entry into a MIME message.</summary>
public static class MessageFactory
{
    public static MimeMessage Create(OutboundMessage stored)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(stored.FromName, stored.FromAddress));
        message.To.Add(MailboxAddress.Parse(stored.To));
        message.Subject = stored.Subject;
        message.Date = stored.CreatedAt;
        message.MessageId = stored.MessageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId(MailboxAddress.Parse(stored.FromAddress).Domain);
        foreach (var (name, value) in stored.Headers)
            message.Headers.Add(name, value);

        var body = new BodyBuilder { TextBody = stored.TextBody, HtmlBody = stored.HtmlBody };
        message.Body = body.ToMessageBody();
        return message;
    }
}
