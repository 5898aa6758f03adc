namespace ForumServer.Core.Accounts;

/// <summary>A registered person. The email address is private: only the member and administrators see it.</summary>
public sealed class Member
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>The public display name; unique ignoring case. ASP.NET Core Identity knows it as the user name.</summary>
    public string DisplayName { get; set; } = "";
    public string NormalizedDisplayName { get; set; } = "";

    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public bool EmailConfirmed { get; set; }

    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public DateTimeOffset? LockoutEnd { get; set; }
    public bool LockoutEnabled { get; set; } = true;
    public int AccessFailedCount { get; set; }

    public List<string> Roles { get; set; } = [];

    /// <summary>UI language (en, it, de); empty means follow the browser.</summary>
    public string Language { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Only the last access is kept, overwritten each time.</summary>
    public string? LastAccessIp { get; set; }
    public DateTimeOffset? LastAccessAt { get; set; }

    /// <summary>Set while a moderator has suspended the member.</summary>
    public Suspension? Suspension { get; set; }

    /// <summary>Set from the moment the account's removal starts until the record itself is deleted.</summary>
    public PendingErasure? Erasure { get; set; }

    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.OrdinalIgnoreCase);

    /// <summary>An account whose removal has started counts as suspended: it can neither sign in nor post.</summary>
    public bool IsSuspended(DateTimeOffset now) => Erasure is not null || Suspension is { } s && (s.Until is null || s.Until > now);
}

/// <summary>
/// A started account removal, kept on the member record so that one interrupted half-way is finished on the next
/// start (see <c>AccountEraser.ResumePendingAsync</c>) with what was asked for the first time.
/// </summary>
public sealed class PendingErasure
{
    public bool DeleteContent { get; set; }
    public string ActorId { get; set; } = "";
    public string? Reason { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A suspended member can neither sign in nor post; <see cref="Until"/> null means indefinitely.</summary>
public sealed class Suspension
{
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? Until { get; set; }
}
