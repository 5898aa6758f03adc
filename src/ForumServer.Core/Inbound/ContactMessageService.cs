using System.Net;
using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Mail;
using ForumServer.Core.Moderation;

namespace ForumServer.Core.Inbound;

/// <summary>Keeps contact mail for the moderation queue and sends moderators' answers.</summary>
public sealed class ContactMessageService(IContactMessageStore store, Outbox outbox, AuditLog audit, SiteOptions site, TimeProvider time)
{
    public async Task<ContactMessage> ReceiveAsync(string fromAddress, string? fromName, string? subject, string? text, int droppedAttachments, string? messageId)
    {
        var message = new ContactMessage
        {
            FromAddress = fromAddress,
            FromName = Clip(fromName?.Trim() ?? "", 200),
            Subject = Clip(string.IsNullOrWhiteSpace(subject) ? "(no subject)" : subject.Trim(), ContactMessage.MaxSubjectLength),
            Text = Clip(text?.Trim() ?? "", ContactMessage.MaxTextLength),
            DroppedAttachments = droppedAttachments,
            MessageId = messageId,
            ReceivedAt = time.GetUtcNow(),
        };
        await store.AddAsync(message);
        return message;
    }

    public Task<IReadOnlyList<ContactMessage>> ListOpenAsync(int take = 200) => store.ListOpenAsync(take);

    public async Task<OperationResult<ContactMessage>> GetAsync(Actor actor, int id)
    {
        if (!actor.IsModerator) return OperationResult<ContactMessage>.Denied();
        return await store.GetAsync(id) is { } message ? OperationResult<ContactMessage>.Ok(message) : OperationResult<ContactMessage>.Missing();
    }

    /// <summary>Mails the answer to the sender from the contact address (so their reply comes back here) and closes the message.</summary>
    public async Task<OperationResult<ContactMessage>> AnswerAsync(Actor actor, int id, string? answer)
    {
        if (!actor.IsModerator) return OperationResult<ContactMessage>.Denied();
        var text = answer?.Trim() ?? "";
        if (text.Length == 0) return OperationResult<ContactMessage>.Invalid(new FieldError("Answer", "Write an answer before sending."));
        if (text.Length > ContactMessage.MaxAnswerLength)
            return OperationResult<ContactMessage>.Invalid(FieldError.Of("Answer", "The answer must be at most {0} characters.", ContactMessage.MaxAnswerLength));
        var message = await store.GetAsync(id);
        if (message is null) return OperationResult<ContactMessage>.Missing();
        if (!message.IsOpen) return OperationResult<ContactMessage>.Invalid(new FieldError("Answer", "This message was already answered or closed."));

        var outgoing = new OutboundMessage
        {
            DedupKey = $"contact:{message.Id}:answer",
            FromAddress = site.ContactAddress,
            FromName = site.SiteName,
            To = message.FromAddress,
            Subject = message.Subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? message.Subject : "Re: " + message.Subject,
            TextBody = text,
            HtmlBody = string.Join("", text.Replace("\r\n", "\n").Split("\n\n").Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>")),
        };
        if (message.MessageId is { Length: > 0 } original)
        {
            outgoing.Headers["In-Reply-To"] = $"<{original}>";
            outgoing.Headers["References"] = $"<{original}>";
        }
        message.Answer = text;
        await CloseAsync(actor, message, "contact.answer");
        await outbox.EnqueueAsync(outgoing);
        return OperationResult<ContactMessage>.Ok(message);
    }

    /// <summary>Closes a message that needs no answer (spam, thanks).</summary>
    public async Task<OperationResult<ContactMessage>> DismissAsync(Actor actor, int id)
    {
        if (!actor.IsModerator) return OperationResult<ContactMessage>.Denied();
        var message = await store.GetAsync(id);
        if (message is null) return OperationResult<ContactMessage>.Missing();
        if (message.IsOpen) await CloseAsync(actor, message, "contact.dismiss");
        return OperationResult<ContactMessage>.Ok(message);
    }

    private async Task CloseAsync(Actor actor, ContactMessage message, string action)
    {
        message.ClosedAt = time.GetUtcNow();
        message.ClosedById = actor.Id;
        await store.UpdateAsync(message);
        await audit.RecordAsync(actor.Id, action, "contact", message.Id.ToString(), null);
    }

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}
