namespace ForumServer.Core.Moderation;

public enum DeletionRequestState { Received, Confirmed, InProgress, Done, Rejected }

/// <summary>How the request reached the forum; inbound email will add requests with <see cref="Email"/>.</summary>
public enum DeletionRequestSource { MemberForm, VisitorForm, Email }

public enum DeletionScope { Account, Posts, Other }

/// <summary>Someone asks for their data to be deleted. It counts (and its legal deadline runs) from confirmation.</summary>
public sealed class DeletionRequest
{
    public const int MaxDescriptionLength = 4000;

    public int Id { get; set; }
    public DeletionRequestSource Source { get; set; }

    /// <summary>The requesting member when signed in; null for visitors and email.</summary>
    public string? MemberId { get; set; }

    /// <summary>Where decisions are sent.</summary>
    public string Email { get; set; } = "";
    public DeletionScope Scope { get; set; }
    public List<int> PostIds { get; set; } = [];
    public string Description { get; set; } = "";

    /// <summary>SHA-256 of the confirmation token mailed to a visitor; the token itself is never stored.</summary>
    public string? ConfirmationTokenHash { get; set; }

    public DeletionRequestState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? HandledById { get; set; }
    public string? RejectionReason { get; set; }

    /// <summary>The language the requester's emails are written in: the member's, or that of the request that filed it.</summary>
    public string Language { get; set; } = "";

    /// <summary>When retention blanked the requester's address and description of this closed request.</summary>
    public DateTimeOffset? PersonalDataPurgedAt { get; set; }

    /// <summary>In the moderation queue: confirmed and not yet decided.</summary>
    public bool IsOpen => State is DeletionRequestState.Confirmed or DeletionRequestState.InProgress;

    public bool IsOverdue(DateTimeOffset now) => IsOpen && DueAt is { } due && due < now;
}
