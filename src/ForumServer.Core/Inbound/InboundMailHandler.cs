using AngleSharp.Html.Parser;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Core.Moderation;
using MimeKit;

namespace ForumServer.Core.Inbound;

public enum InboundOutcomeKind { ContactMessage, DeletionRequest, Unsubscribed, BounceCounted, Ignored, Refused }

/// <summary>What became of a message for one recipient; <see cref="InboundOutcomeKind.Refused"/> carries the reason for the SMTP answer.</summary>
public sealed record InboundOutcome(InboundOutcomeKind Kind, string Detail)
{
    public static InboundOutcome Ignore(string why) => new(InboundOutcomeKind.Ignored, why);
}

/// <summary>Permanent failures (from the outbox or from DSNs) after which an address is marked bouncing.</summary>
public sealed record BounceThreshold(int BouncingAfter);

/// <summary>
/// Acts on one received message for each of the site's addresses it was sent to: contact mail becomes a
/// contact message or an (unconfirmed) deletion request, unsubscribe mail unsubscribes, DSNs count bounces.
/// </summary>
public sealed class InboundMailHandler(
    InboundAddresses addresses,
    ContactMessageService contacts,
    DeletionRequestService deletionRequests,
    SubscriptionService subscriptions,
    IBounceStore bounces,
    BounceThreshold threshold,
    TimeProvider time)
{
    /// <summary>Whether RCPT TO may name this address: one of the site's own, and for unsubscribe a token that exists.</summary>
    public async Task<bool> AcceptsRecipientAsync(string address)
    {
        var recipient = addresses.Classify(address);
        return recipient.Kind switch
        {
            InboundAddressKind.Contact or InboundAddressKind.Bounce => true,
            InboundAddressKind.Unsubscribe => await subscriptions.FindByTokenAsync(recipient.Token) is not null,
            _ => false,
        };
    }

    public async Task<IReadOnlyList<InboundOutcome>> HandleAsync(IReadOnlyList<string> recipients, MimeMessage message)
    {
        var outcomes = new List<InboundOutcome>();
        foreach (var recipient in recipients.Select(addresses.Classify).DistinctBy(r => r.Address.ToLowerInvariant()))
            outcomes.Add(recipient.Kind switch
            {
                InboundAddressKind.Contact => await ContactAsync(message),
                InboundAddressKind.Unsubscribe => await UnsubscribeAsync(recipient.Token!),
                InboundAddressKind.Bounce => recipient.BouncedAddress is null
                    ? InboundOutcome.Ignore("bounce address without a valid token")
                    : await BounceAsync(recipient.BouncedAddress, message),
                _ => new InboundOutcome(InboundOutcomeKind.Refused, $"{recipient.Address} is not an address of this site."),
            });
        return outcomes;
    }

    private async Task<InboundOutcome> ContactAsync(MimeMessage message)
    {
        var from = message.From.Mailboxes.FirstOrDefault();
        var address = SubscriptionService.NormalizeEmail(from?.Address);
        if (address is null) return new(InboundOutcomeKind.Refused, "The message has no valid From address to answer.");
        if (addresses.IsOwnSender(address)) return InboundOutcome.Ignore("mail the site sent itself");
        // RFC 3834: no automatic answer (such as a confirmation link) to a message a program sent.
        if (DeliveryStatusReader.IsAutoSubmitted(message)) return InboundOutcome.Ignore("automatic reply");

        var subject = message.Subject?.Trim() ?? "";
        var text = ReadableText(message);
        if (RemovalRequestDetector.AsksForRemoval(subject, text))
        {
            var description = string.Join("\n\n", new[] { subject, text }.Where(s => s.Length > 0));
            if (description.Length > DeletionRequest.MaxDescriptionLength) description = description[..DeletionRequest.MaxDescriptionLength];
            var filed = await deletionRequests.FileFromEmailAsync(address, description);
            return filed.Succeeded
                ? new(InboundOutcomeKind.DeletionRequest, $"deletion request #{filed.Value!.Id}, waiting for confirmation")
                : new(InboundOutcomeKind.Refused, string.Join(" ", filed.Errors.Select(e => e.Message)));
        }
        var stored = await contacts.ReceiveAsync(address, from!.Name, subject, text, message.Attachments.Count(), message.MessageId);
        return new(InboundOutcomeKind.ContactMessage, $"contact message #{stored.Id}");
    }

    private async Task<InboundOutcome> UnsubscribeAsync(string token)
    {
        var result = await subscriptions.UnsubscribeAsync(token);
        return result.Succeeded
            ? new(InboundOutcomeKind.Unsubscribed, $"unsubscribed from {result.Value!.Id}")
            : new(InboundOutcomeKind.Refused, "This unsubscribe address is not known.");
    }

    private async Task<InboundOutcome> BounceAsync(string bouncedAddress, MimeMessage message)
    {
        // Vacation and out-of-office replies reach the bounce address too, but are not DSNs: they never count.
        var failure = DeliveryStatusReader.Read(message).FirstOrDefault(s => s.IsPermanentFailure);
        if (failure is null) return InboundOutcome.Ignore("not a permanent delivery failure");
        var bouncing = await bounces.RecordPermanentFailureAsync(bouncedAddress, $"DSN {failure.Status} {failure.Diagnostic}".Trim(), threshold.BouncingAfter, time.GetUtcNow());
        return new(InboundOutcomeKind.BounceCounted, bouncing ? "permanent failure counted; address now bouncing" : "permanent failure counted");
    }

    private static string ReadableText(MimeMessage message)
    {
        if (message.TextBody is { } text) return text.Trim();
        if (message.HtmlBody is { } html) return new HtmlParser().ParseDocument(html).Body?.TextContent.Trim() ?? "";
        return "";
    }
}
