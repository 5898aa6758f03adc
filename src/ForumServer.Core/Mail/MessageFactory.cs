using System.Net;
using MimeKit;

namespace ForumServer.Core.Mail;

/// <summary>Turns a stored outbox entry (and its shared content, if any) into a MIME message.</summary>
public static class MessageFactory
{
    public static MimeMessage Create(OutboundMessage stored, MailContent? content = null)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(stored.FromName, stored.FromAddress));
        message.To.Add(MailboxAddress.Parse(stored.To));
        message.Subject = stored.Subject;
        message.Date = stored.CreatedAt;
        message.MessageId = stored.MessageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId(MailboxAddress.Parse(stored.FromAddress).Domain);
        foreach (var (name, value) in stored.Headers)
            message.Headers.Add(name, value);

        var text = content?.TextBody ?? stored.TextBody;
        var html = content?.HtmlBody ?? stored.HtmlBody;
        foreach (var (name, value) in stored.Variables)
        {
            text = text.Replace("{{" + name + "}}", value, StringComparison.Ordinal);
            html = html?.Replace("{{" + name + "}}", WebUtility.HtmlEncode(value), StringComparison.Ordinal);
        }
        var body = new BodyBuilder { TextBody = text, HtmlBody = html };
        message.Body = body.ToMessageBody();
        return message;
    }
}
