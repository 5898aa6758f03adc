using ForumServer.Core.Accounts;
using ForumServer.Core.Lists;
using ForumServer.Core.Moderation;
using ForumServer.Core.Privacy;

namespace ForumServer.Core.Lists;

/// <summary>Removing an account removes its list subscriptions; the personal-data export lists them.</summary>
public sealed class ListMemberHooks(IListStore lists) : IMemberContentCleaner, IPersonalDataSource
{
    public string Section => "listSubscriptions";


    public async Task MemberErasedAsync(string memberId, string email, AccountRemovalMode mode, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(email)) await lists.DeleteSubscriptionsOfAddressAsync(email);
    }

    public async Task<object?> CollectAsync(Member member, CancellationToken cancellationToken = default) =>
        AddressJoin.ConfirmedAddressOf(member) is not { } address ? Array.Empty<object>() :
        (await lists.ListForAddressAsync(address)).Select(s => new
        {
            List = s.ListId, State = s.State.ToString(), s.CreatedAt, s.ConfirmedAt, s.UnsubscribedAt,
        }).ToList();
}
