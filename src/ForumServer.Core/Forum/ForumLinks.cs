namespace ForumServer.Core.Forum;

/// <summary>The site-relative addresses of topics and posts: one place that knows the URL scheme.</summary>
public static class ForumLinks
{
    public static string Topic(int topicId, string? slug, int page = 1) =>
        $"/t/{topicId}{(string.IsNullOrEmpty(slug) ? "" : "/" + slug)}{(page > 1 ? $"?page={page}" : "")}";

    public static string Topic(Topic topic, int page = 1) => Topic(topic.Id, topic.Slug, page);

    /// <summary>A post on the page that holds it, by its number in the topic.</summary>
    public static string Post(int topicId, string? slug, int postNumber, int postId) =>
        $"{Topic(topicId, slug, ForumService.PageOf(postNumber))}#post-{postId}";

    public static string Post(Topic topic, Post post) => Post(topic.Id, topic.Slug, post.Number, post.Id);
}
