using ForumServer.Core.Forum;

namespace ForumServer.Core.Tests.Storage.Contract;

/// <summary>What every <see cref="Core.Storage.IForumStore"/> must do, concurrency included.</summary>
public abstract class ForumStoreContract : StoreContract
{
    private async Task<Category> CategoryAsync(string name = "General") =>
        await Stores.Forum.AddCategoryAsync(new Category { Name = name, Slug = name.ToLowerInvariant() });

    private static Post NewPost(string author, string text, DateTimeOffset at) => new()
    {
        AuthorId = author + "-id", AuthorName = author, Markdown = text, Html = $"<p>{text}</p>", CreatedAt = at,
    };

    private async Task<Topic> TopicAsync(int categoryId, string title = "Hello", string author = "Alice", DateTimeOffset? at = null)
    {
        var when = at ?? T0;
        var topic = new Topic
        {
            CategoryId = categoryId, Title = title, Slug = title.ToLowerInvariant(), AuthorId = author + "-id", AuthorName = author,
            CreatedAt = when, LastPostAt = when, LastPosterName = author,
        };
        await Stores.Forum.CreateTopicAsync(topic, NewPost(author, "first", when));
        return topic;
    }

    private async Task<Post> ReplyAsync(int topicId, string author, string text, DateTimeOffset at)
    {
        var post = NewPost(author, text, at);
        post.TopicId = topicId;
        await Stores.Forum.AppendPostAsync(post);
        return post;
    }

    [Fact]
    public async Task Categories_list_in_sort_order()
    {
        await Stores.Forum.AddCategoryAsync(new Category { Name = "B", SortOrder = 2 });
        var a = await Stores.Forum.AddCategoryAsync(new Category { Name = "A", SortOrder = 1 });
        a.Description = "first";
        await Stores.Forum.UpdateCategoryAsync(a);

        var all = await Stores.Forum.ListCategoriesAsync();
        Assert.Equal(["A", "B"], all.Select(c => c.Name));
        Assert.Equal("first", (await Stores.Forum.GetCategoryAsync(a.Id))!.Description);
        Assert.Null(await Stores.Forum.GetCategoryAsync(9999));
    }

    [Fact]
    public async Task Updates_keep_pins_accepted_answers_and_the_questions_mark()
    {
        var category = await CategoryAsync();
        category.IsQuestions = true;
        await Stores.Forum.UpdateCategoryAsync(category);
        Assert.True((await Stores.Forum.GetCategoryAsync(category.Id))!.IsQuestions);

        var topic = await TopicAsync(category.Id);
        var reply = await ReplyAsync(topic.Id, "Bob", "the answer", T0.AddMinutes(1));
        var copy = (await Stores.Forum.GetTopicAsync(topic.Id))!;
        (copy.Pin, copy.PinnedUntil) = (PinScope.Global, T0.AddDays(3));
        (copy.AcceptedPostId, copy.AcceptedPostNumber, copy.AcceptedAuthorId) = (reply.Id, reply.Number, reply.AuthorId);
        await Stores.Forum.UpdateTopicAsync(copy);

        var stored = (await Stores.Forum.GetTopicAsync(topic.Id))!;
        Assert.Equal((PinScope.Global, T0.AddDays(3)), (stored.Pin, stored.PinnedUntil));
        Assert.Equal((reply.Id, 2, "Bob-id"), (stored.AcceptedPostId, stored.AcceptedPostNumber, stored.AcceptedAuthorId));
        Assert.Equal((2, "Bob-id"), (stored.PostCount, stored.LastPosterId));
    }

    [Fact]
    public async Task New_topic_numbers_its_first_post_and_counts_it_in_the_category()
    {
        var category = await CategoryAsync();
        var topic = await TopicAsync(category.Id);

        var stored = (await Stores.Forum.GetTopicAsync(topic.Id))!;
        var first = Assert.Single(await Stores.Forum.ListPostsAsync(topic.Id, 0, 20));
        Assert.Equal((1, 1, first.Id), (first.Number, stored.PostCount, stored.LastPostId));
        Assert.Equal(topic.Id, first.TopicId);
        var counted = (await Stores.Forum.GetCategoryAsync(category.Id))!;
        Assert.Equal((1, 1, T0), (counted.TopicCount, counted.PostCount, counted.LastActivityAt));
    }

    [Fact]
    public async Task Replies_are_numbered_in_order_and_pages_read_by_number()
    {
        var category = await CategoryAsync();
        var topic = await TopicAsync(category.Id);
        for (var i = 2; i <= 45; i++) await ReplyAsync(topic.Id, "Bob", $"reply {i}", T0.AddMinutes(i));

        var page2 = await Stores.Forum.ListPostsAsync(topic.Id, 20, 20);
        Assert.Equal(Enumerable.Range(21, 20), page2.Select(p => p.Number));
        Assert.Equal(Enumerable.Range(21, 20).Select(i => $"reply {i}"), page2.Select(p => p.Markdown));
        var last = await Stores.Forum.ListPostsAsync(topic.Id, 40, 20);
        Assert.Equal(Enumerable.Range(41, 5), last.Select(p => p.Number));

        var stored = (await Stores.Forum.GetTopicAsync(topic.Id))!;
        Assert.Equal((45, "Bob", T0.AddMinutes(45), last[^1].Id), (stored.PostCount, stored.LastPosterName, stored.LastPostAt, stored.LastPostId));
        Assert.Equal(45, (await Stores.Forum.GetCategoryAsync(category.Id))!.PostCount);
    }

    [Fact]
    public async Task Posts_and_topics_read_by_ids_skip_ids_that_do_not_exist()
    {
        var category = await CategoryAsync();
        var topic = await TopicAsync(category.Id);
        var other = await TopicAsync(category.Id, "Other");
        var reply = await ReplyAsync(topic.Id, "Bob", "r", T0.AddMinutes(1));
        var elsewhere = await ReplyAsync(other.Id, "Carol", "o", T0.AddMinutes(2));

        var posts = await Stores.Forum.GetPostsAsync([elsewhere.Id, reply.Id, reply.Id, 999_999]);
        Assert.Equal(new[] { reply.Id, elsewhere.Id }, posts.Select(p => p.Id).Order());
        Assert.Equal("r", posts.Single(p => p.Id == reply.Id).Markdown);
        var topics = await Stores.Forum.GetTopicsAsync([other.Id, topic.Id, 999_999]);
        Assert.Equal(new[] { "Hello", "Other" }, topics.Select(t => t.Title).Order());
        Assert.Empty(await Stores.Forum.GetPostsAsync([]));
        Assert.Empty(await Stores.Forum.GetTopicsAsync([999_999]));
    }

    [Fact]
    public async Task Posts_after_a_post_come_in_order_and_stay_in_their_topic()
    {
        var category = await CategoryAsync();
        var topic = await TopicAsync(category.Id);
        var other = await TopicAsync(category.Id, "Other");
        var replies = new List<Post>();
        for (var i = 0; i < 6; i++)
        {
            replies.Add(await ReplyAsync(topic.Id, "Bob", $"r{i}", T0.AddMinutes(i)));
            await ReplyAsync(other.Id, "Carol", $"o{i}", T0.AddMinutes(i));
        }

        var after = await Stores.Forum.ListPostsAfterAsync(topic.Id, replies[1].Id, 3);
        Assert.Equal(replies.Skip(2).Take(3).Select(p => p.Id), after.Select(p => p.Id));
        var all = await Stores.Forum.ListPostsAfterAsync(topic.Id, 0, 100);
        Assert.Equal(Enumerable.Range(1, 7), all.Select(p => p.Number));
        Assert.All(all, p => Assert.Equal(topic.Id, p.TopicId));
        Assert.Empty(await Stores.Forum.ListPostsAfterAsync(topic.Id, replies[^1].Id, 10));
    }

    [Fact]
    public async Task Category_and_front_page_list_last_activity_first_without_removed_topics()
    {
        var general = await CategoryAsync();
        var news = await CategoryAsync("News");
        var old = await TopicAsync(general.Id, "Old", at: T0);
        var fresh = await TopicAsync(general.Id, "Fresh", at: T0.AddHours(1));
        var elsewhere = await TopicAsync(news.Id, "Elsewhere", at: T0.AddHours(2));
        var gone = await TopicAsync(general.Id, "Gone", at: T0.AddHours(3));
        await Stores.Forum.RemoveTopicAsync(gone.Id, new PostRemoval { By = RemovedBy.Moderator, At = T0.AddHours(4) });
        await ReplyAsync(old.Id, "Bob", "bump", T0.AddHours(5));

        Assert.Equal(["Old", "Fresh"], (await Stores.Forum.ListTopicsAsync(general.Id, 0, 30)).Select(t => t.Title));
        Assert.Equal(["Fresh"], (await Stores.Forum.ListTopicsAsync(general.Id, 1, 30)).Select(t => t.Title));
        Assert.Equal(2, await Stores.Forum.CountTopicsAsync(general.Id));
        Assert.Equal(["Old", "Elsewhere", "Fresh"], (await Stores.Forum.ListRecentTopicsAsync(0, 30)).Select(t => t.Title));
        Assert.Equal(["Elsewhere"], (await Stores.Forum.ListRecentTopicsAsync(1, 1)).Select(t => t.Title));
        _ = (fresh, elsewhere);
    }

    [Fact]
    public async Task Removing_a_topic_blanks_its_posts_and_corrects_the_category()
    {
        var category = await CategoryAsync();
        var keep = await TopicAsync(category.Id, "Keep");
        var topic = await TopicAsync(category.Id);
        var reply = await ReplyAsync(topic.Id, "Bob", "secret", T0.AddMinutes(1));

        var removed = await Stores.Forum.RemoveTopicAsync(topic.Id, new PostRemoval { By = RemovedBy.Moderator, At = T0.AddMinutes(2) });

        Assert.Equal(2, removed.Count);
        Assert.Contains(reply.Id, removed);
        Assert.True((await Stores.Forum.GetTopicAsync(topic.Id))!.IsRemoved);
        var post = (await Stores.Forum.GetPostAsync(reply.Id))!;
        Assert.True(post.IsRemoved);
        Assert.Equal(("", "", RemovedBy.Moderator), (post.Markdown, post.Html, post.Removal!.By));
        var counted = (await Stores.Forum.GetCategoryAsync(category.Id))!;
        Assert.Equal((1, 1), (counted.TopicCount, counted.PostCount));
        Assert.False((await Stores.Forum.GetTopicAsync(keep.Id))!.IsRemoved);
    }

    [Fact]
    public async Task Moving_a_topic_moves_its_counts()
    {
        var from = await CategoryAsync();
        var to = await CategoryAsync("News");
        var topic = await TopicAsync(from.Id);
        await ReplyAsync(topic.Id, "Bob", "r", T0.AddMinutes(1));

        await Stores.Forum.MoveTopicAsync(topic.Id, to.Id);

        var (f, t) = ((await Stores.Forum.GetCategoryAsync(from.Id))!, (await Stores.Forum.GetCategoryAsync(to.Id))!);
        Assert.Equal((0, 0, 1, 2), (f.TopicCount, f.PostCount, t.TopicCount, t.PostCount));
        Assert.Equal(to.Id, (await Stores.Forum.GetTopicAsync(topic.Id))!.CategoryId);
        Assert.Equal(["Hello"], (await Stores.Forum.ListTopicsAsync(to.Id, 0, 30)).Select(x => x.Title));
        Assert.Empty(await Stores.Forum.ListTopicsAsync(from.Id, 0, 30));
    }

    [Fact]
    public async Task Detaching_an_author_keeps_posts_under_the_former_name_and_unlinks_them()
    {
        var category = await CategoryAsync();
        var theirs = await TopicAsync(category.Id, "Theirs", author: "Bob");
        var mine = await TopicAsync(category.Id, "Mine");
        var a = await ReplyAsync(mine.Id, "Bob", "one", T0.AddMinutes(1));
        var b = await ReplyAsync(mine.Id, "Bob", "two", T0.AddMinutes(2));

        var removed = await Stores.Forum.DetachAuthorAsync("Bob-id", "former member", null);

        Assert.Empty(removed);
        var (pa, pb) = ((await Stores.Forum.GetPostAsync(a.Id))!, (await Stores.Forum.GetPostAsync(b.Id))!);
        Assert.Equal(("former member", "one"), (pa.AuthorName, pa.Markdown));
        Assert.NotEqual("Bob-id", pa.AuthorId);
        Assert.NotEqual(pa.AuthorId, pb.AuthorId);
        Assert.Equal("former member", (await Stores.Forum.GetTopicAsync(mine.Id))!.LastPosterName);
        Assert.Equal("former member", (await Stores.Forum.GetTopicAsync(theirs.Id))!.AuthorName);
        Assert.Empty(await Stores.Forum.ListPostsByAuthorAsync("Bob-id"));
    }

    [Fact]
    public async Task Detaching_with_removal_blanks_posts_and_removes_started_topics()
    {
        var category = await CategoryAsync();
        var theirs = await TopicAsync(category.Id, "Theirs", author: "Bob");
        var mine = await TopicAsync(category.Id, "Mine");
        var reply = await ReplyAsync(mine.Id, "Bob", "one", T0.AddMinutes(1));
        var kept = await ReplyAsync(mine.Id, "Carol", "stays", T0.AddMinutes(2));

        var removed = await Stores.Forum.DetachAuthorAsync("Bob-id", "former member", new PostRemoval { By = RemovedBy.AccountRemoval, At = T0 });

        Assert.Contains(reply.Id, removed);
        Assert.Equal(removed.Count, removed.Distinct().Count());
        Assert.True((await Stores.Forum.GetTopicAsync(theirs.Id))!.IsRemoved);
        var gone = (await Stores.Forum.GetPostAsync(reply.Id))!;
        Assert.Equal(("", "", RemovedBy.AccountRemoval), (gone.Markdown, gone.Html, gone.Removal!.By));
        Assert.Equal("stays", (await Stores.Forum.GetPostAsync(kept.Id))!.Markdown);
        var counted = (await Stores.Forum.GetCategoryAsync(category.Id))!;
        Assert.Equal((1, 3), (counted.TopicCount, counted.PostCount));
    }

    [Fact]
    public async Task Saving_a_stale_topic_or_category_keeps_counters_and_stores_the_edit()
    {
        var category = await CategoryAsync();
        var topic = await TopicAsync(category.Id);
        var staleTopic = (await Stores.Forum.GetTopicAsync(topic.Id))!;
        var staleCategory = (await Stores.Forum.GetCategoryAsync(category.Id))!;
        var reply = await ReplyAsync(topic.Id, "Bob", "r", T0.AddMinutes(1));

        staleTopic.IsLocked = true;
        staleTopic.Pin = PinScope.Global;
        await Stores.Forum.UpdateTopicAsync(staleTopic);
        staleCategory.Description = "about";
        staleCategory.IsQuestions = true;
        await Stores.Forum.UpdateCategoryAsync(staleCategory);

        var t = (await Stores.Forum.GetTopicAsync(topic.Id))!;
        Assert.Equal((true, PinScope.Global, 2, reply.Id, "Bob"), (t.IsLocked, t.Pin, t.PostCount, t.LastPostId, t.LastPosterName));
        var c = (await Stores.Forum.GetCategoryAsync(category.Id))!;
        Assert.Equal(("about", true, 1, 2), (c.Description, c.IsQuestions, c.TopicCount, c.PostCount));
    }

    [Fact]
    public async Task Renaming_an_author_renames_copied_names()
    {
        var category = await CategoryAsync();
        var topic = await TopicAsync(category.Id, author: "Bob");
        var reply = await ReplyAsync(topic.Id, "Bob", "r", T0.AddMinutes(1));

        await Stores.Forum.RenameAuthorAsync("Bob-id", "Robert");

        Assert.Equal("Robert", (await Stores.Forum.GetPostAsync(reply.Id))!.AuthorName);
        Assert.Equal("Robert", (await Stores.Forum.GetTopicAsync(topic.Id))!.AuthorName);
    }

    [Fact]
    public async Task Parallel_replies_to_one_topic_are_numbered_without_gap_or_duplicate()
    {
        const int replies = 40;
        var category = await CategoryAsync();
        var topic = await TopicAsync(category.Id);

        await InParallelAsync(replies, i => ReplyAsync(topic.Id, $"M{i % 8}", $"reply {i}", T0.AddSeconds(i)));

        var posts = await Stores.Forum.ListPostsAsync(topic.Id, 0, 1000);
        Assert.Equal(Enumerable.Range(1, replies + 1), posts.Select(p => p.Number).Order());
        var stored = (await Stores.Forum.GetTopicAsync(topic.Id))!;
        Assert.Equal(replies + 1, stored.PostCount);
        Assert.Equal(posts.MaxBy(p => p.Number)!.Id, stored.LastPostId);
        var counted = (await Stores.Forum.GetCategoryAsync(category.Id))!;
        Assert.Equal((1, replies + 1), (counted.TopicCount, counted.PostCount));
        // Every post is on the page its number says.
        var pages = new List<Post>();
        for (var skip = 0; skip < replies + 1; skip += 20) pages.AddRange(await Stores.Forum.ListPostsAsync(topic.Id, skip, 20));
        Assert.Equal(replies + 1, pages.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public async Task Parallel_topics_in_one_category_are_all_counted()
    {
        const int topics = 30;
        var category = await CategoryAsync();

        var created = await InParallelAsync(topics, i => TopicAsync(category.Id, $"Topic {i}", $"M{i}", T0.AddSeconds(i)));

        var counted = (await Stores.Forum.GetCategoryAsync(category.Id))!;
        Assert.Equal((topics, topics), (counted.TopicCount, counted.PostCount));
        Assert.Equal(topics, await Stores.Forum.CountTopicsAsync(category.Id));
        Assert.Equal(topics, created.Select(t => t.Id).Distinct().Count());
        foreach (var topic in created)
            Assert.Equal([1], (await Stores.Forum.ListPostsAsync(topic.Id, 0, 20)).Select(p => p.Number));
    }

    [Fact]
    public async Task Parallel_replies_in_several_topics_keep_every_counter_exact()
    {
        var category = await CategoryAsync();
        var topics = new List<Topic>();
        for (var i = 0; i < 3; i++) topics.Add(await TopicAsync(category.Id, $"T{i}"));

        await InParallelAsync(36, i => ReplyAsync(topics[i % 3].Id, "Bob", $"r{i}", T0.AddSeconds(i)));

        foreach (var topic in topics)
        {
            Assert.Equal(13, (await Stores.Forum.GetTopicAsync(topic.Id))!.PostCount);
            Assert.Equal(Enumerable.Range(1, 13), (await Stores.Forum.ListPostsAsync(topic.Id, 0, 100)).Select(p => p.Number));
        }
        Assert.Equal(39, (await Stores.Forum.GetCategoryAsync(category.Id))!.PostCount);
    }
}
