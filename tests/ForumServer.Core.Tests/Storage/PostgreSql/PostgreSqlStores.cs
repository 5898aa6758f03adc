using ForumServer.Core.Tests.Storage.Contract;
using ForumServer.Storage.PostgreSql;

namespace ForumServer.Core.Tests.Storage.PostgreSql;

/// <summary>The PostgreSQL stores over a fresh, migrated schema of the test server (skipped without one).</summary>
public static class PostgreSqlStores
{
    public static async Task<StoreSet> CreateAsync()
    {
        var schema = await TestPostgres.CreateSchemaAsync();
        var db = schema.Database;
        var members = new PgMemberStore(db);
        var outbox = new PgOutboxStore(db);
        var profiles = new PgProfileStore(db);
        return new StoreSet(
            new PgForumStore(db), members, members, new PgModerationStore(db), new PgListStore(db),
            outbox, outbox, new PgMediaItemStore(db), new PgContactMessageStore(db),
            new PgNotificationStore(db), profiles, profiles, new PgReactionStore(db), new PgDraftStore(db),
            schema.DisposeAsync);
    }
}

public sealed class PostgreSqlForumStoreContractTests : ForumStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgreSqlStores.CreateAsync();
}

public sealed class PostgreSqlMemberStoreContractTests : MemberStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgreSqlStores.CreateAsync();
}

public sealed class PostgreSqlModerationStoreContractTests : ModerationStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgreSqlStores.CreateAsync();
}

public sealed class PostgreSqlListStoreContractTests : ListStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgreSqlStores.CreateAsync();
}

public sealed class PostgreSqlOutboxStoreContractTests : OutboxStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgreSqlStores.CreateAsync();
}

public sealed class PostgreSqlMediaItemStoreContractTests : MediaItemStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgreSqlStores.CreateAsync();
}

public sealed class PostgreSqlContactMessageStoreContractTests : ContactMessageStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgreSqlStores.CreateAsync();
}

public sealed class PostgreSqlNotificationStoreContractTests : NotificationStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgreSqlStores.CreateAsync();
}

public sealed class PostgreSqlProfileStoreContractTests : ProfileStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgreSqlStores.CreateAsync();
}

public sealed class PostgreSqlReactionStoreContractTests : ReactionStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgreSqlStores.CreateAsync();
}

public sealed class PostgreSqlDraftStoreContractTests : DraftStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgreSqlStores.CreateAsync();
}

public sealed class PostgreSqlMixedWritesContractTests : MixedWritesContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgreSqlStores.CreateAsync();
}
