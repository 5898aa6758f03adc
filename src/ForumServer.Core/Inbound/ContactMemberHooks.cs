using ForumServer.Core.Accounts;
using ForumServer.Core.Moderation;
using ForumServer.Core.Privacy;

namespace ForumServer.Core.Inbound;

/// <summary>Removing an account forgets the contact mail its address sent; the personal-data export lists it.</summary>
public sealed class ContactMemberHooks(IContactMessageStore store) : IMemberContentCleaner, IPersonalDataSource
{
    public string Section => "contactMessages";

    public async Task<object?> CollectAsync(Member member, CancellationToken cancellationToken = default) =>
        AddressJoin.ConfirmedAddressOf(member) is not { } address ? Array.Empty<object>() :
        (await store.ListFromAddressAsync(address)).Select(m => new { m.Subject, m.Text, m.ReceivedAt, m.Answer, m.ClosedAt }).ToList();


    public async Task MemberErasedAsync(string memberId, string email, AccountRemovalMode mode, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(email)) await store.DeleteFromAddressAsync(email);
    }
}
