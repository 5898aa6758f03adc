using ForumServer.Core.Forum;
using LiteDB;

namespace ForumServer.Storage.LiteDb;

/// <summary>
/// Forum records in LiteDB. Writes are read-modify-write units under the database's writer lock and apply
/// <see cref="ForumRules"/>; page reads walk one index range in index order (see the notes in <see cref="ForumDatabase"/>).
/// </summary>
public sealed class LiteForumStore(ForumDatabase db) : IForumStore
{
    private const string PositionRange = $"$.{nameof(Post.TopicPosition)} BETWEEN @0 AND @1";
    private const string ActivityRange = $"$.{nameof(Topic.CategoryActivity)} BETWEEN @0 AND @1";

    public Task<IReadOnlyList<Category>> ListCategoriesAsync() =>
        Done<IReadOnlyList<Category>>(db.Categories.Query().OrderBy(c => c.SortOrder).ToList());

    public Task<Category?> GetCategoryAsync(int id) => Done<Category?>(db.Categories.FindById(id));

    public Task<Category> AddCategoryAsync(Category category)
    {
        db.InTransaction(() => db.Categories.Insert(category));
        return Task.FromResult(category);
    }

    public Task UpdateCategoryAsync(Category category)
    {
        db.InTransaction(() =>
        {
            if (db.Categories.FindById(category.Id) is not { } stored) return;
            ForumRules.KeepStoreOwned(stored, category);
            db.Categories.Update(category);
        });
        return Task.CompletedTask;
    }

    public Task<Topic?> GetTopicAsync(int id) => Done<Topic?>(db.Topics.FindById(id));

    public Task<IReadOnlyList<Topic>> ListTopicsAsync(int categoryId, int skip, int take)
    {
        var (from, to) = ForumKeys.CategoryRange(categoryId);
        return Done<IReadOnlyList<Topic>>(TopicsOfCategory(from, to).Skip(Math.Max(skip, 0)).Limit(Math.Max(take, 0)).ToList());
    }

    public Task<int> CountTopicsAsync(int categoryId) => Done(db.Categories.FindById(categoryId)?.TopicCount ?? 0);

    public Task<IReadOnlyList<Topic>> ListRecentTopicsAsync(int skip, int take) =>
        Done<IReadOnlyList<Topic>>(RecentTopics().Skip(Math.Max(skip, 0)).Limit(Math.Max(take, 0)).ToList());

    public Task<Post?> GetPostAsync(int id) => Done<Post?>(db.Posts.FindById(id));

    // The ids go in as a parameter: written into the expression text, LiteDB would parse and compile it for every call.
    public Task<IReadOnlyList<Post>> GetPostsAsync(IReadOnlyCollection<int> ids) =>
        Done<IReadOnlyList<Post>>(ids.Count == 0 ? [] : db.Posts.Query().Where("_id IN @0", IdArray(ids)).ToList());

    public Task<IReadOnlyList<Topic>> GetTopicsAsync(IReadOnlyCollection<int> ids) =>
        Done<IReadOnlyList<Topic>>(ids.Count == 0 ? [] : db.Topics.Query().Where("_id IN @0", IdArray(ids)).ToList());

    private static BsonArray IdArray(IReadOnlyCollection<int> ids) => new(ids.Distinct().Select(id => new BsonValue(id)));

    public Task<IReadOnlyList<Post>> ListPostsAsync(int topicId, int skip, int take)
    {
        var first = (long)Math.Max(skip, 0) + 1;
        var last = Math.Min(first + Math.Max(take, 0) - 1, int.MaxValue);
        if (first > last) return Done<IReadOnlyList<Post>>([]);
        return Done<IReadOnlyList<Post>>(PostsOfTopic(topicId, (int)first, (int)last).ToList());
    }

    public Task<IReadOnlyList<Post>> ListPostsAfterAsync(int topicId, int afterPostId, int take)
    {
        // Numbers grow with ids inside a topic (both are given under the writer lock), so the post after an anchor
        // of this topic is the next number; any other anchor starts at the first post.
        var anchor = afterPostId > 0 ? db.Posts.FindById(afterPostId) : null;
        var from = anchor?.TopicId == topicId ? anchor.Number + 1 : 1;
        return Done<IReadOnlyList<Post>>(PostsOfTopic(topicId, from, int.MaxValue).ToEnumerable()
            .Where(p => p.Id > afterPostId).Take(Math.Max(take, 0)).ToList());
    }

    public Task CreateTopicAsync(Topic topic, Post firstPost)
    {
        db.InTransaction(() =>
        {
            var category = db.Categories.FindById(topic.CategoryId)
                ?? throw new InvalidOperationException($"Category {topic.CategoryId} does not exist.");
            db.Topics.Insert(topic);
            firstPost.TopicId = topic.Id;
            firstPost.Number = 1;
            db.Posts.Insert(firstPost);
            ForumRules.StartTopic(category, topic, firstPost);
            db.Topics.Update(topic);
            db.Categories.Update(category);
        });
        return Task.CompletedTask;
    }

    public Task AppendPostAsync(Post post)
    {
        db.InTransaction(() =>
        {
            var topic = db.Topics.FindById(post.TopicId)
                ?? throw new InvalidOperationException($"Topic {post.TopicId} does not exist.");
            ForumRules.NumberReply(topic, post);
            db.Posts.Insert(post);
            var category = db.Categories.FindById(topic.CategoryId);
            ForumRules.CountReply(topic, category, post);
            db.Topics.Update(topic);
            if (category is not null) db.Categories.Update(category);
        });
        return Task.CompletedTask;
    }

    public Task UpdatePostAsync(Post post)
    {
        db.InTransaction(() => db.Posts.Update(post));
        return Task.CompletedTask;
    }

    public Task UpdateTopicAsync(Topic topic)
    {
        db.InTransaction(() =>
        {
            if (db.Topics.FindById(topic.Id) is not { } stored) return;
            ForumRules.KeepStoreOwned(stored, topic);
            db.Topics.Update(topic);
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<int>> RemoveTopicAsync(int topicId, PostRemoval removal) =>
        Task.FromResult(db.InTransaction<IReadOnlyList<int>>(() => RemoveTopicInTransaction(topicId, removal)));

    public Task MoveTopicAsync(int topicId, int toCategoryId)
    {
        db.InTransaction(() =>
        {
            var topic = db.Topics.FindById(topicId) ?? throw new InvalidOperationException($"Topic {topicId} does not exist.");
            var to = db.Categories.FindById(toCategoryId) ?? throw new InvalidOperationException($"Category {toCategoryId} does not exist.");
            if (topic.CategoryId == toCategoryId) return;
            var from = db.Categories.FindById(topic.CategoryId);
            ForumRules.MoveTopic(topic, from, to);
            if (from is not null) db.Categories.Update(from);
            db.Categories.Update(to);
            db.Topics.Update(topic);
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Post>> ListPostsByAuthorAsync(string authorId) =>
        Done<IReadOnlyList<Post>>(db.Posts.Query().Where(p => p.AuthorId == authorId).OrderBy(p => p.Id).ToList());

    public Task<IReadOnlyList<int>> DetachAuthorAsync(string authorId, string formerName, PostRemoval? removal) =>
        Task.FromResult(db.InTransaction<IReadOnlyList<int>>(() =>
        {
            var removed = new List<int>();
            var postIds = db.Posts.Query().Where(p => p.AuthorId == authorId).Select(p => p.Id).ToList().ToHashSet();
            if (removal is not null)
                foreach (var topic in db.Topics.Query().Where(t => t.AuthorId == authorId && !t.IsRemoved).ToList())
                    removed.AddRange(RemoveTopicInTransaction(topic.Id, removal));

            foreach (var post in db.Posts.Query().Where(p => p.AuthorId == authorId).ToList())
            {
                if (removal is not null && ForumRules.BlankPost(post, removal)) removed.Add(post.Id);
                ForumRules.DetachAuthor(post, formerName);
                db.Posts.Update(post);
            }
            foreach (var topic in db.Topics.Query().Where(t => t.AuthorId == authorId).ToList())
            {
                ForumRules.DetachAuthor(topic, formerName, postIds.Contains(topic.LastPostId));
                db.Topics.Update(topic);
            }
            // Topics started by others whose last reply was the member's still show the copied name.
            foreach (var topic in db.Topics.FindAll().Where(t => postIds.Contains(t.LastPostId) && t.LastPosterName != formerName).ToList())
            {
                topic.LastPosterName = formerName;
                db.Topics.Update(topic);
            }
            return removed.Distinct().ToList();
        }));

    private List<int> RemoveTopicInTransaction(int topicId, PostRemoval removal)
    {
        var topic = db.Topics.FindById(topicId) ?? throw new InvalidOperationException($"Topic {topicId} does not exist.");
        var removed = new List<int>();
        foreach (var post in PostsOfTopic(topicId, 1, int.MaxValue).ToList())
        {
            if (!ForumRules.BlankPost(post, removal)) continue;
            db.Posts.Update(post);
            removed.Add(post.Id);
        }
        if (!topic.IsRemoved)
        {
            var category = db.Categories.FindById(topic.CategoryId);
            ForumRules.RemoveTopic(topic, category);
            db.Topics.Update(topic);
            if (category is not null) db.Categories.Update(category);
        }
        return removed;
    }

    public Task RenameAuthorAsync(string authorId, string newName)
    {
        db.InTransaction(() =>
        {
            db.Posts.UpdateMany(
                BsonExpression.Create("{ AuthorName: @0 }", new BsonValue(newName)),
                BsonExpression.Create("AuthorId = @0", new BsonValue(authorId)));
            db.Topics.UpdateMany(
                BsonExpression.Create("{ AuthorName: @0 }", new BsonValue(newName)),
                BsonExpression.Create("AuthorId = @0", new BsonValue(authorId)));
            // Topic rows also show who wrote the last post: renamed too where that post is this author's.
            var postIds = db.Posts.Find(p => p.AuthorId == authorId).Select(p => p.Id).ToHashSet();
            foreach (var topic in db.Topics.FindAll().Where(t => postIds.Contains(t.LastPostId) && t.LastPosterName != newName).ToList())
            {
                topic.LastPosterName = newName;
                db.Topics.Update(topic);
            }
        });
        return Task.CompletedTask;
    }

    /// <summary>Posts numbered <paramref name="first"/>..<paramref name="last"/> of a topic, one index range in index order.</summary>
    internal ILiteQueryableResult<Post> PostsOfTopic(int topicId, int first, int last) =>
        db.Posts.Query()
            .Where(PositionRange, ForumKeys.Position(topicId, first), ForumKeys.Position(topicId, last))
            .OrderBy(p => p.TopicPosition);

    /// <summary>Topics of a category that are not removed, last activity first, one index range in index order.</summary>
    internal ILiteQueryable<Topic> TopicsOfCategory(long from, long to) =>
        db.Topics.Query().Where(ActivityRange, from, to).OrderByDescending(t => t.CategoryActivity);

    /// <summary>Topics across categories, last activity first: no predicate has an index, so ORDER BY's index is walked.</summary>
    internal ILiteQueryable<Topic> RecentTopics() =>
        db.Topics.Query().Where(t => !t.IsRemoved).OrderByDescending(t => t.LastPostAt);

    private static Task<T> Done<T>(T value) => Task.FromResult(value);
}
