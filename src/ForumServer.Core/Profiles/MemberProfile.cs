namespace ForumServer.Core.Profiles;

/// <summary>What a member chose for their public profile: avatar and whether their activity list shows.</summary>
public sealed class MemberProfile
{
    /// <summary>The member's id.</summary>
    public string Id { get; set; } = "";

    public bool HideActivity { get; set; }

    /// <summary>Grows with each upload so the stored files and their URLs change; 0 means the generated default.</summary>
    public int AvatarVersion { get; set; }
    public string AvatarContentType { get; set; } = "";
    public DateTimeOffset? AvatarAt { get; set; }

    public bool HasAvatar => AvatarVersion > 0;
}

/// <summary>The three stored avatar sizes, in pixels.</summary>
public static class AvatarSizes
{
    public const int Small = 48;
    public const int Medium = 96;
    public const int Large = 256;
    public static readonly IReadOnlyList<int> All = [Small, Medium, Large];

    public static int? Parse(string? name) => name switch { "s" => Small, "m" => Medium, "l" => Large, _ => null };
}

/// <summary>One entry of a member's public activity list.</summary>
public sealed record ActivityPost(int PostId, int TopicId, int Number, DateTimeOffset CreatedAt, string Html);
