using ForumServer.Accounts;
using ForumServer.Core.Forum;

namespace ForumServer.Live;

/// <summary>
/// <c>GET /t/{id}/posts-after/{postId}</c>: the posts of a topic after the last one a page has, as the viewer sees
/// them. A page calls it after (re)connecting so nothing posted while it was offline is skipped.
/// </summary>
public static class PostsAfterEndpoint
{
    public const int MaxTake = 50;

    public sealed record Fragment(int PostId, int Number, int Page, bool IsRemoved, string Html);

    public sealed record Response(int TopicId, int LastPostId, bool HasMore, IReadOnlyList<Fragment> Posts);

    public static void MapPostsAfter(this WebApplication app) =>
        app.MapGet("/t/{id:int}/posts-after/{postId:int}", HandleAsync);

    private static async Task<IResult> HandleAsync(int id, int postId, int? take, HttpContext http, IForumStore store, CurrentMember current, LiveMarkup markup)
    {
        if (postId < 0) return Results.Problem(detail: "postId must be 0 or more.", statusCode: StatusCodes.Status400BadRequest);
        if (take is < 1 or > MaxTake)
            return Results.Problem(detail: $"take must be between 1 and {MaxTake}.", statusCode: StatusCodes.Status400BadRequest);
        var topic = await store.GetTopicAsync(id);
        if (topic is null || topic.IsRemoved) return Results.Problem(detail: $"Topic {id} does not exist.", statusCode: StatusCodes.Status404NotFound);

        var limit = take ?? MaxTake;
        var posts = await store.ListPostsAfterAsync(id, postId, limit + 1);
        var viewer = await current.GetActorAsync();
        var fragments = new List<Fragment>();
        foreach (var post in posts.Take(limit))
            fragments.Add(new Fragment(post.Id, post.Number, ForumService.PageOf(post.Number), post.IsRemoved,
                await markup.PostForViewerAsync(post, viewer, http)));

        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(new Response(id, fragments.Count == 0 ? postId : fragments[^1].PostId, posts.Count > limit, fragments));
    }
}
