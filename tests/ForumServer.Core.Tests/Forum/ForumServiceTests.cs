using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Storage.LiteDb;
using Microsoft.Extensions.Time.Testing;

namespace ForumServer.Core.Tests.Forum;

/// <summary>The forum service over a real LiteDB file.</summary>
public sealed class ForumServiceTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ForumDatabase _db;
    private readonly LiteForumStore _store;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingHandler _events = new();
    private readonly ForumService _forum;
    private readonly Actor _alice = new("alice-id", "Alice", CanPost: true, IsModerator: false);
    private readonly Actor _bob = new("bob-id", "Bob", CanPost: true, IsModerator: false);
    private readonly Actor _mod = new("mod-id", "Mod", CanPost: true, IsModerator: true);
    private readonly int _categoryId;

    public ForumServiceTests()
    {
        _db = new ForumDatabase(System.IO.Path.Combine(_folder.Path, "forum.db"));
        _store = new LiteForumStore(_db);
        _forum = new ForumService(_store, new PostRenderer(), new ForumEventPublisher([_events]), _time);
        _categoryId = _forum.CreateCategoryAsync("General", "").Result.Value!.Id;
    }

    public void Dispose()
    {
        _db.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Topic_and_replies_are_numbered_and_counted()
    {
        var topic = (await _forum.CreateTopicAsync(_alice, _categoryId, "  Hello world  ", "first **post**")).Value!;
        _time.Advance(TimeSpan.FromMinutes(5));
        var reply = (await _forum.ReplyAsync(_bob, topic.Id, "a reply")).Value!;

        Assert.Equal("Hello world", topic.Title);
        Assert.Equal("hello-world", topic.Slug);
        Assert.Equal(2, reply.Number);
        var stored = (await _store.GetTopicAsync(topic.Id))!;
        Assert.Equal(2, stored.PostCount);
        Assert.Equal("Bob", stored.LastPosterName);
        Assert.Equal(_time.GetUtcNow(), stored.LastPostAt);
        var posts = await _store.ListPostsAsync(topic.Id, 0, 20);
        Assert.Equal(["first <strong>post</strong>", "a reply"], posts.Select(p => p.Html.Trim().Replace("<p dir=\"auto\">", "").Replace("</p>", "")));
        var category = (await _store.GetCategoryAsync(_categoryId))!;
        Assert.Equal((1, 2), (category.TopicCount, category.PostCount));
        Assert.Collection(_events.Events,
            e => Assert.IsType<CategoryChanged>(e),
            e => Assert.IsType<TopicCreated>(e),
            e => Assert.IsType<PostCreated>(e));
    }

    [Fact]
    public async Task Posts_page_by_twenty_in_order()
    {
        var topic = (await _forum.CreateTopicAsync(_alice, _categoryId, "Long", "post 1")).Value!;
        for (var i = 2; i <= 45; i++) await _forum.ReplyAsync(_bob, topic.Id, $"post {i}");

        var page3 = await _store.ListPostsAsync(topic.Id, 40, 20);
        Assert.Equal(Enumerable.Range(41, 5), page3.Select(p => p.Number));
        Assert.Equal(3, ForumService.PageOf(41));
        Assert.Equal(3, ForumService.PageCount(45, ForumService.PostsPerPage));
    }

    [Theory]
    [InlineData("", "body", "Title")]
    [InlineData("   ", "body", "Title")]
    [InlineData("ok", "", "Body")]
    [InlineData("ok", "  \n ", "Body")]
    public async Task Missing_title_or_body_is_refused_and_nothing_is_stored(string title, string body, string field)
    {
        var result = await _forum.CreateTopicAsync(_alice, _categoryId, title, body);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Field == field);
        Assert.Empty(await _store.ListTopicsAsync(_categoryId, 0, 10));
        Assert.Equal(0, _db.Posts.Count());
    }

    [Fact]
    public async Task Over_long_title_and_body_over_64_KiB_are_refused()
    {
        var result = await _forum.CreateTopicAsync(_alice, _categoryId, new string('t', 201), new string('b', 64 * 1024 + 1));
        Assert.Equal(["Title", "Body"], result.Errors.Select(e => e.Field));
        Assert.Equal(0, _db.Topics.Count());

        var ok = await _forum.CreateTopicAsync(_alice, _categoryId, new string('t', 200), new string('b', 64 * 1024));
        Assert.True(ok.Succeeded);
    }

    [Fact]
    public async Task Multibyte_text_counts_in_bytes_for_the_64_KiB_limit()
    {
        var result = await _forum.CreateTopicAsync(_alice, _categoryId, "Emoji", string.Concat(Enumerable.Repeat("😀", 16 * 1024 + 1)));
        Assert.Contains(result.Errors, e => e.Field == "Body");
    }

    [Fact]
    public async Task Unknown_category_or_topic_is_not_found()
    {
        Assert.True((await _forum.CreateTopicAsync(_alice, 999, "t", "b")).NotFound);
        Assert.True((await _forum.ReplyAsync(_alice, 999, "b")).NotFound);
        Assert.True((await _forum.EditPostAsync(_alice, 999, "b")).NotFound);
    }

    [Fact]
    public async Task Unconfirmed_member_cannot_post()
    {
        var unconfirmed = _alice with { CanPost = false };
        Assert.True((await _forum.CreateTopicAsync(unconfirmed, _categoryId, "t", "b")).Forbidden);
        Assert.Equal(0, _db.Topics.Count());
    }

    [Fact]
    public async Task Only_author_or_moderator_edits_and_edit_is_marked()
    {
        var topic = (await _forum.CreateTopicAsync(_alice, _categoryId, "t", "original")).Value!;
        var postId = topic.LastPostId;
        Assert.True((await _forum.EditPostAsync(_bob, postId, "hijack")).Forbidden);
        _time.Advance(TimeSpan.FromMinutes(3));
        var edited = (await _forum.EditPostAsync(_alice, postId, "changed *text*")).Value!;
        Assert.Equal(_time.GetUtcNow(), edited.EditedAt);
        Assert.Contains("<em>text</em>", (await _store.GetPostAsync(postId))!.Html);
        Assert.True((await _forum.EditPostAsync(_mod, postId, "moderated")).Succeeded);
    }

    [Fact]
    public async Task Removing_a_post_drops_its_content_and_records_who()
    {
        var topic = (await _forum.CreateTopicAsync(_alice, _categoryId, "t", "first")).Value!;
        var reply = (await _forum.ReplyAsync(_bob, topic.Id, "secret words")).Value!;
        Assert.True((await _forum.RemovePostAsync(_alice, reply.Id)).Forbidden);
        Assert.True((await _forum.RemovePostAsync(_mod, reply.Id)).Succeeded);

        var stored = (await _store.GetPostAsync(reply.Id))!;
        Assert.Equal(RemovedBy.Moderator, stored.Removal!.By);
        Assert.Equal("", stored.Markdown);
        Assert.Equal("", stored.Html);
        Assert.IsType<PostRemoved>(_events.Events[^1]);
    }

    [Fact]
    public async Task Locked_topic_takes_replies_only_from_moderators()
    {
        var topic = (await _forum.CreateTopicAsync(_alice, _categoryId, "t", "first")).Value!;
        topic.IsLocked = true;
        await _store.UpdateTopicAsync(topic);
        Assert.Contains((await _forum.ReplyAsync(_bob, topic.Id, "x")).Errors, e => e.Message.Contains("locked"));
        Assert.True((await _forum.ReplyAsync(_mod, topic.Id, "x")).Succeeded);
    }

    [Fact]
    public async Task Renaming_an_author_updates_their_posts()
    {
        var topic = (await _forum.CreateTopicAsync(_alice, _categoryId, "t", "first")).Value!;
        await _forum.ReplyAsync(_bob, topic.Id, "reply");
        await _store.RenameAuthorAsync(_alice.Id, "Alicia");
        var posts = await _store.ListPostsAsync(topic.Id, 0, 20);
        Assert.Equal(["Alicia", "Bob"], posts.Select(p => p.AuthorName));
        Assert.Equal("Alicia", (await _store.GetTopicAsync(topic.Id))!.AuthorName);
    }

    [Fact]
    public async Task Front_page_lists_topics_by_last_activity()
    {
        var older = (await _forum.CreateTopicAsync(_alice, _categoryId, "older", "x")).Value!;
        _time.Advance(TimeSpan.FromMinutes(1));
        await _forum.CreateTopicAsync(_alice, _categoryId, "newer", "x");
        _time.Advance(TimeSpan.FromMinutes(1));
        await _forum.ReplyAsync(_bob, older.Id, "bump");
        Assert.Equal(["older", "newer"], (await _store.ListRecentTopicsAsync(0, 10)).Select(t => t.Title));
    }

    private sealed class RecordingHandler : IForumEventHandler
    {
        public List<ForumEvent> Events { get; } = [];

        public Task HandleAsync(ForumEvent forumEvent, CancellationToken cancellationToken = default)
        {
            Events.Add(forumEvent);
            return Task.CompletedTask;
        }
    }
}
