using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Pages.Forum;

namespace ForumServer.Live;

/// <summary>Turns posts and topics into the markup and messages the pages use, through the pages' own partials.</summary>
public sealed class LiveMarkup(PartialRenderer renderer, IForumStore store)
{
    public const string PostPartial = "/Pages/Forum/_Posts.cshtml";
    public const string TopicRowPartial = "/Pages/Forum/_TopicRow.cshtml";

    /// <summary>The post's article for a reader who may neither edit nor remove it.</summary>
    public async Task<PostMessage> PostMessageAsync(Topic topic, Post post)
    {
        var html = await renderer.RenderAsync<IReadOnlyList<PostView>>(PostPartial, [PostView.For(post, viewer: null)]);
        var page = ForumService.PageOf(post.Number);
        return new PostMessage(topic.Id, topic.CategoryId, post.Id, post.Number, page, post.AuthorId, post.AuthorName, html, PostUrl(topic, post));
    }

    /// <summary>The post's article as the viewer of <paramref name="request"/> sees it on the topic page, actions included.</summary>
    public Task<string> PostForViewerAsync(Post post, Actor? viewer, HttpContext request) =>
        renderer.RenderAsync<IReadOnlyList<PostView>>(PostPartial, [PostView.For(post, viewer)], request);

    public async Task<TopicMessage> TopicMessageAsync(Topic topic, bool removed = false)
    {
        string row = "", frontRow = "";
        if (!removed)
        {
            var categories = await store.ListCategoriesAsync();
            var list = new TopicListView([topic], categories.ToDictionary(c => c.Id));
            row = await renderer.RenderAsync(TopicRowPartial, new TopicRowView(topic, null));
            frontRow = await renderer.RenderAsync(TopicRowPartial, list.RowOf(topic));
        }
        return new TopicMessage(topic.Id, topic.CategoryId, topic.Title, topic.AuthorName, topic.PostCount, topic.LastPosterName,
            topic.IsLocked, ForumLinks.Topic(topic), row, frontRow);
    }

    public static string PostUrl(Topic topic, Post post) => ForumLinks.Post(topic, post);
}
