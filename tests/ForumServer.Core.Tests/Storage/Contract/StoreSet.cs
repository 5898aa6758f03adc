using ForumServer.Core.Accounts;
using ForumServer.Core.Curation;
using ForumServer.Core.Drafts;
using ForumServer.Core.Forum;
using ForumServer.Core.Inbound;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Core.Media;
using ForumServer.Core.Moderation;
using ForumServer.Core.Notifications;
using ForumServer.Core.Profiles;
using ForumServer.Core.Reactions;
using Microsoft.AspNetCore.Identity;

namespace ForumServer.Core.Tests.Storage.Contract;

/// <summary>
/// Every store of one implementation over one fresh, empty database. <see cref="Users"/> is the Identity user store
/// over the same members as <see cref="Members"/> (registration goes through it).
/// </summary>
public sealed record StoreSet(
    IForumStore Forum,
    IMemberStore Members,
    IUserEmailStore<Member> Users,
    IModerationStore Moderation,
    IListStore Lists,
    IOutboxStore Outbox,
    IBounceStore Bounces,
    IMediaItemStore Media,
    IContactMessageStore Contact,
    INotificationStore Notifications,
    IProfileStore Profiles,
    IPinnedTopicStore Pins,
    IReactionStore Reactions,
    IDraftStore Drafts,
    Func<ValueTask> Dispose) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Dispose();
}

/// <summary>
/// The base of every store contract class: a fresh, empty database per test, made by the implementation's
/// <see cref="CreateStoresAsync"/> and disposed after the test.
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    private StoreSet? _stores;

    /// <summary>Stores over a new, empty database that no other test uses.</summary>
    protected abstract Task<StoreSet> CreateStoresAsync();

    protected StoreSet Stores => _stores ?? throw new InvalidOperationException("The stores are created before each test.");

    protected static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync() => _stores = await CreateStoresAsync();

    public async Task DisposeAsync()
    {
        if (_stores is not null) await _stores.DisposeAsync();
    }

    /// <summary>Runs <paramref name="count"/> calls at once on thread-pool threads, all released together.</summary>
    protected static async Task<T[]> InParallelAsync<T>(int count, Func<int, Task<T>> work)
    {
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await work(i);
        })).ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    protected static Task InParallelAsync(int count, Func<int, Task> work) =>
        InParallelAsync(count, async i => { await work(i); return 0; });
}
