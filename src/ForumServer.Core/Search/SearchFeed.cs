using System.Net;
using System.Text.RegularExpressions;
using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Localization;

namespace ForumServer.Core.Search;

/// <summary>
/// Keeps the search index in step with the forum: turns posts into documents, applies post events, and refills
/// the whole index from the store.
/// </summary>
public sealed partial class SearchFeed(ISearchIndex index, IForumStore forum, IMemberStore members)
{
    private const int Batch = 500;

    /// <summary>Applies one forum event. Removals reach the index before this returns, so results drop them at once.</summary>
    public async Task ApplyAsync(ForumEvent forumEvent, CancellationToken cancellationToken = default)
    {
        switch (forumEvent)
        {
            case TopicCreated created:
                await IndexAsync(created.Topic, created.FirstPost, cancellationToken);
                break;
            case PostCreated created:
                await IndexAsync(created.Topic, created.Post, cancellationToken);
                break;
            case PostEdited edited:
                await IndexAsync(edited.Topic, edited.Post, cancellationToken);
                break;
            case PostRemoved removed:
                await index.RemovePostsAsync([removed.Post.Id], cancellationToken);
                break;
            case TopicRemoved removed:
                await index.RemoveTopicAsync(removed.Topic.Id, cancellationToken);
                break;
            case TopicMoved moved:
                await ReindexTopicAsync(moved.Topic, new Dictionary<string, string>(), cancellationToken);
                break;
        }
    }

    /// <summary>
    /// Fills the index with every live post, reporting the count as it goes. <paramref name="clear"/> empties it
    /// first; a fresh index is already empty and may meanwhile be receiving events, so it is not cleared.
    /// </summary>
    public async Task<int> RebuildAsync(bool clear, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (clear) await index.ClearAsync(cancellationToken);
        var languages = new Dictionary<string, string>();
        var count = 0;
        foreach (var category in await forum.ListCategoriesAsync())
        {
            for (var skip = 0; ; skip += Batch)
            {
                var topics = await forum.ListTopicsAsync(category.Id, skip, Batch);
                foreach (var topic in topics)
                {
                    count += await ReindexTopicAsync(topic, languages, cancellationToken);
                    progress?.Invoke(count);
                }
                if (topics.Count < Batch) break;
            }
        }
        await index.FlushAsync(rebuilt: true, cancellationToken);
        return count;
    }

    private async Task<int> ReindexTopicAsync(Topic topic, Dictionary<string, string> languages, CancellationToken cancellationToken)
    {
        if (topic.IsRemoved) return 0;
        var count = 0;
        for (var skip = 0; ; skip += Batch)
        {
            var posts = await forum.ListPostsAsync(topic.Id, skip, Batch);
            var documents = new List<SearchDocument>(posts.Count);
            foreach (var post in posts)
                if (!post.IsRemoved) documents.Add(Document(topic, post, await LanguageOfAsync(post.AuthorId, languages)));
            if (documents.Count > 0) await index.IndexAsync(documents, cancellationToken);
            count += documents.Count;
            if (posts.Count < Batch) return count;
        }
    }

    private async Task IndexAsync(Topic topic, Post post, CancellationToken cancellationToken)
    {
        if (post.IsRemoved || topic.IsRemoved)
        {
            await index.RemovePostsAsync([post.Id], cancellationToken);
            return;
        }
        var language = await LanguageOfAsync(post.AuthorId, null);
        await index.IndexAsync([Document(topic, post, language)], cancellationToken);
    }

    private async Task<string> LanguageOfAsync(string authorId, Dictionary<string, string>? cache)
    {
        if (cache is not null && cache.TryGetValue(authorId, out var known)) return known;
        // An anonymized post has no member any more: "" asks the index to keep the language it had.
        var member = await members.GetAsync(authorId);
        var language = member is null ? "" : Texts.Supported(member.Language) ?? Texts.DefaultLanguage;
        if (cache is not null) cache[authorId] = language;
        return language;
    }

    public static SearchDocument Document(Topic topic, Post post, string language) => new(
        post.Id, topic.Id, topic.CategoryId, post.Number == 1, post.AuthorId, post.AuthorName, language,
        topic.Title, PlainText(post.Html), post.CreatedAt);

    /// <summary>The words a reader sees in a post: its sanitized HTML without tags, entities decoded.</summary>
    public static string PlainText(string html)
    {
        var text = Tags().Replace(Breaks().Replace(html, " "), "");
        text = WebUtility.HtmlDecode(text);
        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"<(br|/p|/li|/h\d|/pre|/blockquote|/td|/th|/tr)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Breaks();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
