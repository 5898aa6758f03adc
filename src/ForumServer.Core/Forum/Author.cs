using ForumServer.Core.Accounts;

namespace ForumServer.Core.Forum;

/// <summary>Who is acting on the forum, as the forum needs to know them.</summary>
public sealed record Actor(string Id, string DisplayName, bool CanPost, bool IsModerator)
{
    public static Actor From(Member member) => new(
        member.Id,
        member.DisplayName,
        member.EmailConfirmed,
        member.IsInRole(Roles.Moderator) || member.IsInRole(Roles.Administrator));
}
