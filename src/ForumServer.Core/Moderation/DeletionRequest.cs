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

    /// <summary>
    /// Who asks for what, while the request is open (null otherwise): no two open requests share it, so asking again
    /// gives the open one. See <see cref="DeletionRequestKeys.OpenKey"/>.
    /// </summary>
    public string? OpenKey { get; set; }

    /// <summary>When retention blanked the requester's address and description of this closed request.</summary>
    public DateTimeOffset? PersonalDataPurgedAt { get; set; }

    /// <summary>In the moderation queue: confirmed and not yet decided.</summary>
    public bool IsOpen => State is DeletionRequestState.Confirmed or DeletionRequestState.InProgress;

    public bool IsOverdue(DateTimeOffset now) => IsOpen && DueAt is { } due && due < now;
}

/// <summary>The outcome of filing or confirming: the request now open, and whether it was open already.</summary>
public sealed record FiledRequest(DeletionRequest Request, bool AlreadyOpen);

/// <summary>Told after a deletion request changes state (notifications put it on the member's bell).</summary>
public interface IDeletionRequestObserver
{
    Task DeletionRequestChangedAsync(DeletionRequest request);
}

public static class DeletionRequestKeys
{
    /// <summary>
    /// A member's request is the same when it names the same scope and posts; a visitor's (or an emailed one) when it
    /// comes from the same address (case and +tag aside) with the same description (case and spacing aside).
    /// </summary>
    public static string OpenKey(DeletionRequest request)
    {
        if (request.MemberId is { } memberId)
            return $"member:{memberId}|{request.Scope}|{string.Join(',', request.PostIds.Distinct().Order())}";
        var description = string.Join(' ', request.Description.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        var digest = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(description)));
        return $"email:{Mail.RecipientMailLimiter.Normalize(request.Email)}|{digest}";
    }
}
