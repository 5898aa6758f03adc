using ForumServer.Core.Accounts;
using ForumServer.Core.Lists;

namespace ForumServer.Lists;

/// <summary>
/// The lists a signed-in member receives at their account address, and leaving one from the site. Only a confirmed
/// account address counts (<see cref="AddressJoin"/>): before that, subscriptions of the address are not theirs.
/// </summary>
public sealed class MemberLists(IListStore store, SubscriptionService subscriptions)
{
    public async Task<IReadOnlySet<string>> SubscribedListIdsAsync(Member? member)
    {
        if (member is null || AddressOf(member) is not { } address) return new HashSet<string>();
        return (await store.ListForAddressAsync(address))
            .Where(s => s.State == SubscriptionState.Confirmed).Select(s => s.ListId).ToHashSet();
    }

    /// <summary>Unsubscribes the member's address from the list; false when it was not subscribed.</summary>
    public async Task<bool> UnsubscribeAsync(Member member, string listId)
    {
        if (AddressOf(member) is not { } address) return false;
        if (await store.FindSubscriptionAsync(listId, address) is not { State: SubscriptionState.Confirmed } subscription) return false;
        return (await subscriptions.UnsubscribeAsync(subscription.Token)).Succeeded;
    }

    private static string? AddressOf(Member member) =>
        AddressJoin.ConfirmedAddressOf(member) is { } address ? SubscriptionService.NormalizeEmail(address) : null;
}
