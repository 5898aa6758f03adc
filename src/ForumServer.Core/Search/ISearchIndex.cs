namespace ForumServer.Core.Search;

/// <summary>
/// The full-text index of live posts, fed by post events. Database-neutral: an embedded Lucene index, or a
/// database's own full-text search, stand behind it. Every write is visible to the next search.
/// </summary>
public interface ISearchIndex
{
    /// <summary>True when the index was missing or of an older schema at start and must be filled from the store.</summary>
    bool NeedsRebuild { get; }

    /// <summary>Adds or replaces these posts (by post id).</summary>
    Task IndexAsync(IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken = default);

    Task RemovePostsAsync(IReadOnlyList<int> postIds, CancellationToken cancellationToken = default);

    Task RemoveTopicAsync(int topicId, CancellationToken cancellationToken = default);

    /// <summary>Empties the index before a full rebuild.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>Makes what was written durable (a commit); the index also does this on its own timer.</summary>
    Task FlushAsync(bool rebuilt = false, CancellationToken cancellationToken = default);

    Task<SearchHits> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Posts in the index and its size on disk, for operators and the bench.</summary>
    SearchIndexStats Stats();
}

/// <summary>One post as the index sees it: plain text (never HTML), language of its author, ids to filter on.</summary>
public sealed record SearchDocument(
    int PostId,
    int TopicId,
    int CategoryId,
    bool IsFirstPost,
    string AuthorId,
    string AuthorName,
    string Language,
    string Title,
    string Text,
    DateTimeOffset CreatedAt);

/// <summary>What to look for: the parsed query with its filters resolved to ids.</summary>
public sealed record SearchRequest(
    SearchQuery Query,
    int? CategoryId,
    string? AuthorId,
    SearchOrder Order,
    int Skip,
    int Take);

public sealed record SearchHits(int Total, IReadOnlyList<SearchHit> Hits);

/// <summary>A matching post and its excerpt, split into plain parts and matched parts (shown marked).</summary>
public sealed record SearchHit(int PostId, int TopicId, IReadOnlyList<ExcerptPart> Excerpt);

public sealed record ExcerptPart(string Text, bool IsMatch);

public sealed record SearchIndexStats(int Documents, long SizeBytes);
