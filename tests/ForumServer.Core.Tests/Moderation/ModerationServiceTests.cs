using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Moderation;
using ForumServer.Storage.LiteDb;
using Microsoft.Extensions.Time.Testing;

namespace ForumServer.Core.Tests.Moderation;

/// <summary>Moderation and account removal over a real LiteDB file, with the hooks other features plug into.</summary>
public sealed class ModerationServiceTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ForumDatabase _db;
    private readonly LiteForumStore _forumStore;
    private readonly LiteMemberStore _members;
    private readonly LiteModerationStore _store;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingCleaner _cleaner = new();
    private readonly List<ForumEvent> _events = [];
    private readonly ForumService _forum;
    private readonly ModerationService _moderation;
    private readonly AccountEraser _eraser;
    private readonly AuditLog _audit;
    private readonly int _categoryId;
    private readonly Actor _mod = new("mod-id", "Mod", CanPost: true, IsModerator: true);
    private readonly Actor _admin = new("admin-id", "Admin", CanPost: true, IsModerator: true, IsAdministrator: true);

    public ModerationServiceTests()
    {
        _db = new ForumDatabase(Path.Combine(_folder.Path, "forum.db"));
        _forumStore = new LiteForumStore(_db);
        _members = new LiteMemberStore(_db);
        _store = new LiteModerationStore(_db);
        var handler = new Recorder(_events);
        _forum = new ForumService(_forumStore, new PostRenderer(), new ForumEventPublisher([handler]), _time);
        _audit = new AuditLog(_store, _time);
        _moderation = new ModerationService(_forumStore, _members, _store, _forum, _audit, _time);
        _eraser = new AccountEraser(_forum, _members, _store, _audit, [_cleaner], _time);
        _categoryId = _forum.CreateCategoryAsync("General", "").Result.Value!.Id;
    }

    public void Dispose()
    {
        _db.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Removing_a_topic_deletes_every_post_resolves_flags_and_raises_one_event()
    {
        var alice = await MemberAsync("Alice");
        var bob = await MemberAsync("Bob");
        var topic = (await _forum.CreateTopicAsync(Actor.From(alice, _time.GetUtcNow()), _categoryId, "T", "one")).Value!;
        var reply = (await _forum.ReplyAsync(Actor.From(bob, _time.GetUtcNow()), topic.Id, "two")).Value!;
        await _moderation.FlagPostAsync(Actor.From(alice, _time.GetUtcNow()), reply.Id, "rude");

        var result = await _moderation.RemoveTopicAsync(_mod, topic.Id, "spam");

        Assert.True(result.Succeeded);
        Assert.Single(_events.OfType<TopicRemoved>(), e => e.Topic.Id == topic.Id);
        Assert.All(_db.Posts.FindAll(), p => Assert.Equal(("", RemovedBy.Moderator), (p.Markdown, p.Removal!.By)));
        Assert.Equal(0, await _store.CountOpenFlagsAsync());
        Assert.IsType<TopicRemoved>(_events[^1]);
        Assert.Equal((0, 0), (_db.Categories.FindById(_categoryId).TopicCount, _db.Categories.FindById(_categoryId).PostCount));
    }

    [Fact]
    public async Task Deleting_content_with_an_account_removes_posts_flags_filed_and_the_member_and_calls_every_hook()
    {
        var alice = await MemberAsync("Alice");
        var bob = await MemberAsync("Bob");
        var bobs = (await _forum.CreateTopicAsync(Actor.From(bob, _time.GetUtcNow()), _categoryId, "Bob's", "bob text")).Value!;
        var aliceReply = (await _forum.ReplyAsync(Actor.From(alice, _time.GetUtcNow()), bobs.Id, "alice text")).Value!;
        Assert.True((await _moderation.FlagPostAsync(Actor.From(alice, _time.GetUtcNow()), bobs.LastPostId, "filed by alice")).Succeeded);
        Assert.Single(await _store.ListFlagsFiledByAsync(alice.Id));

        var result = await _eraser.RemoveAsync(_mod, alice.Id, AccountRemovalMode.DeleteContent, null);

        Assert.True(result.Succeeded);
        Assert.Null(await _members.GetAsync(alice.Id));
        Assert.Equal([aliceReply.Id], _events.OfType<PostRemoved>().Select(e => e.Post.Id));
        Assert.Equal([(alice.Id, "alice@example.org", AccountRemovalMode.DeleteContent)], _cleaner.Erased);
        Assert.Empty(await _store.ListFlagsFiledByAsync(alice.Id));
        var stored = (await _forumStore.GetPostAsync(aliceReply.Id))!;
        Assert.Equal(("", AccountEraser.FormerMemberName, RemovedBy.AccountRemoval), (stored.Markdown, stored.AuthorName, stored.Removal!.By));
        Assert.Equal(AccountEraser.FormerMemberName, (await _forumStore.GetTopicAsync(bobs.Id))!.LastPosterName);
        Assert.Equal("bob text", (await _forumStore.ListPostsAsync(bobs.Id, 0, 20))[0].Markdown);
        var removedEvent = Assert.IsType<PostRemoved>(_events[^1]);
        Assert.Equal(aliceReply.Id, removedEvent.Post.Id);
    }

    [Fact]
    public async Task Anonymizing_keeps_content_and_raises_an_edit_for_each_post_and_a_removal_for_no_topic()
    {
        var alice = await MemberAsync("Alice");
        var topic = (await _forum.CreateTopicAsync(Actor.From(alice, _time.GetUtcNow()), _categoryId, "Alice's", "alice text")).Value!;
        await _forum.ReplyAsync(Actor.From(alice, _time.GetUtcNow()), topic.Id, "more");
        _events.Clear();

        await _eraser.RemoveOwnAsync(alice, AccountRemovalMode.Anonymize);

        Assert.Equal(2, _events.OfType<PostEdited>().Count(e => e.Post.AuthorName == AccountEraser.FormerMemberName));
        Assert.Empty(_events.OfType<PostRemoved>());
        Assert.Equal(["alice text", "more"], (await _forumStore.ListPostsAsync(topic.Id, 0, 20)).Select(p => p.Markdown));
        Assert.Equal(AccountEraser.FormerMemberName, (await _forumStore.GetTopicAsync(topic.Id))!.AuthorName);
    }

    [Fact]
    public async Task Only_an_administrator_acts_on_an_administrator()
    {
        var boss = await MemberAsync("Boss", Roles.Administrator);
        Assert.True((await _moderation.SuspendAsync(_mod, boss.Id, TimeSpan.FromDays(1), null)).Forbidden);
        Assert.True((await _eraser.RemoveAsync(_mod, boss.Id, AccountRemovalMode.Anonymize, null)).Forbidden);
        Assert.Null((await _members.GetAsync(boss.Id))!.Suspension);

        var stamp = (await _members.GetAsync(boss.Id))!.SecurityStamp;
        Assert.True((await _moderation.SuspendAsync(_admin, boss.Id, null, "x")).Succeeded);
        var suspended = (await _members.GetAsync(boss.Id))!;
        Assert.True(suspended.IsSuspended(_time.GetUtcNow().AddYears(50)));
        Assert.NotEqual(stamp, suspended.SecurityStamp);
        Assert.False(Actor.From(suspended, _time.GetUtcNow()).CanPost);
    }

    [Fact]
    public async Task A_removal_that_fails_half_way_leaves_the_account_signed_out_and_unable_to_post_and_the_next_start_finishes_it_as_first_asked()
    {
        var alice = await MemberAsync("Alice");
        var now = _time.GetUtcNow();
        var topic = (await _forum.CreateTopicAsync(Actor.From(alice, now), _categoryId, "Alice's", "alice text")).Value!;
        var failing = new AccountEraser(_forum, _members, _store, _audit, [new FailingCleaner()], _time);

        await Assert.ThrowsAsync<IOException>(() => failing.RemoveAsync(_mod, alice.Id, AccountRemovalMode.DeleteContent, "spam"));

        // Half-way: the record is there but its sessions are ended and it can neither sign in nor post.
        var halfway = (await _members.GetAsync(alice.Id))!;
        Assert.NotEqual(alice.SecurityStamp, halfway.SecurityStamp);
        Assert.True(halfway.IsSuspended(now));
        Assert.False(Actor.From(halfway, now).CanPost);
        Assert.Equal([halfway.Id], (await _members.ListPendingErasuresAsync(10)).Select(m => m.Id));
        Assert.Equal(0, await _store.CountAuditAsync());

        // The next start finishes it with the mode the moderator chose; asking again with another mode changes nothing.
        Assert.Equal(1, await _eraser.ResumePendingAsync());
        Assert.Null(await _members.GetAsync(alice.Id));
        Assert.Equal(RemovedBy.AccountRemoval, (await _forumStore.GetPostAsync(topic.LastPostId))!.Removal!.By);
        var audit = Assert.Single(await _store.ListAuditAsync(0, 10));
        Assert.Equal((_mod.Id, AuditActions.DeleteAccount, "spam"), (audit.ActorId, audit.Action, audit.Reason));
        Assert.Equal(0, await _eraser.ResumePendingAsync());
    }

    [Fact]
    public async Task Removing_again_after_a_failure_finishes_with_the_mode_asked_first()
    {
        var alice = await MemberAsync("Alice");
        var topic = (await _forum.CreateTopicAsync(Actor.From(alice, _time.GetUtcNow()), _categoryId, "Alice's", "alice text")).Value!;
        var failing = new AccountEraser(_forum, _members, _store, _audit, [new FailingCleaner()], _time);
        await Assert.ThrowsAsync<IOException>(() => failing.RemoveAsync(_mod, alice.Id, AccountRemovalMode.Anonymize, null));

        var again = await _eraser.RemoveAsync(_admin, alice.Id, AccountRemovalMode.DeleteContent, null);

        Assert.Equal(AccountRemovalMode.Anonymize, again.Value);
        Assert.Null(await _members.GetAsync(alice.Id));
        var post = (await _forumStore.GetPostAsync(topic.LastPostId))!;
        Assert.Equal(("alice text", AccountEraser.FormerMemberName), (post.Markdown, post.AuthorName));
    }

    private async Task<Member> MemberAsync(string name, string? role = null)
    {
        var member = new Member
        {
            DisplayName = name, NormalizedDisplayName = name.ToUpperInvariant(),
            Email = name.ToLowerInvariant() + "@example.org", EmailConfirmed = true, CreatedAt = _time.GetUtcNow(),
        };
        member.Roles.Add(role ?? Roles.Member);
        await _members.CreateAsync(member, default);
        return member;
    }

    private sealed class RecordingCleaner : IMemberContentCleaner
    {
        public List<(string, string, AccountRemovalMode)> Erased { get; } = [];

        public Task MemberErasedAsync(string memberId, string email, AccountRemovalMode mode, CancellationToken cancellationToken = default)
        {
            Erased.Add((memberId, email, mode));
            return Task.CompletedTask;
        }
    }

    /// <summary>A feature whose store fails mid-removal (a full disk, a lost connection).</summary>
    private sealed class FailingCleaner : IMemberContentCleaner
    {
        public Task MemberErasedAsync(string memberId, string email, AccountRemovalMode mode, CancellationToken cancellationToken = default) =>
            throw new IOException("disk full");
    }

    private sealed class Recorder(List<ForumEvent> events) : IForumEventHandler
    {
        public Task HandleAsync(ForumEvent forumEvent, CancellationToken cancellationToken = default)
        {
            events.Add(forumEvent);
            return Task.CompletedTask;
        }
    }
}
