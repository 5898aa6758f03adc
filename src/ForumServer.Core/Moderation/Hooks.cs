namespace ForumServer.Core.Moderation;

/// <summary>
/// Lets other features (media, mailing lists) remove what they keep for posts or members when moderation removes
/// them. Every removal path (moderator, deletion request, self-removal) calls every registered cleaner.
/// </summary>
public interface IMemberContentCleaner
{
    /// <summary>These posts' content is gone; remove their attachments.</summary>
    Task PostsRemovedAsync(IReadOnlyList<int> postIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// The account is removed; <paramref name="mode"/> says whether its content goes or stays anonymized.
    /// <paramref name="email"/> is the account's confirmed address, empty when it never confirmed one.
    /// </summary>
    Task MemberErasedAsync(string memberId, string email, AccountRemovalMode mode, CancellationToken cancellationToken = default);
}

public enum AccountRemovalMode
{
    /// <summary>Every post and media item of the member goes.</summary>
    DeleteContent,

    /// <summary>Posts stay, shown as by "former member"; personal data goes.</summary>
    Anonymize,
}
