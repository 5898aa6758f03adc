namespace ForumServer.Core.Mail;

public enum OutboxState { Pending, Sent, Failed }

/// <summary>One email to one recipient, stored before it is sent and marked sent once a server accepted it.</summary>
public sealed class OutboundMessage
{
    public long Id { get; set; }

    /// <summary>Unique per logical message (for example "issue:42:alice@example.org"), so it is queued at most once.</summary>
    public string DedupKey { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>Sent because someone filled in a form (not a list issue or a moderator's answer): limited per recipient.</summary>
    public bool OnDemand { get; set; }
    public string FromAddress { get; set; } = "";
    public string FromName { get; set; } = "";
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string? HtmlBody { get; set; }

    /// <summary>
    /// Bodies shared by many recipients (a list issue) are stored once as <see cref="MailContent"/>; each message
    /// names it here and fills its <c>{{name}}</c> placeholders from <see cref="Variables"/>.
    /// </summary>
    public string? ContentId { get; set; }
    public Dictionary<string, string> Variables { get; set; } = [];

    /// <summary>Extra headers (List-Id, List-Unsubscribe, ...).</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>
    /// Sent even to an address marked bouncing: a confirmation the person just asked for (its link, once followed,
    /// clears the mark). Everything else is skipped for a bouncing address.
    /// </summary>
    public bool DespiteBouncing { get; set; }

    /// <summary>SMTP envelope sender; defaults to the From address.</summary>
    public string? EnvelopeFrom { get; set; }
    public string? MessageId { get; set; }

    /// <summary>Groups the messages of one send (for example "issue:42") so its progress can be counted.</summary>
    public string? Batch { get; set; }

    /// <summary>"{Batch}|{State}", kept by the store so batch progress is counted from an index.</summary>
    public string? BatchState { get; set; }

    public OutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>The sender (one per server process) that claimed it last: once sent, the one that sent it.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Set while claimed: until then no other sender gets it; afterwards it is due again if still pending.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}

/// <summary>A body stored once and shared by every message that names it.</summary>
public sealed class MailContent
{
    public string Id { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string? HtmlBody { get; set; }
}

/// <summary>How far a batch of messages has got.</summary>
public sealed record BatchProgress(int Pending, int Sent, int Failed)
{
    public int Total => Pending + Sent + Failed;
    public bool Done => Pending == 0;
}
