using ForumServer.Core.Mail;

namespace ForumServer.Core.Tests.Storage.Contract;

/// <summary>What every <see cref="IOutboxStore"/> and <see cref="IBounceStore"/> must do.</summary>
public abstract class OutboxStoreContract : StoreContract
{
    private static OutboundMessage Message(string to, DateTimeOffset due, string? dedup = null) => new()
    {
        To = to, Subject = "s", TextBody = "t", CreatedAt = T0, NextAttemptAt = due, DedupKey = dedup ?? Guid.NewGuid().ToString("N"),
    };

    [Fact]
    public async Task Messages_with_one_dedup_key_are_stored_once()
    {
        Assert.True(await Stores.Outbox.EnqueueAsync(Message("a@example.org", T0, "k1")));
        Assert.False(await Stores.Outbox.EnqueueAsync(Message("a@example.org", T0, "k1")));
        Assert.Equal(1, await Stores.Outbox.CountAsync(OutboxState.Pending));
    }

    [Fact]
    public async Task Many_enqueued_at_once_skip_the_dedup_keys_already_queued()
    {
        Assert.True(await Stores.Outbox.EnqueueAsync(Message("a@example.org", T0, "k1")));
        var added = await Stores.Outbox.EnqueueManyAsync([Message("a@example.org", T0, "k1"), Message("b@example.org", T0, "k2"), Message("c@example.org", T0, "k3")]);

        Assert.Equal(2, added);
        Assert.Equal(["a@example.org", "b@example.org", "c@example.org"], (await Stores.Outbox.ListDueAsync(T0, 10)).Select(m => m.To).Order());
        Assert.Equal(0, await Stores.Outbox.EnqueueManyAsync([Message("b@example.org", T0, "k2")]));
    }

    [Fact]
    public async Task Parallel_enqueues_with_one_dedup_key_store_one_message()
    {
        var added = await InParallelAsync(10, _ => Stores.Outbox.EnqueueAsync(Message("a@example.org", T0, "same")));

        Assert.Single(added, a => a);
        Assert.Equal(1, await Stores.Outbox.CountAsync(OutboxState.Pending));
    }

    [Fact]
    public async Task Due_messages_come_oldest_due_first_and_sent_ones_leave_the_queue()
    {
        var later = Message("later@example.org", T0.AddMinutes(10));
        var now = Message("now@example.org", T0);
        var soon = Message("soon@example.org", T0.AddMinutes(1));
        foreach (var m in new[] { later, now, soon }) await Stores.Outbox.EnqueueAsync(m);

        Assert.Equal(["now@example.org", "soon@example.org"], (await Stores.Outbox.ListDueAsync(T0.AddMinutes(2), 10)).Select(m => m.To));
        Assert.Equal(T0, await Stores.Outbox.NextAttemptAtAsync());

        now.State = OutboxState.Sent;
        now.SentAt = T0;
        await Stores.Outbox.UpdateAsync(now);
        soon.State = OutboxState.Failed;
        await Stores.Outbox.UpdateManyAsync([soon]);

        Assert.Empty(await Stores.Outbox.ListDueAsync(T0.AddMinutes(2), 10));
        Assert.Equal(T0.AddMinutes(10), await Stores.Outbox.NextAttemptAtAsync());
        Assert.Equal((1, 1, 1), (await Stores.Outbox.CountAsync(OutboxState.Pending), await Stores.Outbox.CountAsync(OutboxState.Sent), await Stores.Outbox.CountAsync(OutboxState.Failed)));
    }

    [Fact]
    public async Task Two_senders_claiming_in_parallel_get_disjoint_batches_that_together_cover_every_due_message()
    {
        const int count = 2_000;
        await Stores.Outbox.EnqueueManyAsync(Enumerable.Range(0, count).Select(i => Message($"r{i}@example.org", T0)).ToList());

        // Each sender claims batches of 50 until none is left, marking each message sent as a server would.
        var claimed = await InParallelAsync(2, async sender =>
        {
            var mine = new List<long>();
            while (await Stores.Outbox.ClaimDueAsync($"sender-{sender}", T0, T0.AddMinutes(2), 50) is { Count: > 0 } batch)
            {
                Assert.All(batch, m => Assert.Equal($"sender-{sender}", m.ClaimedBy));
                foreach (var message in batch) message.State = OutboxState.Sent;
                Assert.Equal(batch.Select(m => m.Id).Order(), (await Stores.Outbox.CompleteClaimsAsync(batch)).Order());
                mine.AddRange(batch.Select(m => m.Id));
            }
            return mine;
        });

        Assert.Empty(claimed[0].Intersect(claimed[1]));
        Assert.Equal(count, claimed[0].Concat(claimed[1]).Distinct().Count());
        Assert.Equal((0, count), (await Stores.Outbox.CountAsync(OutboxState.Pending), await Stores.Outbox.CountAsync(OutboxState.Sent)));
    }

    [Fact]
    public async Task A_claim_that_ran_out_goes_to_another_sender_and_the_first_senders_late_outcome_is_dropped()
    {
        var batch = "issue:7";
        var message = Message("late@example.org", T0);
        message.Batch = batch;
        await Stores.Outbox.EnqueueAsync(message);

        var first = Assert.Single(await Stores.Outbox.ClaimDueAsync("a", T0, T0.AddMinutes(1), 10));
        // Claimed: out of the due queue for everyone until the claim runs out.
        Assert.Empty(await Stores.Outbox.ClaimDueAsync("b", T0.AddSeconds(30), T0.AddMinutes(2), 10));
        Assert.Empty(await Stores.Outbox.ListDueAsync(T0.AddSeconds(30), 10));
        Assert.Equal(T0.AddMinutes(1), await Stores.Outbox.NextAttemptAtAsync());

        var second = Assert.Single(await Stores.Outbox.ClaimDueAsync("b", T0.AddMinutes(2), T0.AddMinutes(3), 10));
        first.State = OutboxState.Sent;
        Assert.Empty(await Stores.Outbox.CompleteClaimsAsync([first]));
        Assert.Equal(new BatchProgress(1, 0, 0), await Stores.Outbox.CountBatchAsync(batch));

        // In one group with the current owner's outcome, the late one is still dropped and the other stored.
        second.State = OutboxState.Sent;
        first.State = OutboxState.Failed;
        Assert.Equal(new[] { second.Id }, await Stores.Outbox.CompleteClaimsAsync([first, second]));
        first.State = OutboxState.Sent;
        Assert.Empty(await Stores.Outbox.CompleteClaimsAsync([first]));
        Assert.Equal(new BatchProgress(0, 1, 0), await Stores.Outbox.CountBatchAsync(batch));
        Assert.Null(await Stores.Outbox.NextAttemptAtAsync());
    }

    [Fact]
    public async Task A_claimed_message_given_back_unsent_is_due_again_for_any_sender()
    {
        await Stores.Outbox.EnqueueAsync(Message("back@example.org", T0));
        var claimed = Assert.Single(await Stores.Outbox.ClaimDueAsync("a", T0, T0.AddMinutes(2), 10));

        claimed.NextAttemptAt = T0.AddSeconds(1);
        Assert.Equal(new[] { claimed.Id }, await Stores.Outbox.CompleteClaimsAsync([claimed]));

        Assert.Equal(T0.AddSeconds(1), await Stores.Outbox.NextAttemptAtAsync());
        var again = Assert.Single(await Stores.Outbox.ClaimDueAsync("b", T0.AddSeconds(1), T0.AddMinutes(2), 10));
        Assert.Equal(("back@example.org", "b"), (again.To, again.ClaimedBy));
    }

    [Fact]
    public async Task Batch_progress_counts_each_state()
    {
        var messages = Enumerable.Range(0, 4).Select(i => { var m = Message($"s{i}@example.org", T0); m.Batch = "issue:1"; return m; }).ToList();
        foreach (var m in messages) await Stores.Outbox.EnqueueAsync(m);
        messages[0].State = OutboxState.Sent;
        messages[1].State = OutboxState.Failed;
        await Stores.Outbox.UpdateManyAsync(messages.Take(2).ToList());

        Assert.Equal(new BatchProgress(2, 1, 1), await Stores.Outbox.CountBatchAsync("issue:1"));
    }

    [Fact]
    public async Task Shared_content_is_stored_by_id()
    {
        await Stores.Outbox.SaveContentAsync(new MailContent { Id = "c1", TextBody = "hello" });
        Assert.Equal("hello", (await Stores.Outbox.FindContentAsync("c1"))!.TextBody);
        Assert.Null(await Stores.Outbox.FindContentAsync("c2"));
    }

    [Fact]
    public async Task Parallel_permanent_failures_are_all_counted()
    {
        await InParallelAsync(6, _ => Stores.Bounces.RecordPermanentFailureAsync("Bob@Example.org", "550 no such user", 6, T0));

        Assert.True(await Stores.Bounces.IsBouncingAsync("bob@example.org"));
        Assert.False(await Stores.Bounces.IsBouncingAsync("alice@example.org"));
        Assert.Equal(["bob@example.org"], await Stores.Bounces.FindBouncingAsync(["alice@example.org", "BOB@example.org", "bob@example.org"]));
        Assert.Empty(await Stores.Bounces.FindBouncingAsync([]));
    }
}
