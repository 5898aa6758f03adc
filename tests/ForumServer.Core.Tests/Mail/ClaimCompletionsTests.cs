using ForumServer.Core.Mail;
using ForumServer.Storage.LiteDb;

namespace ForumServer.Core.Tests.Mail;

/// <summary>Outcomes of parallel sends stored in groups, over a real LiteDB file: each sender learns its own outcome.</summary>
public sealed class ClaimCompletionsTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly ForumDatabase _db;
    private readonly LiteOutboxStore _outbox;

    public ClaimCompletionsTests()
    {
        _db = new ForumDatabase(Path.Combine(_folder.Path, "forum.db"));
        _outbox = new LiteOutboxStore(_db);
    }

    public void Dispose()
    {
        _db.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Parallel_completions_are_each_stored_and_a_lost_claim_is_reported_to_its_own_sender_only()
    {
        await _outbox.EnqueueManyAsync(Enumerable.Range(0, 60).Select(i => new OutboundMessage
        {
            To = $"r{i}@example.org", Subject = "s", TextBody = "t", CreatedAt = T0, DedupKey = $"k{i}",
            NextAttemptAt = i < 10 ? T0 : T0.AddMinutes(2),
        }).ToList());
        // "a" claims ten for a minute; they run out and go to "b" before "a" finishes them; then "a" claims the other fifty.
        var lostClaims = await _outbox.ClaimDueAsync("a", T0, T0.AddMinutes(1), 100);
        Assert.Equal(10, (await _outbox.ClaimDueAsync("b", T0.AddMinutes(2), T0.AddMinutes(5), 10)).Count);
        var liveClaims = await _outbox.ClaimDueAsync("a", T0.AddMinutes(2), T0.AddMinutes(5), 100);
        Assert.Equal((10, 50), (lostClaims.Count, liveClaims.Count));
        var lost = lostClaims.Select(m => m.Id).ToHashSet();
        var mine = lostClaims.Concat(liveClaims).ToList();

        var completions = new ClaimCompletions(_outbox);
        var outcomes = await Task.WhenAll(mine.Select(m => Task.Run(async () =>
        {
            m.State = OutboxState.Sent;
            return (m.Id, Stored: await completions.CompleteAsync(m));
        })));

        Assert.All(outcomes, o => Assert.Equal(!lost.Contains(o.Id), o.Stored));
        Assert.Equal((50, 10), (await _outbox.CountAsync(OutboxState.Sent), await _outbox.CountAsync(OutboxState.Pending)));
    }

    [Fact]
    public async Task A_store_fault_reaches_every_sender_of_the_group_and_the_next_group_is_stored()
    {
        await _outbox.EnqueueAsync(new OutboundMessage { To = "x@example.org", Subject = "s", TextBody = "t", CreatedAt = T0, NextAttemptAt = T0, DedupKey = "x" });
        var claimed = Assert.Single(await _outbox.ClaimDueAsync("a", T0, T0.AddMinutes(1), 10));
        var completions = new ClaimCompletions(new FailingOnce(_outbox));

        claimed.State = OutboxState.Sent;
        await Assert.ThrowsAsync<IOException>(() => completions.CompleteAsync(claimed));
        Assert.True(await completions.CompleteAsync(claimed));
        Assert.Equal(1, await _outbox.CountAsync(OutboxState.Sent));
    }

    /// <summary>A store whose first completion fails, as a dropped database connection would.</summary>
    private sealed class FailingOnce(IOutboxStore inner) : IOutboxStore
    {
        private int _calls;

        public Task<IReadOnlySet<long>> CompleteClaimsAsync(IReadOnlyCollection<OutboundMessage> messages) =>
            Interlocked.Increment(ref _calls) == 1 ? throw new IOException("connection dropped") : inner.CompleteClaimsAsync(messages);

        public Task<bool> EnqueueAsync(OutboundMessage message) => inner.EnqueueAsync(message);
        public Task<int> EnqueueManyAsync(IReadOnlyList<OutboundMessage> messages) => inner.EnqueueManyAsync(messages);
        public Task<IReadOnlyList<OutboundMessage>> ListDueAsync(DateTimeOffset now, int max) => inner.ListDueAsync(now, max);
        public Task<IReadOnlyList<OutboundMessage>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset until, int max) => inner.ClaimDueAsync(owner, now, until, max);
        public Task UpdateAsync(OutboundMessage message) => inner.UpdateAsync(message);
        public Task UpdateManyAsync(IReadOnlyCollection<OutboundMessage> messages) => inner.UpdateManyAsync(messages);
        public Task<DateTimeOffset?> NextAttemptAtAsync() => inner.NextAttemptAtAsync();
        public Task<int> CountAsync(OutboxState state) => inner.CountAsync(state);
        public Task<BatchProgress> CountBatchAsync(string batch) => inner.CountBatchAsync(batch);
        public Task SaveContentAsync(MailContent content) => inner.SaveContentAsync(content);
        public Task<MailContent?> FindContentAsync(string id) => inner.FindContentAsync(id);
    }
}
