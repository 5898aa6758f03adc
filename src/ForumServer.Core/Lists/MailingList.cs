namespace ForumServer.Core.Lists;

/// <summary>An announce-only mailing list: only list managers post; subscribers receive.</summary>
public sealed class MailingList
{
    /// <summary>The slug used in URLs and as the local part of the list address ("announce").</summary>
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public int SortOrder { get; set; }

    /// <summary>The lists a fresh install starts with.</summary>
    public static IReadOnlyList<MailingList> Defaults =>
    [
        new() { Id = "announce", Name = "Announce", SortOrder = 1, Description = "Software releases: one short message when a new version is out." },
        new() { Id = "news", Name = "News", SortOrder = 2, Description = "Company news and the occasional offer, a few times a year." },
    ];
}

public enum SubscriptionState { Pending, Confirmed, Unsubscribed }

/// <summary>One address on one list. The address is personal data: only list managers and administrators see it.</summary>
public sealed class Subscription
{
    /// <summary>Increasing, so a send can walk subscribers in order and resume from the last one enqueued.</summary>
    public long Id { get; set; }
    public string ListId { get; set; } = "";
    public string Email { get; set; } = "";

    /// <summary>"{ListId}:{lower-cased email}", unique.</summary>
    public string Key { get; set; } = "";
    public SubscriptionState State { get; set; }

    /// <summary>Unguessable, per recipient: it is the unsubscribe and preferences link. Never changes.</summary>
    public string Token { get; set; } = "";

    /// <summary>SHA-256 of the pending confirmation token; cleared once used so a link works only once.</summary>
    public string? ConfirmTokenHash { get; set; }
    public DateTimeOffset? ConfirmExpiresAt { get; set; }
    public DateTimeOffset? ConfirmationSentAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public DateTimeOffset? UnsubscribedAt { get; set; }

    /// <summary>The language of the page the address subscribed on; its confirmation and welcome are written in it.</summary>
    public string Language { get; set; } = "";

    public static string KeyFor(string listId, string email) => $"{listId}:{email.Trim().ToLowerInvariant()}";
}

public enum IssueState { Draft, Scheduled, Sending, Sent }

/// <summary>One message to a list: written in Markdown by a list manager, sent once to every confirmed subscriber.</summary>
public sealed class ListIssue
{
    public long Id { get; set; }
    public string ListId { get; set; } = "";
    public string Subject { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public IssueState State { get; set; }
    public string AuthorId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ScheduledAt { get; set; }

    /// <summary>When sending started; the archive date.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The last subscription id queued for this issue: a restarted send continues after it.</summary>
    public long EnqueuedThrough { get; set; }
    public int RecipientCount { get; set; }

    public string Batch => $"issue:{Id}";
    public bool IsPublished => State is IssueState.Sending or IssueState.Sent;
}
