using System.Text.Encodings.Web;
using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Core.Curation;
using ForumServer.Core.Forum;
using ForumServer.Core.Localization;
using ForumServer.Core.Reactions;
using Microsoft.AspNetCore.Html;

namespace ForumServer.Community;

/// <summary>What a post shows besides its text: likes, and the answer mark in question topics.</summary>
public sealed record PostCommunityView(Post Post, Topic? Topic, int Likes, bool LikedByViewer, bool CanLike, bool IsQuestion, bool CanAccept, bool IsAnswer, Post? Answer);

/// <summary>
/// Reads for the partials the forum pages include (post extras, topic rows). A singleton, because live updates
/// render the same partials outside any request; per-request lookups are kept in <c>HttpContext.Items</c>.
/// </summary>
public sealed class CommunityViews(IForumStore forum, IReactionStore reactions, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<PostCommunityView> ForPostAsync(HttpContext http, Post post)
    {
        var topic = await Cached(http, $"community:topic:{post.TopicId}", () => forum.GetTopicAsync(post.TopicId));
        var category = topic is null ? null : await Cached(http, $"community:category:{topic.CategoryId}", () => forum.GetCategoryAsync(topic.CategoryId));
        var actor = await ActorAsync(http);
        int likes;
        bool liked;
        if (http.Items.TryGetValue(PageLikesKey, out var found) && found is PageLikes page && page.Covers(post.Id))
        {
            likes = page.Counts.GetValueOrDefault(post.Id);
            liked = page.LikedByViewer.Contains(post.Id);
        }
        else
        {
            likes = await reactions.CountOfPostAsync(post.Id);
            liked = actor is not null && likes > 0 && (await reactions.LikedByAsync(actor.Id, [post.Id])).Count > 0;
        }
        var isQuestion = category?.IsQuestions == true;
        Post? answer = null;
        if (post.Number == 1 && topic is { IsSolved: true } && await forum.GetPostAsync(topic.AcceptedPostId) is { IsRemoved: false } accepted)
            answer = accepted;
        return new PostCommunityView(post, topic, likes, liked,
            CanLike: actor is not null && actor.CanPost && actor.Id != post.AuthorId,
            IsQuestion: isQuestion,
            CanAccept: isQuestion && post.Number > 1 && topic is not null && CurationService.MayAccept(actor, topic),
            IsAnswer: topic?.AcceptedPostId == post.Id,
            Answer: answer);
    }

    /// <summary>
    /// Reads the likes of a page's posts in two queries, for <see cref="ForPostAsync"/> to use instead of two
    /// queries per post; the page's topic and category, read already, are not read again.
    /// </summary>
    public async Task PreloadPostsAsync(HttpContext http, Topic topic, Category category, IReadOnlyList<Post> posts)
    {
        http.Items[$"community:topic:{topic.Id}"] = topic;
        http.Items[$"community:category:{topic.CategoryId}"] = category;
        var ids = posts.Select(p => p.Id).ToHashSet();
        var counts = await reactions.CountOfPostsAsync(ids);
        var actor = await ActorAsync(http);
        IReadOnlySet<int> liked = actor is null || counts.Count == 0 ? new HashSet<int>() : await reactions.LikedByAsync(actor.Id, counts.Keys.ToList());
        http.Items[PageLikesKey] = new PageLikes(ids, counts, liked);
    }

    public Task<int> LikesOfTopicAsync(int topicId) => reactions.CountOfTopicAsync(topicId);

    private const string PageLikesKey = "community:page-likes";

    private sealed record PageLikes(IReadOnlySet<int> PostIds, IReadOnlyDictionary<int, int> Counts, IReadOnlySet<int> LikedByViewer)
    {
        public bool Covers(int postId) => PostIds.Contains(postId);
    }

    private static async Task<Actor?> ActorAsync(HttpContext http)
    {
        // Live messages render outside a request, as an anonymous reader sees the post.
        if (http.User.Identity?.IsAuthenticated != true) return null;
        return http.RequestServices.GetService<CurrentMember>() is { } current ? await current.GetActorAsync() : null;
    }

    private static async Task<T?> Cached<T>(HttpContext http, string key, Func<Task<T?>> load) where T : class
    {
        if (http.Items.TryGetValue(key, out var found)) return found as T;
        var value = await load();
        http.Items[key] = value;
        return value;
    }

    /// <summary>Profile URL of a member; null for former members and ids that name nobody.</summary>
    public static string? ProfileUrl(string? memberId, string? displayName) =>
        string.IsNullOrEmpty(memberId) || memberId.StartsWith("former-", StringComparison.Ordinal) ? null
            : $"/u/{memberId}/{Slug.From(displayName ?? "")}";

    public static string AvatarUrl(string? memberId, string size) =>
        string.IsNullOrEmpty(memberId) || memberId.StartsWith("former-", StringComparison.Ordinal) ? $"/u/former/avatar/{size}" : $"/u/{memberId}/avatar/{size}";

    /// <summary>The small avatar beside a name (a former member gets the neutral one).</summary>
    public static IHtmlContent Avatar(string? memberId) =>
        new HtmlString($"<img class=\"avatar\" src=\"{HtmlEncoder.Default.Encode(AvatarUrl(memberId, "s"))}\" alt=\"\" width=\"24\" height=\"24\" loading=\"lazy\">");

    /// <summary>An author's name linked to the profile (plain text for former members), with the avatar unless asked not to.</summary>
    public static IHtmlContent AuthorLink(AuthorRef author)
    {
        var name = HtmlEncoder.Default.Encode(author.Name);
        var avatar = author.WithAvatar ? ((HtmlString)Avatar(author.Id)).Value : "";
        return new HtmlString(ProfileUrl(author.Id, author.Name) is { } url
            ? $"{avatar}<a class=\"author\" href=\"{HtmlEncoder.Default.Encode(url)}\">{name}</a>"
            : $"{avatar}<span class=\"author\">{name}</span>");
    }

    /// <summary>A translated template with HTML arguments: the template is encoded, the arguments are markup already.</summary>
    public static IHtmlContent Format(string translatedTemplate, params IHtmlContent[] args)
    {
        var encoded = HtmlEncoder.Default.Encode(translatedTemplate);
        var parts = args.Select(a =>
        {
            using var writer = new StringWriter();
            a.WriteTo(writer, HtmlEncoder.Default);
            return (object)writer.ToString();
        }).ToArray();
        return new HtmlString(string.Format(System.Globalization.CultureInfo.CurrentCulture, encoded, parts));
    }

    /// <summary>"3 h ago" in the reader's language; the exact UTC time goes in the element's title.</summary>
    public static string Relative(DateTimeOffset at, DateTimeOffset now)
    {
        var ago = now - at;
        if (ago < TimeSpan.FromMinutes(1)) return Texts.T("just now");
        if (ago < TimeSpan.FromHours(1)) return Texts.T("{0} min ago", (int)ago.TotalMinutes);
        if (ago < TimeSpan.FromDays(1)) return Texts.T("{0} h ago", (int)ago.TotalHours);
        if (ago < TimeSpan.FromDays(30)) return Plural((int)ago.TotalDays, "{0} day ago", "{0} days ago");
        return at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>English, Italian and German all use the singular for exactly one and the plural otherwise.</summary>
    public static string Plural(int count, string one, string other) => Texts.T(count == 1 ? one : other, count);
}

/// <summary>An author as lists and posts show them: linked to the profile unless a former member.</summary>
public sealed record AuthorRef(string? Id, string Name, bool WithAvatar = true);
