namespace ForumServer.Core.Accounts;

/// <summary>Who is acting on the forum, as the forum needs to know them.</summary>
public sealed record Actor(string Id, string DisplayName, bool CanPost, bool IsModerator, bool IsAdministrator = false)
{
    /// <summary>A suspended member may not post, even in the moments before their session ends.</summary>
    public static Actor From(Member member, DateTimeOffset now) => new(
        member.Id,
        member.DisplayName,
        member.EmailConfirmed && !member.IsSuspended(now),
        member.IsInRole(Roles.Moderator) || member.IsInRole(Roles.Administrator),
        member.IsInRole(Roles.Administrator));
}
