using ForumServer.Core.Common;
using ForumServer.Core.Lists;

namespace ForumServer.Core.Inbound;

public enum InboundAddressKind { Unknown, Contact, Unsubscribe, Bounce }

/// <summary>What a recipient address of inbound mail means to the site.</summary>
/// <param name="Token">The subscription token of an unsubscribe address.</param>
/// <param name="BouncedAddress">The original recipient named by a VERP bounce address whose token matches; null otherwise.</param>
public sealed record InboundRecipient(InboundAddressKind Kind, string Address, string? Token = null, string? BouncedAddress = null);

/// <summary>Recognises the site's own addresses: the contact address, <c>unsubscribe+TOKEN@</c> and <c>bounces+VERP@</c>.</summary>
public sealed class InboundAddresses(SiteOptions site, ListAddresses lists)
{
    private const string UnsubscribePrefix = "unsubscribe+";
    private const string BouncePrefix = "bounces+";

    public InboundRecipient Classify(string? address)
    {
        var trimmed = address?.Trim() ?? "";
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1) return new(InboundAddressKind.Unknown, trimmed);
        if (trimmed.Equals(site.ContactAddress.Trim(), StringComparison.OrdinalIgnoreCase)) return new(InboundAddressKind.Contact, trimmed);
        var local = trimmed[..at];
        if (!trimmed[(at + 1)..].Equals(lists.Domain, StringComparison.OrdinalIgnoreCase)) return new(InboundAddressKind.Unknown, trimmed);

        if (local.StartsWith(UnsubscribePrefix, StringComparison.OrdinalIgnoreCase))
        {
            // Tokens are base64url: case matters, so the local part is taken as sent.
            var token = local[UnsubscribePrefix.Length..];
            return ListTokens.LooksValid(token) ? new(InboundAddressKind.Unsubscribe, trimmed, Token: token) : new(InboundAddressKind.Unknown, trimmed);
        }
        if (local.StartsWith(BouncePrefix, StringComparison.OrdinalIgnoreCase))
        {
            // ListAddresses.BounceAddress wrote TAG-recipient with the recipient's '@' as the last '='.
            var encoded = local[BouncePrefix.Length..];
            var dash = encoded.IndexOf('-');
            var tag = dash > 0 ? encoded[..dash] : "";
            if (tag.Length > 0 && !tag.All(char.IsAsciiHexDigit)) tag = "";
            if (tag.Length > 0) encoded = encoded[(dash + 1)..];
            var eq = encoded.LastIndexOf('=');
            var recipient = eq <= 0 ? null : SubscriptionService.NormalizeEmail($"{encoded[..eq]}@{encoded[(eq + 1)..]}");
            if (recipient is null) return new(InboundAddressKind.Unknown, trimmed);
            // Without the right token (a forgery, or the untagged address of mail sent before tokens) the bounce is
            // taken in and ignored: it names no one.
            return lists.IsGenuineBounceTag(recipient, tag)
                ? new(InboundAddressKind.Bounce, trimmed, BouncedAddress: recipient.ToLowerInvariant())
                : new(InboundAddressKind.Bounce, trimmed);
        }
        return new(InboundAddressKind.Unknown, trimmed);
    }

    /// <summary>Mail the site sent itself (notices to the contact address) must not come back in as a request.</summary>
    public bool IsOwnSender(string address) =>
        address.Equals(site.ContactAddress, StringComparison.OrdinalIgnoreCase)
        || address.Equals(site.NoReplyAddress, StringComparison.OrdinalIgnoreCase)
        || address.EndsWith("@" + lists.Domain, StringComparison.OrdinalIgnoreCase) && Classify(address).Kind != InboundAddressKind.Unknown;
}
