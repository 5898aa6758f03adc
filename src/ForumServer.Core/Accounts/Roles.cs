namespace ForumServer.Core.Accounts;

public static class Roles
{
    public const string Member = "Member";
    public const string Moderator = "Moderator";
    public const string Administrator = "Administrator";

    public static readonly IReadOnlyList<string> All = [Member, Moderator, Administrator];
}
