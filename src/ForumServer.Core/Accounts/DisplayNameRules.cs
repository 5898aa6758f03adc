namespace ForumServer.Core.Accounts;

/// <summary>What a public display name may look like.</summary>
public static class DisplayNameRules
{
    public const int MinLength = 2;
    public const int MaxLength = 32;

    /// <summary>Returns an error message, or null when the name is acceptable.</summary>
    public static string? Check(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length < MinLength)
            return $"Display name must be at least {MinLength} characters.";
        if (trimmed.Length > MaxLength)
            return $"Display name must be at most {MaxLength} characters.";
        if (trimmed.Any(c => char.IsControl(c) || c is '<' or '>' or '@'))
            return "Display name may not contain control characters, '<', '>' or '@'.";
        return null;
    }
}
