using ForumServer.Core.Search;
using ForumServer.Search.Lucene;

namespace ForumServer.Core.Tests.Search;

/// <summary>The Lucene index on a real folder.</summary>
public sealed class LuceneSearchIndexTests : SearchIndexContract
{
    private readonly TempFolder _folder = new();

    protected override Task<ISearchIndex> CreateAsync() => Task.FromResult<ISearchIndex>(new LuceneSearchIndex(_folder.Path));

    protected override Task<ISearchIndex> ReopenAsync(ISearchIndex index)
    {
        ((LuceneSearchIndex)index).Dispose();
        return CreateAsync();
    }

    protected override Task DisposeStorageAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
