using ForumServer.Storage.LiteDb;

namespace ForumServer.Core.Tests.Storage.Contract;

/// <summary>The LiteDB stores over a real file in a fresh temp folder.</summary>
public static class LiteDbStores
{
    public static Task<StoreSet> CreateAsync()
    {
        var folder = new TempFolder();
        var db = new ForumDatabase(Path.Combine(folder.Path, "forum.db"));
        var members = new LiteMemberStore(db);
        var outbox = new LiteOutboxStore(db);
        var profiles = new LiteProfileStore(db);
        return Task.FromResult(new StoreSet(
            new LiteForumStore(db), members, members, new LiteModerationStore(db), new LiteListStore(db),
            outbox, outbox, new LiteMediaItemStore(db), new LiteContactMessageStore(db),
            new LiteNotificationStore(db), profiles, profiles, new LiteReactionStore(db), new LiteDraftStore(db),
            () =>
            {
                db.Dispose();
                folder.Dispose();
                return ValueTask.CompletedTask;
            }));
    }
}

public sealed class LiteDbForumStoreContractTests : ForumStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => LiteDbStores.CreateAsync();
}

public sealed class LiteDbMemberStoreContractTests : MemberStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => LiteDbStores.CreateAsync();
}

public sealed class LiteDbModerationStoreContractTests : ModerationStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => LiteDbStores.CreateAsync();
}

public sealed class LiteDbListStoreContractTests : ListStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => LiteDbStores.CreateAsync();
}

public sealed class LiteDbOutboxStoreContractTests : OutboxStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => LiteDbStores.CreateAsync();
}

public sealed class LiteDbMediaItemStoreContractTests : MediaItemStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => LiteDbStores.CreateAsync();
}

public sealed class LiteDbContactMessageStoreContractTests : ContactMessageStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => LiteDbStores.CreateAsync();
}

public sealed class LiteDbNotificationStoreContractTests : NotificationStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => LiteDbStores.CreateAsync();
}

public sealed class LiteDbProfileStoreContractTests : ProfileStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => LiteDbStores.CreateAsync();
}

public sealed class LiteDbReactionStoreContractTests : ReactionStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => LiteDbStores.CreateAsync();
}

public sealed class LiteDbDraftStoreContractTests : DraftStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => LiteDbStores.CreateAsync();
}

public sealed class LiteDbMixedWritesContractTests : MixedWritesContract
{
    protected override Task<StoreSet> CreateStoresAsync() => LiteDbStores.CreateAsync();
}
