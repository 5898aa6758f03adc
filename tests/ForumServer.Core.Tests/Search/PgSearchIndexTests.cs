using ForumServer.Core.Search;
using ForumServer.Core.Tests.Storage.PostgreSql;
using ForumServer.Storage.PostgreSql.Search;

namespace ForumServer.Core.Tests.Search;

/// <summary>PostgreSQL full-text search on a fresh, migrated schema of the test server (skipped without FORUM_TEST_POSTGRES).</summary>
public sealed class PgSearchIndexTests : SearchIndexContract
{
    private TestSchema? _schema;

    protected override async Task<ISearchIndex> CreateAsync()
    {
        _schema = await TestPostgres.CreateSchemaAsync();
        return new PgSearchIndex(_schema.Database);
    }

    protected override Task<ISearchIndex> ReopenAsync(ISearchIndex index) => Task.FromResult<ISearchIndex>(new PgSearchIndex(_schema!.Database));

    protected override async Task DisposeStorageAsync()
    {
        if (_schema is not null) await _schema.DisposeAsync();
    }
}
