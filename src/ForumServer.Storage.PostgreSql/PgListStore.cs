using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using Npgsql;
using static ForumServer.Storage.PostgreSql.PgDatabase;

namespace ForumServer.Storage.PostgreSql;

public sealed class PgListStore(PgDatabase db) : IListStore
{
    /// <summary>Raised when an issue is saved ready to send, so the server running the dispatcher starts at once.</summary>
    public const string NotifyChannel = "forum_issues";

    private const string SubscriptionDoc = "doc || jsonb_build_object('Id', id)";
    private const string IssueDoc = "doc || jsonb_build_object('Id', id)";

    public async Task SeedListsAsync(IEnumerable<MailingList> lists)
    {
        foreach (var list in lists)
            await db.ExecuteAsync("INSERT INTO mailing_lists (id, sort_order, doc) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
                list.Id, list.SortOrder, Doc(list));
    }

    public async Task<IReadOnlyList<MailingList>> ListListsAsync() =>
        await db.ListAsync<MailingList>("SELECT doc FROM mailing_lists ORDER BY sort_order, id");

    public Task<MailingList?> FindListAsync(string id) => db.FindAsync<MailingList>("SELECT doc FROM mailing_lists WHERE id = $1", id);

    public Task<Subscription?> FindSubscriptionAsync(string listId, string email) =>
        db.FindAsync<Subscription>($"SELECT {SubscriptionDoc} FROM subscriptions WHERE key = $1", Subscription.KeyFor(listId, email));

    public Task<Subscription?> FindByTokenAsync(string token) =>
        db.FindAsync<Subscription>($"SELECT {SubscriptionDoc} FROM subscriptions WHERE token = $1", token);

    public Task<Subscription?> FindByConfirmHashAsync(string hash) =>
        db.FindAsync<Subscription>($"SELECT {SubscriptionDoc} FROM subscriptions WHERE confirm_hash = $1", hash);

    public async Task<IReadOnlyList<Subscription>> ListForAddressAsync(string email) =>
        await db.ListAsync<Subscription>(
            $"SELECT {SubscriptionDoc} FROM subscriptions WHERE key = ANY($1) ORDER BY id", (object)await KeysForAsync(email));

    public async Task<int> DeleteSubscriptionsOfAddressAsync(string email) =>
        await db.ExecuteAsync("DELETE FROM subscriptions WHERE key = ANY($1)", (object)await KeysForAsync(email));

    private async Task<string[]> KeysForAsync(string email) =>
        (await ListListsAsync()).Select(l => Subscription.KeyFor(l.Id, email)).ToArray();

    public async Task<IReadOnlyList<Subscription>> ListPendingSubscriptionsAsync() =>
        await db.ListAsync<Subscription>($"SELECT {SubscriptionDoc} FROM subscriptions WHERE state = $1 ORDER BY id", SubscriptionState.Pending);

    public Task DeleteSubscriptionAsync(long id) => db.ExecuteAsync("DELETE FROM subscriptions WHERE id = $1", id);

    public async Task SaveSubscriptionAsync(Subscription subscription)
    {
        if (subscription.Id == 0)
        {
            // The key (list and address) is the subscription: a second one started in parallel for the same key
            // becomes an update of the first, keeping the first's token (links already mailed carry it), as in LiteDB.
            var kept = (await db.FindAsync<Subscription>(
                "INSERT INTO subscriptions (key, token, confirm_hash, list_id, state, doc) VALUES ($1, $2, $3, $4, $5, $6) " +
                "ON CONFLICT (key) DO UPDATE SET confirm_hash = EXCLUDED.confirm_hash, list_id = EXCLUDED.list_id, state = EXCLUDED.state, " +
                "doc = EXCLUDED.doc || jsonb_build_object('Token', subscriptions.token, 'CreatedAt', subscriptions.doc->'CreatedAt') " +
                $"RETURNING {SubscriptionDoc}",
                subscription.Key, subscription.Token, subscription.ConfirmTokenHash, subscription.ListId, subscription.State, Doc(subscription)))!;
            (subscription.Id, subscription.Token, subscription.CreatedAt) = (kept.Id, kept.Token, kept.CreatedAt);
        }
        else
            await db.ExecuteAsync(
                "UPDATE subscriptions SET key = $2, token = $3, confirm_hash = $4, list_id = $5, state = $6, doc = $7 WHERE id = $1",
                subscription.Id, subscription.Key, subscription.Token, subscription.ConfirmTokenHash, subscription.ListId, subscription.State, Doc(subscription));
    }

    public async Task<int> CountSubscribersAsync(string listId, SubscriptionState state) =>
        (int)await db.ScalarAsync<long>("SELECT count(*) FROM subscriptions WHERE list_id = $1 AND state = $2", listId, state);

    public async Task<IReadOnlyList<Subscription>> ListConfirmedAsync(string listId, long afterId, int max) =>
        await db.ListAsync<Subscription>(
            $"SELECT {SubscriptionDoc} FROM subscriptions WHERE list_id = $1 AND state = $2 AND id > $3 ORDER BY id LIMIT $4",
            listId, SubscriptionState.Confirmed, afterId, max);

    public async Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(string listId, long afterId, int max) =>
        await db.ListAsync<Subscription>(
            $"SELECT {SubscriptionDoc} FROM subscriptions WHERE list_id = $1 AND id > $2 ORDER BY id LIMIT $3", listId, afterId, max);

    public Task AddSubscriptionsAsync(IReadOnlyList<Subscription> subscriptions) => db.InTransactionAsync(async (c, tx) =>
    {
        if (subscriptions.Count == 0) return;
        var ids = await PgOutboxStore.ReserveIdsAsync(c, tx, "subscriptions_id_seq", subscriptions.Count);
        for (var i = 0; i < subscriptions.Count; i++) subscriptions[i].Id = ids[i];
        await ExecuteAsync(c, tx,
            "INSERT INTO subscriptions (id, key, token, confirm_hash, list_id, state, doc) " +
            "SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])",
            ids, subscriptions.Select(s => s.Key).ToArray(), subscriptions.Select(s => s.Token).ToArray(),
            subscriptions.Select(s => s.ConfirmTokenHash).ToArray(), subscriptions.Select(s => s.ListId).ToArray(),
            subscriptions.Select(s => s.State.ToString()).ToArray(),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb | NpgsqlTypes.NpgsqlDbType.Array, Value = subscriptions.Select(ToJson).ToArray() });
    });

    public Task<ListIssue?> FindIssueAsync(long id) => db.FindAsync<ListIssue>($"SELECT {IssueDoc} FROM list_issues WHERE id = $1", id);

    public async Task SaveIssueAsync(ListIssue issue)
    {
        if (issue.Id == 0)
            issue.Id = await db.ScalarAsync<long>("INSERT INTO list_issues (list_id, state, scheduled_at, doc) VALUES ($1, $2, $3, $4) RETURNING id",
                issue.ListId, issue.State, issue.ScheduledAt, Doc(issue));
        else
            await UpdateIssueAsync(db.ExecuteAsync, issue);
        if (issue.State is IssueState.Scheduled or IssueState.Sending)
            await db.ExecuteAsync($"SELECT pg_notify('{NotifyChannel}', '')");
    }

    public async Task<bool> SaveIssueIfStateAsync(ListIssue issue, IssueState expected)
    {
        var changed = await db.ExecuteAsync(
            "UPDATE list_issues SET list_id = $2, state = $3, scheduled_at = $4, doc = $5 WHERE id = $1 AND state = $6",
            issue.Id, issue.ListId, issue.State, issue.ScheduledAt, Doc(issue), expected) == 1;
        if (changed && issue.State is IssueState.Scheduled or IssueState.Sending)
            await db.ExecuteAsync($"SELECT pg_notify('{NotifyChannel}', '')");
        return changed;
    }

    private static Task<int> UpdateIssueAsync(Func<string, object?[], Task<int>> execute, ListIssue issue) => execute(
        "UPDATE list_issues SET list_id = $2, state = $3, scheduled_at = $4, doc = $5 WHERE id = $1",
        [issue.Id, issue.ListId, issue.State, issue.ScheduledAt, Doc(issue)]);

    public async Task<IReadOnlyList<ListIssue>> ListIssuesAsync(string listId, bool publishedOnly, int max) =>
        await db.ListAsync<ListIssue>(
            $"SELECT {IssueDoc} FROM list_issues WHERE list_id = $1 AND (NOT $2 OR state IN ('Sending', 'Sent')) ORDER BY id DESC LIMIT $3",
            listId, publishedOnly, max);

    public async Task<IReadOnlyList<ListIssue>> ListDueIssuesAsync(DateTimeOffset now) =>
        await db.ListAsync<ListIssue>(
            $"SELECT {IssueDoc} FROM list_issues WHERE state = 'Sending' OR (state = 'Scheduled' AND scheduled_at <= $1) ORDER BY id", now);

    public Task EnqueueIssueBatchAsync(ListIssue issue, IReadOnlyList<OutboundMessage> messages) => db.InTransactionAsync(async (c, tx) =>
    {
        await PgOutboxStore.InsertManyAsync(c, tx, messages);
        await UpdateIssueAsync((sql, args) => ExecuteAsync(c, tx, sql, args), issue);
    });
}
