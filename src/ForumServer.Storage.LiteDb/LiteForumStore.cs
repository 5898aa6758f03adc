using ForumServer.Core.Forum;
using ForumServer.Core.Storage;
using LiteDB;

namespace ForumServer.Storage.LiteDb;

public sealed class LiteForumStore(ForumDatabase db) : IForumStore
{
    public Task<IReadOnlyList<Category>> ListCategoriesAsync() =>
        Done<IReadOnlyList<Category>>(db.Categories.Query().OrderBy(c => c.SortOrder).ToList());

    public Task<Category?> GetCategoryAsync(int id) => Done<Category?>(db.Categories.FindById(id));

    public Task<Category> AddCategoryAsync(Category category)
    {
        db.Categories.Insert(category);
        return Task.FromResult(category);
    }

    public Task UpdateCategoryAsync(Category category)
    {
        db.Categories.Update(category);
        return Task.CompletedTask;
    }

    public Task<Topic?> GetTopicAsync(int id) => Done<Topic?>(db.Topics.FindById(id));

    public Task<IReadOnlyList<Topic>> ListTopicsAsync(int categoryId, int skip, int take) =>
        Done<IReadOnlyList<Topic>>(db.Topics.Query()
            .Where(t => t.CategoryId == categoryId && !t.IsRemoved)
            .OrderByDescending(t => t.LastPostAt)
            .Skip(skip).Limit(take).ToList());

    public Task<int> CountTopicsAsync(int categoryId) =>
        Done(db.Topics.Count(t => t.CategoryId == categoryId && !t.IsRemoved));

    public Task<IReadOnlyList<Topic>> ListRecentTopicsAsync(int skip, int take) =>
        Done<IReadOnlyList<Topic>>(db.Topics.Query()
            .OrderByDescending(t => t.LastPostAt)
            .Where(t => !t.IsRemoved)
            .Skip(skip).Limit(take).ToList());

    public Task<Post?> GetPostAsync(int id) => Done<Post?>(db.Posts.FindById(id));

    public Task<IReadOnlyList<Post>> ListPostsAsync(int topicId, int skip, int take) =>
        Done<IReadOnlyList<Post>>(db.Posts.Query()
            .Where(p => p.TopicId == topicId && p.Number > skip && p.Number <= skip + take)
            .OrderBy(p => p.Number)
            .ToList());

    public Task<IReadOnlyList<Post>> ListPostsAfterAsync(int topicId, int afterPostId, int take) =>
        Done<IReadOnlyList<Post>>(db.Posts.Query()
            .Where(p => p.TopicId == topicId && p.Id > afterPostId)
            .OrderBy(p => p.Id)
            .Limit(take).ToList());

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
            topic.PostCount = 1;
            topic.LastPostId = firstPost.Id;
            db.Topics.Update(topic);
            category.TopicCount++;
            category.PostCount++;
            category.LastActivityAt = firstPost.CreatedAt;
            db.Categories.Update(category);
            return 0;
        });
        return Task.CompletedTask;
    }

    public Task AppendPostAsync(Post post)
    {
        db.InTransaction(() =>
        {
            var topic = db.Topics.FindById(post.TopicId)
                ?? throw new InvalidOperationException($"Topic {post.TopicId} does not exist.");
            post.Number = topic.PostCount + 1;
            db.Posts.Insert(post);
            topic.PostCount = post.Number;
            topic.LastPostAt = post.CreatedAt;
            topic.LastPostId = post.Id;
            topic.LastPosterName = post.AuthorName;
            db.Topics.Update(topic);
            var category = db.Categories.FindById(topic.CategoryId);
            if (category is not null)
            {
                category.PostCount++;
                category.LastActivityAt = post.CreatedAt;
                db.Categories.Update(category);
            }
            return 0;
        });
        return Task.CompletedTask;
    }

    public Task UpdatePostAsync(Post post)
    {
        db.Posts.Update(post);
        return Task.CompletedTask;
    }

    public Task UpdateTopicAsync(Topic topic)
    {
        db.Topics.Update(topic);
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
            if (topic.CategoryId == toCategoryId) return 0;
            if (db.Categories.FindById(topic.CategoryId) is { } from)
            {
                from.TopicCount--;
                from.PostCount -= topic.PostCount;
                db.Categories.Update(from);
            }
            to.TopicCount++;
            to.PostCount += topic.PostCount;
            if (to.LastActivityAt is null || to.LastActivityAt < topic.LastPostAt) to.LastActivityAt = topic.LastPostAt;
            db.Categories.Update(to);
            topic.CategoryId = toCategoryId;
            db.Topics.Update(topic);
            return 0;
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
            var topics = db.Topics.Query().Where(t => t.AuthorId == authorId).ToList();
            if (removal is not null)
                foreach (var topic in topics.Where(t => !t.IsRemoved))
                    removed.AddRange(RemoveTopicInTransaction(topic.Id, removal));

            foreach (var post in db.Posts.Query().Where(p => p.AuthorId == authorId).ToList())
            {
                if (removal is not null && !post.IsRemoved)
                {
                    post.Removal = new PostRemoval { By = removal.By, At = removal.At };
                    post.Markdown = "";
                    post.Html = "";
                    removed.Add(post.Id);
                }
                // A fresh id per post, so the former member's posts cannot be linked to each other.
                post.AuthorId = "former-" + Guid.NewGuid().ToString("N");
                post.AuthorName = formerName;
                db.Posts.Update(post);
            }
            foreach (var topic in db.Topics.Query().Where(t => t.AuthorId == authorId).ToList())
            {
                topic.AuthorId = "former-" + Guid.NewGuid().ToString("N");
                topic.AuthorName = formerName;
                if (postIds.Contains(topic.LastPostId)) topic.LastPosterName = formerName;
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
        foreach (var post in db.Posts.Query().Where(p => p.TopicId == topicId).ToList())
        {
            if (post.IsRemoved) continue;
            post.Removal = new PostRemoval { By = removal.By, At = removal.At };
            post.Markdown = "";
            post.Html = "";
            db.Posts.Update(post);
            removed.Add(post.Id);
        }
        if (!topic.IsRemoved)
        {
            topic.IsRemoved = true;
            db.Topics.Update(topic);
            if (db.Categories.FindById(topic.CategoryId) is { } category)
            {
                category.TopicCount--;
                category.PostCount -= topic.PostCount;
                db.Categories.Update(category);
            }
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
            return 0;
        });
        return Task.CompletedTask;
    }

    private static Task<T> Done<T>(T value) => Task.FromResult(value);
}
