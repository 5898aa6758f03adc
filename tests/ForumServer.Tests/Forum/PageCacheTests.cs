using ForumServer.Tests.Infrastructure;

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
}
