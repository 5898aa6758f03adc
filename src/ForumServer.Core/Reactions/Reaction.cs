namespace ForumServer.Core.Reactions;

/// <summary>One member's "like" of one post; the id makes it one per member and post.</summary>
public sealed class Reaction
{
    public string Id { get; set; } = "";
    public int PostId { get; set; }
    public int TopicId { get; set; }
    public string MemberId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    public static string IdOf(int postId, string memberId) => $"{postId}:{memberId}";
}

/// <summary>Where reactions live. Adding is atomic: a second like by the same member is refused by the id.</summary>
public interface IReactionStore
{
    /// <summary>False when the member already likes the post.</summary>
    Task<bool> TryAddAsync(Reaction reaction);
    Task<bool> RemoveAsync(int postId, string memberId);
    Task<int> CountOfPostAsync(int postId);
    Task<int> CountOfTopicAsync(int topicId);

    /// <summary>Counts per post for the given posts (posts without reactions are left out).</summary>
    Task<IReadOnlyDictionary<int, int>> CountOfPostsAsync(IReadOnlyCollection<int> postIds);

    /// <summary>Which of the given posts the member likes.</summary>
    Task<IReadOnlySet<int>> LikedByAsync(string memberId, IReadOnlyCollection<int> postIds);

    /// <summary>Who liked a post, oldest first, at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<Reaction>> ListOfPostAsync(int postId, int take);
    Task<IReadOnlyList<Reaction>> ListOfMemberAsync(string memberId);
    Task RemoveAllOfMemberAsync(string memberId);
}
