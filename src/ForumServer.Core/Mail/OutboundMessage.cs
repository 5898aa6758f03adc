namespace ForumServer.Core.Mail;

public enum OutboxState { Pending, Sent, Failed }

/// <summary>One email to one recipient, stored before it is sent and marked sent once a server accepted it.</summary>
public sealed class OutboundMessage
{
    public long Id { get; set; }

    /// <summary>Unique per logical message (for example "issue:42:alice@example.org"), so it is queued at most once.</summary>
    public string DedupKey { get; set; } = Guid.NewGuid().ToString("N");
    public string FromAddress { get; set; } = "";
    public string FromName { get; set; } = "";
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string? HtmlBody { get; set; }

    /// <summary>Extra headers (List-Id, List-Unsubscribe, ...).</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>SMTP envelope sender; defaults to the From address.</summary>
    public string? EnvelopeFrom { get; set; }
    public string? MessageId { get; set; }

    public OutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}
