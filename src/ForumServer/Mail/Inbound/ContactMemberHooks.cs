using ForumServer.Core.Mail.Inbound;
using ForumServer.Core.Moderation;

namespace ForumServer.Mail.Inbound;

/// <summary>Removing an account forgets the contact mail its address sent.</summary>
public sealed class ContactMemberHooks(IContactMessageStore store) : IMemberContentCleaner
{
    public Task PostsRemovedAsync(IReadOnlyList<int> postIds, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task MemberErasedAsync(string memberId, string email, AccountRemovalMode mode, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(email)) await store.DeleteFromAddressAsync(email);
    }
}
