namespace ForumServer.Core.Drafts;

/// <summary>A reply or new topic in progress, kept per member and place ("t12" a topic, "c3" a category).</summary>
public sealed class Draft
{
    public const int MaxTitleLength = 200;
    public const int MaxPerMember = 100;

    public string Id { get; set; } = "";
    public string MemberId { get; set; } = "";
    public string Key { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    public static string IdOf(string memberId, string key) => $"{memberId}:{key}";

    public static string TopicKey(int topicId) => $"t{topicId}";
    public static string CategoryKey(int categoryId) => $"c{categoryId}";

    /// <summary>Only keys the composer makes: "t" or "c" and a positive number.</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: >= 2 and <= 12 } && key[0] is 't' or 'c' && int.TryParse(key.AsSpan(1), System.Globalization.NumberStyles.None, null, out var id) && id > 0;
}

public interface IDraftStore
{
    Task<Draft?> GetAsync(string memberId, string key);

    /// <summary>Stores the draft; when the member has more than <see cref="Draft.MaxPerMember"/>, the oldest go.</summary>
    Task SaveAsync(Draft draft);
    Task DeleteAsync(string memberId, string key);
    Task<IReadOnlyList<Draft>> ListOfMemberAsync(string memberId);
    Task DeleteAllOfMemberAsync(string memberId);
}
