using ForumServer.Forum;
using ForumServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace ForumServer.Tests.Forum;

/// <summary>Anonymous pages come from the output cache, yet never show stale or someone else's content.</summary>
public sealed class PageCacheTests : IDisposable
{
    private readonly ForumApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Anonymous_readers_see_new_replies_edits_and_new_topics_immediately()
    {
        using var member = await _app.NewMemberAsync("Hana", "hana@example.org");
        var topicUrl = (await member.CreateTopicAsync(1, "Cached", "first")).Location!;
        using var anon = _app.NewBrowser();
        Assert.Equal(["first"], (await anon.GetAsync(topicUrl)).Texts(".post-body"));
        Assert.Equal(["first"], (await anon.GetAsync(topicUrl)).Texts(".post-body")); // now cached
        var front = await anon.GetAsync("/");
        Assert.Equal(["Cached"], front.Texts(".topic-title"));

        await member.ReplyAsync(topicUrl, "second");
        Assert.Equal(["first", "second"], (await anon.GetAsync(topicUrl)).Texts(".post-body"));

        await member.CreateTopicAsync(1, "Another", "x");
        Assert.Equal(["Another", "Cached"], (await anon.GetAsync("/")).Texts(".topic-title"));
        Assert.Contains("Another", (await anon.GetAsync("/c/1/general")).Texts(".topic-title"));
    }

    [Fact]
    public async Task A_signed_in_member_never_gets_the_anonymous_cached_page_and_vice_versa()
    {
        using var member = await _app.NewMemberAsync("Ivo", "ivo@example.org");
        var topicUrl = (await member.CreateTopicAsync(1, "Personal", "text")).Location!;
        using var anon = _app.NewBrowser();
        await anon.GetAsync(topicUrl);
        await anon.GetAsync(topicUrl);

        var asMember = await member.GetAsync(topicUrl);
        Assert.NotNull(asMember.Document.QuerySelector("form#reply"));
        Assert.Equal("Ivo", asMember.Text(".site-nav .me"));

        var asAnon = await anon.GetAsync(topicUrl);
        Assert.Null(asAnon.Document.QuerySelector("form#reply"));
        Assert.DoesNotContain("Ivo</a>", asAnon.Html.Split("<main")[0]);
    }

    [Fact]
    public async Task Anonymous_readers_reading_while_members_reply_never_leave_a_stale_page_in_the_cache()
    {
        using var writer = await _app.NewMemberAsync("Jura", "jura@example.org");
        var topicUrl = (await writer.CreateTopicAsync(1, "Busy topic", "post 0")).Location!;
        const int replies = 18;
        using var stop = new CancellationTokenSource();

        // Readers keep missing the cache (every reply evicts it) and render the page while replies are stored.
        var readers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            using var reader = _app.NewBrowser();
            while (!stop.IsCancellationRequested) await reader.GetAsync(topicUrl);
        })).ToList();
        using var late = _app.NewBrowser();
        var stale = new List<string>();
        for (var i = 1; i <= replies; i++)
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, (await writer.ReplyAsync(topicUrl, $"post {i}")).Status);
            // A reader that arrives after the reply was stored must see it, whatever the readers before it rendered.
            var shown = (await late.GetAsync(topicUrl)).Texts(".post-body");
            if (shown.Count() != i + 1) stale.Add($"after reply {i}: {shown.Count()} posts");
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Empty(stale);
        Assert.Equal(Enumerable.Range(0, replies + 1).Select(i => $"post {i}"), (await late.GetAsync(topicUrl)).Texts(".post-body"));
    }

    [Fact]
    public async Task A_page_rendered_before_an_eviction_of_its_topic_is_not_stored_after_it()
    {
        // The interleaving that left a stale topic page for the cache's whole lifetime: a reader's request starts and
        // reads the posts, a reply is stored and evicts the topic's pages, then the reader's response is stored.
        var store = _app.Service<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>();
        var requests = _app.Service<IHttpContextAccessor>();
        var reader = new DefaultHttpContext();
        requests.HttpContext = reader;
        _app.Service<StaleSafeOutputCacheStore>().NoteRequestStart(reader);
        var tags = new[] { ForumPageCache.AllTag, ForumPageCache.TopicTag(7) };

        await store.EvictByTagAsync(ForumPageCache.TopicTag(7), default);
        await store.SetAsync("stale", "old page"u8.ToArray(), tags, TimeSpan.FromMinutes(1), default);
        Assert.Null(await store.GetAsync("stale", default));

        // A request that starts after the eviction is stored as before, and the next eviction removes it.
        var next = new DefaultHttpContext();
        requests.HttpContext = next;
        _app.Service<StaleSafeOutputCacheStore>().NoteRequestStart(next);
        await store.SetAsync("fresh", "new page"u8.ToArray(), tags, TimeSpan.FromMinutes(1), default);
        Assert.Equal("new page"u8.ToArray(), await store.GetAsync("fresh", default));
        await store.EvictByTagAsync(ForumPageCache.TopicTag(7), default);
        Assert.Null(await store.GetAsync("fresh", default));
        requests.HttpContext = null;
    }
}
