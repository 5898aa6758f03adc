using ForumServer.Core.Forum;
using ForumServer.Core.Localization;

namespace ForumServer.Core.Search;

/// <summary>Finds a member id by public display name (ignoring case), for the author: filter.</summary>
public interface IAuthorDirectory
{
    Task<string?> FindIdByDisplayNameAsync(string displayName);
}

/// <summary>One result as a reader sees it; <see cref="Url"/> opens the topic page holding the post, at the post.</summary>
public sealed record SearchResult(
    int PostId,
    string TopicTitle,
    string Url,
    string AuthorName,
    Category? Category,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ExcerptPart> Excerpt);

/// <summary>A page of results, or a message saying why the query cannot run.</summary>
public sealed record SearchOutcome(string? Message, int Total, int Page, int LastPage, IReadOnlyList<SearchResult> Results)
{
    public static SearchOutcome Problem(string message) => new(message, 0, 1, 1, []);
}

/// <summary>Runs a query typed by a reader: parses it, resolves its filters, and shows only what still exists.</summary>
public sealed class SearchService(ISearchIndex index, IForumStore forum, IAuthorDirectory authors)
{
    public const int ResultsPerPage = 20;

    /// <summary>Results stop after this many pages: deep pages cost the index most and help nobody.</summary>
    public const int MaxPages = 50;

    public async Task<SearchOutcome> SearchAsync(string? text, int page, SearchOrder order, CancellationToken cancellationToken = default)
    {
        var parsed = SearchQueryParser.Parse(text);
        if (parsed.Query is not { } query) return SearchOutcome.Problem(Texts.T(parsed.Error!, parsed.ErrorArgs));
        page = Math.Clamp(page, 1, MaxPages);

        var categories = (await forum.ListCategoriesAsync()).ToDictionary(c => c.Id);
        int? categoryId = null;
        if (query.CategorySlug is { } slug)
        {
            var category = categories.Values.FirstOrDefault(c => c.Slug.Equals(slug, StringComparison.OrdinalIgnoreCase));
            if (category is null) return SearchOutcome.Problem(Texts.T("There is no category “{0}”. Use the short name shown in the category's address.", slug));
            categoryId = category.Id;
        }
        var authorId = query.AuthorName is { } name ? await authors.FindIdByDisplayNameAsync(name) : null;

        var request = new SearchRequest(query, categoryId, authorId, order, (page - 1) * ResultsPerPage, ResultsPerPage);
        var hits = await index.SearchAsync(request, cancellationToken);
        // The store has the last word: a post removed a moment ago is never shown, names are current.
        var posts = (await forum.GetPostsAsync(hits.Hits.Select(h => h.PostId).ToList())).ToDictionary(p => p.Id);
        var topics = (await forum.GetTopicsAsync(posts.Values.Select(p => p.TopicId).ToList())).ToDictionary(t => t.Id);
        var results = new List<SearchResult>(hits.Hits.Count);
        foreach (var hit in hits.Hits)
        {
            if (posts.GetValueOrDefault(hit.PostId) is not { IsRemoved: false } post) continue;
            if (topics.GetValueOrDefault(post.TopicId) is not { IsRemoved: false } topic) continue;
            results.Add(new SearchResult(post.Id, topic.Title, ForumLinks.Post(topic, post), post.AuthorName,
                categories.GetValueOrDefault(topic.CategoryId), post.CreatedAt, hit.Excerpt));
        }
        var lastPage = Math.Min(MaxPages, ForumService.PageCount(hits.Total, ResultsPerPage));
        return new SearchOutcome(null, hits.Total, page, lastPage, results);
    }
}
