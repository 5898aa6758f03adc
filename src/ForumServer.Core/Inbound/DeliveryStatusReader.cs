using MimeKit;

namespace ForumServer.Core.Inbound;

/// <summary>One recipient's block of an RFC 3464 delivery status notification.</summary>
public sealed record RecipientStatus(string Recipient, string Action, string Status, string Diagnostic)
{
    /// <summary>A failure the receiving side calls permanent (status class 5).</summary>
    public bool IsPermanentFailure => Action.Equals("failed", StringComparison.OrdinalIgnoreCase) && Status.StartsWith("5.", StringComparison.Ordinal);
}

/// <summary>Reads delivery status notifications and tells automatic replies apart.</summary>
public static class DeliveryStatusReader
{
    /// <summary>The per-recipient blocks when the message is a DSN (multipart/report; report-type=delivery-status); otherwise none.</summary>
    public static IReadOnlyList<RecipientStatus> Read(MimeMessage message)
    {
        var report = message.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault()
            ?? (message.Body as MultipartReport)?.OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (report is null) return [];
        // The first group is about the whole message; each following group is one recipient.
        return report.StatusGroups.Skip(1).Select(group => new RecipientStatus(
            AddressOf(group["Final-Recipient"] ?? group["Original-Recipient"]),
            group["Action"]?.Trim() ?? "",
            (group["Status"] ?? "").Trim().Split(' ', 2)[0],
            group["Diagnostic-Code"]?.Trim() ?? "")).ToList();
    }

    /// <summary>RFC 3834: anything but <c>Auto-Submitted: no</c> was sent by a program (vacation, auto-reply, list).</summary>
    public static bool IsAutoSubmitted(MimeMessage message)
    {
        var value = message.Headers["Auto-Submitted"]?.Trim();
        if (!string.IsNullOrEmpty(value)) return !value.Split(';', 2)[0].Trim().Equals("no", StringComparison.OrdinalIgnoreCase);
        // Widespread older markers of vacation replies.
        return message.Headers.Contains("X-Autoreply") || message.Headers.Contains("X-Autorespond")
            || (message.Headers["Precedence"]?.Trim().ToLowerInvariant() is "auto_reply" or "bulk" or "junk");
    }

    private static string AddressOf(string? field)
    {
        // "rfc822; alice@example.org"
        var value = field?.Trim() ?? "";
        var semicolon = value.IndexOf(';');
        return (semicolon >= 0 ? value[(semicolon + 1)..] : value).Trim().Trim('<', '>').ToLowerInvariant();
    }
}
