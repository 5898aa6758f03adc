using ForumServer.Core.Mail;

namespace ForumServer.Core.Lists;

/// <summary>Lists, subscriptions and issues.</summary>
public interface IListStore
{
    Task SeedListsAsync(IEnumerable<MailingList> lists);
    Task<IReadOnlyList<MailingList>> ListListsAsync();
    Task<MailingList?> FindListAsync(string id);

    Task<Subscription?> FindSubscriptionAsync(string listId, string email);
    Task<Subscription?> FindByTokenAsync(string token);
    Task<Subscription?> FindByConfirmHashAsync(string hash);
    Task<IReadOnlyList<Subscription>> ListForAddressAsync(string email);
    Task SaveSubscriptionAsync(Subscription subscription);

    /// <summary>Forgets every subscription of an address (account removal, right to erasure).</summary>
    Task<int> DeleteSubscriptionsOfAddressAsync(string email);

    /// <summary>Subscriptions waiting for their opt-in, for the retention job (the state is indexed).</summary>
    Task<IReadOnlyList<Subscription>> ListPendingSubscriptionsAsync();
    Task DeleteSubscriptionAsync(long id);
    Task<int> CountSubscribersAsync(string listId, SubscriptionState state);

    /// <summary>Confirmed subscribers of a list with an id above <paramref name="afterId"/>, in id order.</summary>
    Task<IReadOnlyList<Subscription>> ListConfirmedAsync(string listId, long afterId, int max);

    /// <summary>Every subscription of a list (any state) with an id above <paramref name="afterId"/>, in id order.</summary>
    Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(string listId, long afterId, int max);

    /// <summary>Adds many subscriptions at once (imports, tests of large sends).</summary>
    Task AddSubscriptionsAsync(IReadOnlyList<Subscription> subscriptions);

    Task<ListIssue?> FindIssueAsync(long id);
    Task SaveIssueAsync(ListIssue issue);

    /// <summary>
    /// Saves the issue only while its stored state is still <paramref name="expected"/>; false when another
    /// request or the dispatcher moved it on first (so a double or parallel send starts one send).
    /// </summary>
    Task<bool> SaveIssueIfStateAsync(ListIssue issue, IssueState expected);
    Task<IReadOnlyList<ListIssue>> ListIssuesAsync(string listId, bool publishedOnly, int max);

    /// <summary>Issues whose send is due or was interrupted.</summary>
    Task<IReadOnlyList<ListIssue>> ListDueIssuesAsync(DateTimeOffset now);

    /// <summary>Stores one batch of an issue's messages and the issue's progress in one transaction.</summary>
    Task EnqueueIssueBatchAsync(ListIssue issue, IReadOnlyList<OutboundMessage> messages);
}
