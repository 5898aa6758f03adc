using ForumServer.Core.Lists;
using ForumServer.Core.Mail;

namespace ForumServer.Core.Tests.Storage.Contract;

/// <summary>What every <see cref="IListStore"/> must do, concurrency included.</summary>
public abstract class ListStoreContract : StoreContract
{
    private static Subscription New(string listId, string email, SubscriptionState state = SubscriptionState.Pending) => new()
    {
        ListId = listId, Email = email, Key = Subscription.KeyFor(listId, email), State = state,
        Token = Guid.NewGuid().ToString("N"), CreatedAt = T0,
    };

    private async Task SeedAsync() => await Stores.Lists.SeedListsAsync(MailingList.Defaults);

    [Fact]
    public async Task Seeded_lists_are_listed_once_in_order()
    {
        await SeedAsync();
        await SeedAsync();

        var lists = await Stores.Lists.ListListsAsync();
        Assert.Equal(MailingList.Defaults.OrderBy(l => l.SortOrder).Select(l => l.Id), lists.Select(l => l.Id));
        Assert.NotNull(await Stores.Lists.FindListAsync(lists[0].Id));
        Assert.Null(await Stores.Lists.FindListAsync("nope"));
    }

    [Fact]
    public async Task Subscriptions_are_found_by_address_token_and_confirmation()
    {
        await SeedAsync();
        var listId = MailingList.Defaults[0].Id;
        var s = New(listId, "Ann@Example.org");
        s.ConfirmTokenHash = "hash1";
        await Stores.Lists.SaveSubscriptionAsync(s);

        Assert.Equal(s.Id, (await Stores.Lists.FindSubscriptionAsync(listId, "ann@example.org"))!.Id);
        Assert.Equal(s.Id, (await Stores.Lists.FindByTokenAsync(s.Token))!.Id);
        Assert.Equal(s.Id, (await Stores.Lists.FindByConfirmHashAsync("hash1"))!.Id);
        Assert.Single(await Stores.Lists.ListForAddressAsync("ann@example.org"));
        Assert.Single(await Stores.Lists.ListPendingSubscriptionsAsync());

        s.State = SubscriptionState.Confirmed;
        await Stores.Lists.SaveSubscriptionAsync(s);
        Assert.Equal(1, await Stores.Lists.CountSubscribersAsync(listId, SubscriptionState.Confirmed));
        Assert.Equal(1, await Stores.Lists.DeleteSubscriptionsOfAddressAsync("ann@example.org"));
        Assert.Null(await Stores.Lists.FindSubscriptionAsync(listId, "ann@example.org"));
    }

    [Fact]
    public async Task Confirmed_subscribers_page_in_id_order()
    {
        await SeedAsync();
        var listId = MailingList.Defaults[0].Id;
        var all = Enumerable.Range(0, 10).Select(i => New(listId, $"s{i}@example.org", i % 3 == 0 ? SubscriptionState.Pending : SubscriptionState.Confirmed)).ToList();
        await Stores.Lists.AddSubscriptionsAsync(all);

        var first = await Stores.Lists.ListConfirmedAsync(listId, 0, 4);
        var rest = await Stores.Lists.ListConfirmedAsync(listId, first[^1].Id, 100);
        Assert.Equal(all.Where(s => s.State == SubscriptionState.Confirmed).Select(s => s.Email), first.Concat(rest).Select(s => s.Email));
        Assert.Equal(10, (await Stores.Lists.ListSubscriptionsAsync(listId, 0, 100)).Count);
    }

    [Fact]
    public async Task Issues_list_newest_first_and_due_ones_are_found()
    {
        await SeedAsync();
        var listId = MailingList.Defaults[0].Id;
        var draft = new ListIssue { ListId = listId, Subject = "draft", State = IssueState.Draft, CreatedAt = T0 };
        var due = new ListIssue { ListId = listId, Subject = "due", State = IssueState.Scheduled, ScheduledAt = T0, CreatedAt = T0 };
        var later = new ListIssue { ListId = listId, Subject = "later", State = IssueState.Scheduled, ScheduledAt = T0.AddDays(1), CreatedAt = T0 };
        foreach (var i in new[] { draft, due, later }) await Stores.Lists.SaveIssueAsync(i);

        Assert.Equal(["later", "due", "draft"], (await Stores.Lists.ListIssuesAsync(listId, false, 10)).Select(i => i.Subject));
        Assert.Equal(["due"], (await Stores.Lists.ListDueIssuesAsync(T0.AddMinutes(1))).Select(i => i.Subject));

        due.State = IssueState.Sending;
        var message = new OutboundMessage { To = "s@example.org", Subject = "due", Batch = due.Batch, CreatedAt = T0, NextAttemptAt = T0 };
        await Stores.Lists.EnqueueIssueBatchAsync(due, [message]);
        Assert.Equal(["due"], (await Stores.Lists.ListIssuesAsync(listId, true, 10)).Select(i => i.Subject));
        Assert.Equal(1, (await Stores.Outbox.CountBatchAsync(due.Batch)).Pending);
    }

    [Fact]
    public async Task Parallel_state_changes_of_one_issue_let_exactly_one_through()
    {
        await SeedAsync();
        var listId = MailingList.Defaults[0].Id;
        var draft = new ListIssue { ListId = listId, Subject = "news", State = IssueState.Draft, CreatedAt = T0 };
        await Stores.Lists.SaveIssueAsync(draft);

        var won = 0;
        await InParallelAsync(12, async i =>
        {
            var copy = (await Stores.Lists.FindIssueAsync(draft.Id))!;
            copy.State = IssueState.Scheduled;
            copy.ScheduledAt = T0.AddMinutes(i);
            if (await Stores.Lists.SaveIssueIfStateAsync(copy, IssueState.Draft)) Interlocked.Increment(ref won);
        });

        Assert.Equal(1, won);
        Assert.Equal(IssueState.Scheduled, (await Stores.Lists.FindIssueAsync(draft.Id))!.State);
        var stale = (await Stores.Lists.FindIssueAsync(draft.Id))!;
        stale.State = IssueState.Draft;
        Assert.False(await Stores.Lists.SaveIssueIfStateAsync(stale, IssueState.Sending));
        Assert.Equal(IssueState.Scheduled, (await Stores.Lists.FindIssueAsync(draft.Id))!.State);
    }

    [Fact]
    public async Task Parallel_subscribe_and_confirm_of_one_address_keep_one_subscription()
    {
        await SeedAsync();
        var listId = MailingList.Defaults[0].Id;

        // Each caller does what a subscribe form does: find the address's subscription or start one, then save it.
        await InParallelAsync(12, async i =>
        {
            var s = await Stores.Lists.FindSubscriptionAsync(listId, "same@example.org") ?? New(listId, "same@example.org");
            s.State = SubscriptionState.Pending;
            s.ConfirmTokenHash = $"hash{i}";
            await Stores.Lists.SaveSubscriptionAsync(s);
        });
        await InParallelAsync(12, async i =>
        {
            var s = (await Stores.Lists.FindSubscriptionAsync(listId, "same@example.org"))!;
            s.State = SubscriptionState.Confirmed;
            s.ConfirmedAt = T0;
            s.ConfirmTokenHash = null;
            await Stores.Lists.SaveSubscriptionAsync(s);
        });

        var stored = Assert.Single(await Stores.Lists.ListSubscriptionsAsync(listId, 0, 100));
        Assert.Equal(SubscriptionState.Confirmed, stored.State);
        Assert.Equal(1, await Stores.Lists.CountSubscribersAsync(listId, SubscriptionState.Confirmed));
        Assert.Equal(0, await Stores.Lists.CountSubscribersAsync(listId, SubscriptionState.Pending));
    }
}
