namespace ForumServer.Core.Moderation;

/// <summary>
/// Lets other features (media, mailing lists) remove what they keep for a member when the account is removed.
/// Every removal path (moderator, deletion request, self-removal) calls every registered cleaner, before the forum
/// content is detached; each must be safe to run twice (see <see cref="AccountEraser"/>). What belongs to removed
/// posts goes with the forum's post events instead (<see cref="Forum.IForumEventHandler"/>).
/// </summary>
public interface IMemberContentCleaner
{
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
