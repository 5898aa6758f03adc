using ForumServer.Core.Forum;
using ForumServer.Core.Profiles;

namespace ForumServer.Core.Tests.Storage.Contract;

/// <summary>What every <see cref="IProfileStore"/> (and the pinned-topic list beside it) must do.</summary>
public abstract class ProfileStoreContract : StoreContract
{
    private async Task<int> CategoryAsync() => (await Stores.Forum.AddCategoryAsync(new Category { Name = "General", Slug = "general" })).Id;

    private static Post NewPost(string author, string text, DateTimeOffset at) => new()
    {
        AuthorId = author + "-id", AuthorName = author, Markdown = text, Html = $"<p>{text}</p>", CreatedAt = at,
    };

    private async Task<Topic> TopicAsync(int categoryId, string title, string author, int minute)
    {
        var at = T0.AddMinutes(minute);
        var topic = new Topic
        {
            CategoryId = categoryId, Title = title, Slug = title.ToLowerInvariant(), AuthorId = author + "-id", AuthorName = author,
            CreatedAt = at, LastPostAt = at, LastPosterName = author,
        };
        await Stores.Forum.CreateTopicAsync(topic, NewPost(author, title + " first", at));
        return topic;
    }

    private async Task<Post> ReplyAsync(int topicId, string author, string text, int minute)
    {
        var post = NewPost(author, text, T0.AddMinutes(minute));
        post.TopicId = topicId;
        await Stores.Forum.AppendPostAsync(post);
        return post;
    }

    [Fact]
    public async Task A_profile_is_saved_replaced_and_deleted()
    {
        Assert.Null(await Stores.Profiles.GetAsync("alice-id"));
        await Stores.Profiles.SaveAsync(new MemberProfile { Id = "alice-id", AvatarVersion = 1, AvatarContentType = "image/webp", AvatarAt = T0 });
        await Stores.Profiles.SaveAsync(new MemberProfile { Id = "bob-id", HideActivity = true });

        var alice = (await Stores.Profiles.GetAsync("alice-id"))!;
        Assert.Equal((true, 1, "image/webp", T0, false), (alice.HasAvatar, alice.AvatarVersion, alice.AvatarContentType, alice.AvatarAt, alice.HideActivity));
        alice.AvatarVersion = 2;
        alice.HideActivity = true;
        await Stores.Profiles.SaveAsync(alice);
        Assert.Equal((2, true), ((await Stores.Profiles.GetAsync("alice-id"))!.AvatarVersion, (await Stores.Profiles.GetAsync("alice-id"))!.HideActivity));

        await Stores.Profiles.DeleteAsync("alice-id");
        Assert.Null(await Stores.Profiles.GetAsync("alice-id"));
        Assert.True((await Stores.Profiles.GetAsync("bob-id"))!.HideActivity);
    }

    [Fact]
    public async Task Activity_lists_a_members_posts_and_topics_newest_first_without_removed_ones()
    {
        var category = await CategoryAsync();
        var first = await TopicAsync(category, "First", "Alice", 0);
        var gone = await TopicAsync(category, "Gone", "Alice", 1);
        var bobs = await TopicAsync(category, "Bobs", "Bob", 2);
        var reply = await ReplyAsync(bobs.Id, "Alice", "on Bob's", 3);
        await ReplyAsync(first.Id, "Bob", "on Alice's", 4);
        var later = await ReplyAsync(first.Id, "Alice", "again", 5);
        await Stores.Forum.RemoveTopicAsync(gone.Id, new PostRemoval { By = RemovedBy.Author, At = T0.AddMinutes(6) });

        Assert.Equal(3, await Stores.Profiles.CountPostsAsync("Alice-id"));
        var posts = await Stores.Profiles.ListPostsAsync("Alice-id", 0, 2);
        Assert.Equal([later.Id, reply.Id], posts.Select(p => p.Id));
        Assert.Equal(["First first"], (await Stores.Profiles.ListPostsAsync("Alice-id", 2, 2)).Select(p => p.Markdown));

        Assert.Equal((1, 1), (await Stores.Profiles.CountTopicsAsync("Alice-id"), await Stores.Profiles.CountTopicsAsync("Bob-id")));
        Assert.Equal([first.Id], (await Stores.Profiles.ListTopicsAsync("Alice-id", 0, 10)).Select(t => t.Id));
        Assert.Empty(await Stores.Profiles.ListTopicsAsync("Alice-id", 1, 10));
        Assert.Equal(0, await Stores.Profiles.CountPostsAsync("Carol-id"));
    }

    [Fact]
    public async Task Accepted_answers_are_counted_and_a_removed_member_is_forgotten_in_topic_lists()
    {
        var category = await CategoryAsync();
        var question = await TopicAsync(category, "Question", "Alice", 0);
        var answer = await ReplyAsync(question.Id, "Bob", "the answer", 1);
        var other = await TopicAsync(category, "Other", "Carol", 2);
        await ReplyAsync(other.Id, "Bob", "last word", 3);
        var solved = (await Stores.Forum.GetTopicAsync(question.Id))!;
        (solved.AcceptedPostId, solved.AcceptedPostNumber, solved.AcceptedAuthorId) = (answer.Id, answer.Number, answer.AuthorId);
        await Stores.Forum.UpdateTopicAsync(solved);

        Assert.Equal((1, 0), (await Stores.Profiles.CountAcceptedAnswersAsync("Bob-id"), await Stores.Profiles.CountAcceptedAnswersAsync("Alice-id")));

        await Stores.Profiles.ForgetMemberInTopicsAsync("Bob-id");

        Assert.Equal(0, await Stores.Profiles.CountAcceptedAnswersAsync("Bob-id"));
        var forgotten = (await Stores.Forum.GetTopicAsync(question.Id))!;
        Assert.Equal(("", null, answer.Id), (forgotten.LastPosterId, forgotten.AcceptedAuthorId, forgotten.AcceptedPostId));
        Assert.Equal("", (await Stores.Forum.GetTopicAsync(other.Id))!.LastPosterId);
        Assert.Equal(2, forgotten.PostCount);
    }

    [Fact]
    public async Task Pinned_topics_are_listed_without_unpinned_or_removed_ones()
    {
        var category = await CategoryAsync();
        var topics = new List<Topic>();
        foreach (var (title, minute) in new[] { ("Rules", 0), ("Welcome", 1), ("Old", 2), ("Plain", 3) })
            topics.Add(await TopicAsync(category, title, "Mod", minute));
        foreach (var (topic, pin) in topics.Zip(new[] { PinScope.Global, PinScope.Category, PinScope.Category, PinScope.None }))
        {
            var copy = (await Stores.Forum.GetTopicAsync(topic.Id))!;
            copy.Pin = pin;
            await Stores.Forum.UpdateTopicAsync(copy);
        }
        await Stores.Forum.RemoveTopicAsync(topics[2].Id, new PostRemoval { By = RemovedBy.Moderator, At = T0.AddHours(1) });

        var pinned = await Stores.Pins.ListPinnedAsync();

        Assert.Equal(["Rules:Global", "Welcome:Category"], pinned.Select(t => $"{t.Title}:{t.Pin}").Order());
    }
}
