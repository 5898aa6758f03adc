using ForumServer.Core.Lists;
using ForumServer.Core.Mail;

namespace ForumServer.Storage.LiteDb;

public sealed class LiteListStore(ForumDatabase db) : IListStore
{
    public Task SeedListsAsync(IEnumerable<MailingList> lists)
    {
        foreach (var list in lists)
            if (db.MailingLists.FindById(list.Id) is null) db.MailingLists.Insert(list);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MailingList>> ListListsAsync() =>
        Task.FromResult<IReadOnlyList<MailingList>>(db.MailingLists.FindAll().OrderBy(l => l.SortOrder).ToList());

    public Task<MailingList?> FindListAsync(string id) => Task.FromResult<MailingList?>(db.MailingLists.FindById(id));

    public Task<Subscription?> FindSubscriptionAsync(string listId, string email)
    {
        var key = Subscription.KeyFor(listId, email);
        return Task.FromResult<Subscription?>(db.Subscriptions.FindOne(s => s.Key == key));
    }

    public Task<Subscription?> FindByTokenAsync(string token) =>
        Task.FromResult<Subscription?>(db.Subscriptions.FindOne(s => s.Token == token));

    public Task<Subscription?> FindByConfirmHashAsync(string hash) =>
        Task.FromResult<Subscription?>(db.Subscriptions.FindOne(s => s.ConfirmTokenHash == hash));

    public async Task<int> DeleteSubscriptionsOfAddressAsync(string email)
    {
        var ids = (await ListForAddressAsync(email)).Select(s => s.Id).ToList();
        return db.InTransaction(() => ids.Count(id => db.Subscriptions.Delete(id)));
    }

    public Task<IReadOnlyList<Subscription>> ListPendingSubscriptionsAsync() =>
        Task.FromResult<IReadOnlyList<Subscription>>(db.Subscriptions.Find(s => s.State == SubscriptionState.Pending).ToList());

    public Task DeleteSubscriptionAsync(long id)
    {
        db.Subscriptions.Delete(id);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Subscription>> ListForAddressAsync(string email)
    {
        var keys = db.MailingLists.FindAll().Select(l => Subscription.KeyFor(l.Id, email)).ToList();
        return Task.FromResult<IReadOnlyList<Subscription>>(keys.Select(k => db.Subscriptions.FindOne(s => s.Key == k)).OfType<Subscription>().ToList());
    }

    public Task SaveSubscriptionAsync(Subscription subscription)
    {
        db.InTransaction(() =>
        {
            // The key (list and address) is the subscription: a second one started in parallel for the same key
            // becomes an update of the first, keeping the first's token (links already mailed carry it).
            if (subscription.Id == 0 && db.Subscriptions.FindOne(s => s.Key == subscription.Key) is { } existing)
                (subscription.Id, subscription.Token, subscription.CreatedAt) = (existing.Id, existing.Token, existing.CreatedAt);
            if (subscription.Id == 0) db.Subscriptions.Insert(subscription);
            else db.Subscriptions.Update(subscription);
        });
        return Task.CompletedTask;
    }

    public Task<int> CountSubscribersAsync(string listId, SubscriptionState state) =>
        Task.FromResult(db.Subscriptions.Count(s => s.ListId == listId && s.State == state));

    public Task<IReadOnlyList<Subscription>> ListConfirmedAsync(string listId, long afterId, int max) =>
        Task.FromResult<IReadOnlyList<Subscription>>(WalkFrom(afterId)
            .Where(s => s.ListId == listId && s.State == SubscriptionState.Confirmed)
            .Take(max).ToList());

    public Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(string listId, long afterId, int max) =>
        Task.FromResult<IReadOnlyList<Subscription>>(WalkFrom(afterId).Where(s => s.ListId == listId).Take(max).ToList());

    /// <summary>Streams subscriptions in id order along the primary index, so a page costs what it reads.</summary>
    private IEnumerable<Subscription> WalkFrom(long afterId) => db.Subscriptions.Find(s => s.Id > afterId);

    public Task AddSubscriptionsAsync(IReadOnlyList<Subscription> subscriptions)
    {
        db.InTransaction(() => db.Subscriptions.InsertBulk(subscriptions));
        return Task.CompletedTask;
    }

    public Task<ListIssue?> FindIssueAsync(long id) => Task.FromResult<ListIssue?>(db.ListIssues.FindById(id));

    public Task SaveIssueAsync(ListIssue issue)
    {
        if (issue.Id == 0) db.ListIssues.Insert(issue);
        else db.ListIssues.Update(issue);
        return Task.CompletedTask;
    }

    public Task<bool> SaveIssueIfStateAsync(ListIssue issue, IssueState expected) =>
        Task.FromResult(db.InTransaction(() =>
            db.ListIssues.FindById(issue.Id) is { } stored && stored.State == expected && db.ListIssues.Update(issue)));

    public Task<IReadOnlyList<ListIssue>> ListIssuesAsync(string listId, bool publishedOnly, int max)
    {
        var issues = db.ListIssues.Query().Where(i => i.ListId == listId).OrderByDescending(i => i.Id).ToEnumerable();
        if (publishedOnly) issues = issues.Where(i => i.IsPublished);
        return Task.FromResult<IReadOnlyList<ListIssue>>(issues.Take(max).ToList());
    }

    public Task<IReadOnlyList<ListIssue>> ListDueIssuesAsync(DateTimeOffset now) =>
        Task.FromResult<IReadOnlyList<ListIssue>>(db.ListIssues
            .Find(i => i.State == IssueState.Sending || (i.State == IssueState.Scheduled && i.ScheduledAt <= now))
            .OrderBy(i => i.Id).ToList());

    public Task EnqueueIssueBatchAsync(ListIssue issue, IReadOnlyList<OutboundMessage> messages)
    {
        db.InTransaction(() =>
        {
            foreach (var message in messages) LiteOutboxStore.Prepare(message);
            db.Outbox.InsertBulk(messages);
            db.ListIssues.Update(issue);
            return 0;
        });
        return Task.CompletedTask;
    }
}
