using System.Net;
using ForumServer.Core.Forum;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Forum;

/// <summary>
/// Each bad input gets a page that says what is wrong, and nothing is stored. The tests share one app and each
/// signs in as a member of its own; no test here stores a topic, so the forum's topic count stays 0 throughout
/// (the one test that needs a topic is in <see cref="BadReplyTests"/>).
/// </summary>
public sealed class BadInputTests(SharedForumApp app) : IClassFixture<SharedForumApp>, IAsyncLifetime
{
    private static int _members;
    private readonly ForumApp _app = app;
    private TestBrowser _member = null!;

    public async Task InitializeAsync()
    {
        var n = Interlocked.Increment(ref _members);
        _member = await _app.NewMemberAsync($"Carol{n}", $"carol{n}@example.org");
    }

    public Task DisposeAsync()
    {
        _member.Dispose();
        return Task.CompletedTask;
    }

    private async Task<int> TopicCountAsync() => (await _app.Service<IForumStore>().ListRecentTopicsAsync(0, 1000)).Count;

    [Theory]
    [InlineData("", "some text", "Input.Title", "Title is required.")]
    [InlineData("a title", "", "Input.Body", "Post text is required.")]
    [InlineData("long", "body", "Input.Title", "Title must be at most 200 characters")]
    [InlineData("a title", "huge", "Input.Body", "Post text must be at most 64 KiB")]
    public async Task New_topic_with_bad_field_shows_the_rule_beside_the_field_and_stores_nothing(string title, string body, string field, string message)
    {
        if (title == "long") title = new string('x', 201);
        if (body == "huge") body = new string('y', 65 * 1024);
        var page = await _member.CreateTopicAsync(1, title, body);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Document.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent);
        // What the member typed is still in the form.
        if (title.Length > 0) Assert.Equal(title, page.Document.QuerySelector("input[name='Input.Title']")!.GetAttribute("value"));
        Assert.Equal(0, await TopicCountAsync());
    }

    [Theory]
    [InlineData("/t/9999")]
    [InlineData("/t/9999/some-slug")]
    [InlineData("/c/9999")]
    [InlineData("/c/9999/new")]
    [InlineData("/p/9999/edit")]
    [InlineData("/no/such/page")]
    public async Task Unknown_category_topic_or_page_gets_a_real_404_page(string url)
    {
        var page = await _member.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Not found", page.Text("h1"));
        Assert.NotNull(page.Document.QuerySelector("link[rel=stylesheet]"));
    }

    [Fact]
    public async Task Posting_into_an_unknown_category_is_404_and_stores_nothing()
    {
        var form = await _member.GetAsync("/c/1/new");
        var token = form.Document.QuerySelector("input[name=__af]")!.GetAttribute("value")!;
        var response = await _member.PostRawAsync("/c/4242/new", new() { ["__af"] = token, ["Input.Title"] = "x", ["Input.Body"] = "y" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await TopicCountAsync());
    }

    [Fact]
    public async Task Form_post_without_antiforgery_token_is_refused_and_stores_nothing()
    {
        var response = await _member.PostRawAsync("/c/1/new", new() { ["Input.Title"] = "x", ["Input.Body"] = "y" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await TopicCountAsync());
    }

    [Fact]
    public async Task Anonymous_visitor_posting_is_sent_to_sign_in()
    {
        using var anon = _app.NewBrowser();
        var page = await anon.GetAsync("/c/1/new");
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/account/login", page.Location);
    }
}

/// <summary>A bad reply, on an app of its own: it stores a topic, which the topic counts of <see cref="BadInputTests"/> must not see.</summary>
public sealed class BadReplyTests : IDisposable
{
    private readonly ForumApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Reply_over_64_KiB_is_refused_and_the_topic_keeps_one_post()
    {
        using var member = await _app.NewMemberAsync("Carol", "carol@example.org");
        var topicUrl = (await member.CreateTopicAsync(1, "Topic", "first")).Location!;
        var page = await member.ReplyAsync(topicUrl, new string('z', 64 * 1024 + 1));
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Post text must be at most 64 KiB", page.Text("[data-valmsg-for='Input.Body']"));
        Assert.Single((await member.GetAsync(topicUrl)).Document.QuerySelectorAll(".post"));
    }
}
