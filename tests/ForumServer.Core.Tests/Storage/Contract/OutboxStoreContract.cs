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
    }
}
