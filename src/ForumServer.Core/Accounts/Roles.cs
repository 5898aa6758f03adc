namespace ForumServer.Core.Accounts;

public static class Roles
{
    public const string Member = "Member";
    public const string Moderator = "Moderator";
    public const string Administrator = "Administrator";

    /// <summary>Writes and sends mailing-list issues and sees subscriber addresses; granted by administrators.</summary>
    public const string ListManager = "ListManager";

    public static readonly IReadOnlyList<string> All = [Member, Moderator, Administrator, ListManager];

    /// <summary>
    /// The role a name given to the user store means. Identity hands stores role names through the same lookup
    /// normalizer as display names, which here is the confusables skeleton ("Administrator" arrives as
    /// "admlnlstrator"), so a role is matched by its plain name or by its skeleton.
    /// </summary>
    public static string Canonical(string name) =>
        All.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase) || DisplayNameRules.Skeleton(r) == name) ?? name;
}
