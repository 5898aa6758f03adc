using System.Net;
using ForumServer.Core.Forum;
using ForumServer.Core.Media;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Media;

namespace ForumServer.Tests.Hardening;

/// <summary>
/// Markdown that would cost seconds of CPU or make Markdig throw is answered with the form and a rule beside the
/// text field, through both post forms, and the photo sent with it is not left behind. Each of the two test classes
/// below shares one app among its tests, each test with a member of its own; no test in either stores a photo, and
/// no test in <see cref="HostileMarkdownTests"/> stores a topic.
/// </summary>
public abstract class HostileMarkdownTestBase(ForumApp app) : IAsyncLifetime
{
    private static int _members;
    protected ForumApp App { get; } = app;
    protected TestBrowser Poster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var n = Interlocked.Increment(ref _members);
        Poster = await App.NewMemberAsync($"Carol{n}", $"carol{n}@example.org");
    }

    public Task DisposeAsync()
    {
        Poster.Dispose();
        return Task.CompletedTask;
    }

    public static TheoryData<string, string> Hostile() => new()
    {
        { "pipe-table", "a|b\n-|-\n" + new string('|', 60_000) },
        { "table-rows", "a|b\n-|-\n" + string.Concat(Enumerable.Repeat("|x|\n", 12_000)) },
        { "quotes", new string('>', 5000) + " x" },
        { "brackets", new string('[', 5000) + "x" },
        { "lists", string.Concat(Enumerable.Repeat("- ", 5000)) + "x" },
        { "emphasis", string.Concat(Enumerable.Repeat("*a ", 15_000)) },
        { "many-elements", string.Concat(Enumerable.Repeat("# a\n", 12_000)) },
    };

    protected string[] MediaFiles()
    {
        var folder = Path.Combine(App.DataFolder, "media");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    protected async Task<TestBrowser.Page> PostWithPhotoAsync(string pageUrl, string formSelector, Dictionary<string, string> fields)
    {
        var page = await Poster.GetAsync(pageUrl);
        var formElement = page.Document.QuerySelector(formSelector)!;
        var form = new MultipartFormDataContent
        {
            { new StringContent(formElement.QuerySelector("input[name=__af]")!.GetAttribute("value")!), "__af" },
        };
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        var photo = MediaClient.PhonePhoto();
        var file = new ByteArrayContent(photo.Bytes);
        file.Headers.ContentType = new("image/jpeg");
        form.Add(file, "Input.Files", photo.Name);
        var action = formElement.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        var response = await Poster.Client.PostAsync(action, form);
        return await TestBrowser.Page.ReadAsync(response, action);
    }

    protected async Task AssertRefusedAsync(TestBrowser.Page page)
    {
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        var message = page.Text("[data-valmsg-for='Input.Body']");
        Assert.Matches("nested too deeply|at most 64 columns|cells in all|runs of '\\*'|too many paragraphs", message);
        Assert.Empty(MediaFiles());
        Assert.Empty(await App.Service<IMediaItemStore>().ListUnattachedBeforeAsync(DateTimeOffset.MaxValue, 100));
    }

}

/// <summary>Costly markdown in a new topic: nothing is stored, so the forum stays without topics for all these tests.</summary>
public sealed class HostileMarkdownTests(SharedForumApp app) : HostileMarkdownTestBase(app), IClassFixture<SharedForumApp>
{
    [Theory]
    [MemberData(nameof(Hostile), MemberType = typeof(HostileMarkdownTestBase))]
    public async Task New_topic_with_costly_markdown_shows_the_rule_and_stores_neither_topic_nor_photo(string kind, string body)
    {
        var page = await PostWithPhotoAsync("/c/1/new", "form.editor", new() { ["Input.Title"] = kind, ["Input.Body"] = body });

        await AssertRefusedAsync(page);
        Assert.Equal(kind, page.Document.QuerySelector("input[name='Input.Title']")!.GetAttribute("value"));
        Assert.Empty(await App.Service<IForumStore>().ListRecentTopicsAsync(0, 10));
    }
}

/// <summary>Costly markdown in a reply to a topic of the test's own.</summary>
public sealed class HostileMarkdownReplyTests(SharedForumApp app) : HostileMarkdownTestBase(app), IClassFixture<SharedForumApp>
{
    [Theory]
    [MemberData(nameof(Hostile), MemberType = typeof(HostileMarkdownTestBase))]
    public async Task Reply_with_costly_markdown_shows_the_rule_and_stores_neither_post_nor_photo(string kind, string body)
    {
        var topicUrl = (await Poster.CreateTopicAsync(1, "Topic " + kind, "first")).Location!;

        var page = await PostWithPhotoAsync(topicUrl, "form#reply", new() { ["Input.Body"] = body });

        await AssertRefusedAsync(page);
        Assert.Single((await Poster.GetAsync(topicUrl)).Document.QuerySelectorAll(".post"));
    }
}
