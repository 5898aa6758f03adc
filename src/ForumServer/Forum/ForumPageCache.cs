using ForumServer.Core.Forum;
using Microsoft.AspNetCore.OutputCaching;

namespace ForumServer.Forum;

/// <summary>
/// Output caching for the pages anyone can read (front, category, topic), for anonymous visitors only: pages for
/// signed-in members are personal. Entries are tagged by topic and category and evicted when they change.
/// </summary>
public sealed class ForumPageCache : IOutputCachePolicy
{
    public const string PolicyName = "ForumPages";
    public const string AllTag = "forum";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static string TopicTag(int id) => $"topic:{id}";
    public static string CategoryTag(int id) => $"category:{id}";
    public const string FrontTag = "front";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var anonymous = http.User.Identity?.IsAuthenticated != true && !http.Request.Cookies.ContainsKey(AuthCookieName);
        var cacheable = anonymous && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        // No coalescing of misses: a request that arrives after a reply was stored would otherwise be handed the
        // response of a render that started before it, and show the topic without that reply.
        context.AllowLocking = false;
        if (cacheable) http.RequestServices.GetRequiredService<StaleSafeOutputCacheStore>().NoteRequestStart(http);
        context.ResponseExpirationTimeSpan = Lifetime;
        context.CacheVaryByRules.QueryKeys = "page";
        // The culture request localization chose (language cookie, else Accept-Language): a page cached in one
        // language is never served to a visitor who reads another.
        context.CacheVaryByRules.VaryByValues["culture"] = System.Globalization.CultureInfo.CurrentUICulture.Name;
        context.Tags.Add(AllTag);
        var path = http.Request.Path.Value ?? "/";
        var id = http.GetRouteValue("id") as string;
        if (path.StartsWith("/t/", StringComparison.Ordinal) && id is not null) context.Tags.Add($"topic:{id}");
        else if (path.StartsWith("/c/", StringComparison.Ordinal) && id is not null) context.Tags.Add($"category:{id}");
        else context.Tags.Add(FrontTag);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // Never store a response that sets a cookie or is not a plain success.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    public const string AuthCookieName = ".forum.auth";
}

/// <summary>Evicts the cached pages a forum change makes stale.</summary>
public sealed class ForumPageCacheEvictor(IOutputCacheStore cache) : IForumEventHandler
{
    public async Task HandleAsync(ForumEvent forumEvent, CancellationToken cancellationToken = default)
    {
        if (forumEvent is CategoryChanged)
        {
            await EvictAllAsync(cancellationToken);
            return;
        }
        await cache.EvictByTagAsync(ForumPageCache.TopicTag(forumEvent.TopicId), cancellationToken);
        await cache.EvictByTagAsync(ForumPageCache.CategoryTag(forumEvent.CategoryId), cancellationToken);
        if (forumEvent is TopicMoved moved)
            await cache.EvictByTagAsync(ForumPageCache.CategoryTag(moved.FromCategoryId), cancellationToken);
        await cache.EvictByTagAsync(ForumPageCache.FrontTag, cancellationToken);
    }

    /// <summary>For changes that touch many pages at once (a renamed author, a renamed category).</summary>
    public ValueTask EvictAllAsync(CancellationToken cancellationToken = default) =>
        cache.EvictByTagAsync(ForumPageCache.AllTag, cancellationToken);
}
