namespace ForumServer.Core.Accounts;

public static class Roles
{
    public const string Member = "Member";
    public const string Moderator = "Moderator";
    public const string Administrator = "Administrator";

    /// <summary>Writes and sends mailing-list issues and sees subscriber addresses; granted by administrators.</summary>
    public const string ListManager = "ListManager";

    public static readonly IReadOnlyList<string> All = [Member, Moderator, Administrator, ListManager];
}
