using ForumServer.Core.Forum;
using Npgsql;
using static ForumServer.Storage.PostgreSql.PgDatabase;

namespace ForumServer.Storage.PostgreSql;

/// <summary>
/// Categories, topics and posts. Numbering and counters change under a row lock (<c>SELECT ... FOR UPDATE</c> on
/// the topic, then its category) inside one transaction; <c>UNIQUE (topic_id, number)</c> backs it up.
/// </summary>
public sealed class PgForumStore(PgDatabase db) : IForumStore
{
    // Serial ids live in the column; the stored doc may predate the id, so reads merge it in.
    private const string CategoryDoc = "doc || jsonb_build_object('Id', id)";
    private const string TopicDoc = "doc || jsonb_build_object('Id', id)";
    private const string PostDoc = "doc || jsonb_build_object('Id', id)";

    public async Task<IReadOnlyList<Category>> ListCategoriesAsync() =>
        await db.ListAsync<Category>($"SELECT {CategoryDoc} FROM categories ORDER BY sort_order, id");

    public Task<Category?> GetCategoryAsync(int id) => db.FindAsync<Category>($"SELECT {CategoryDoc} FROM categories WHERE id = $1", id);

    public async Task<Category> AddCategoryAsync(Category category)
    {
        category.Id = (int)(await db.ScalarAsync<int>("INSERT INTO categories (sort_order, doc) VALUES ($1, $2) RETURNING id",
            category.SortOrder, Doc(category)))!;
        return category;
    }

    // Counters are the store's: only what an administrator edits is taken from the caller's copy.
    public async Task UpdateCategoryAsync(Category category)
    {
        var stored = await db.FindAsync<Category>(
            $"UPDATE categories SET sort_order = $2, doc = doc || $3 WHERE id = $1 RETURNING {CategoryDoc}", category.Id, category.SortOrder,
            Patch(new { category.Name, category.Slug, category.Description, category.SortOrder, category.IsQuestions }));
        if (stored is not null) (category.TopicCount, category.PostCount, category.LastActivityAt) = (stored.TopicCount, stored.PostCount, stored.LastActivityAt);
    }

    public Task<Topic?> GetTopicAsync(int id) => db.FindAsync<Topic>($"SELECT {TopicDoc} FROM topics WHERE id = $1", id);

    public async Task<IReadOnlyList<Topic>> ListTopicsAsync(int categoryId, int skip, int take) =>
        await db.ListAsync<Topic>($"SELECT {TopicDoc} FROM topics WHERE category_id = $1 AND NOT is_removed " +
            "ORDER BY last_post_at DESC OFFSET $2 LIMIT $3", categoryId, skip, take);

    public async Task<int> CountTopicsAsync(int categoryId) =>
        (int)await db.ScalarAsync<long>("SELECT count(*) FROM topics WHERE category_id = $1 AND NOT is_removed", categoryId);

    public async Task<IReadOnlyList<Topic>> ListRecentTopicsAsync(int skip, int take) =>
        await db.ListAsync<Topic>($"SELECT {TopicDoc} FROM topics WHERE NOT is_removed ORDER BY last_post_at DESC OFFSET $1 LIMIT $2", skip, take);

    public Task<Post?> GetPostAsync(int id) => db.FindAsync<Post>($"SELECT {PostDoc} FROM posts WHERE id = $1", id);

    public async Task<IReadOnlyList<Post>> GetPostsAsync(IReadOnlyCollection<int> ids) =>
        ids.Count == 0 ? [] : await db.ListAsync<Post>($"SELECT {PostDoc} FROM posts WHERE id = ANY($1)", ids.Distinct().ToArray());

    public async Task<IReadOnlyList<Topic>> GetTopicsAsync(IReadOnlyCollection<int> ids) =>
        ids.Count == 0 ? [] : await db.ListAsync<Topic>($"SELECT {TopicDoc} FROM topics WHERE id = ANY($1)", ids.Distinct().ToArray());

    public async Task<IReadOnlyList<Post>> ListPostsAsync(int topicId, int skip, int take) =>
        await db.ListAsync<Post>($"SELECT {PostDoc} FROM posts WHERE topic_id = $1 AND number > $2 AND number <= $3 ORDER BY number",
            topicId, skip, skip + take);

    public async Task<IReadOnlyList<Post>> ListPostsAfterAsync(int topicId, int afterPostId, int take) =>
        await db.ListAsync<Post>($"SELECT {PostDoc} FROM posts WHERE topic_id = $1 AND id > $2 ORDER BY id LIMIT $3", topicId, afterPostId, take);

    public Task CreateTopicAsync(Topic topic, Post firstPost) => db.InTransactionAsync(async (c, tx) =>
    {
        var category = await LockCategoryAsync(c, tx, topic.CategoryId)
            ?? throw new InvalidOperationException($"Category {topic.CategoryId} does not exist.");
        topic.Id = await ScalarAsync<int>(c, tx, "INSERT INTO topics (category_id, author_id, last_post_at, doc) VALUES ($1, $2, $3, $4) RETURNING id",
            topic.CategoryId, topic.AuthorId, firstPost.CreatedAt, Doc(topic));
        firstPost.TopicId = topic.Id;
        firstPost.Number = 1;
        await InsertPostAsync(c, tx, firstPost);
        ForumRules.StartTopic(category, topic, firstPost);
        await WriteTopicAsync(c, tx, topic);
        await WriteCategoryAsync(c, tx, category);
    });

    public Task AppendPostAsync(Post post) => db.InTransactionAsync(async (c, tx) =>
    {
        // The topic row stays locked to commit: parallel replies to one topic take their numbers one after another.
        var topic = await LockTopicAsync(c, tx, post.TopicId) ?? throw new InvalidOperationException($"Topic {post.TopicId} does not exist.");
        ForumRules.NumberReply(topic, post);
        await InsertPostAsync(c, tx, post);
        var category = await LockCategoryAsync(c, tx, topic.CategoryId);
        ForumRules.CountReply(topic, category, post);
        await WriteTopicAsync(c, tx, topic);
        if (category is not null) await WriteCategoryAsync(c, tx, category);
    });

    public Task UpdatePostAsync(Post post) =>
        db.ExecuteAsync("UPDATE posts SET author_id = $2, doc = $3 WHERE id = $1", post.Id, post.AuthorId, Doc(post));

    // Counters and last post are the store's: only what a moderator edits is taken from the caller's copy.
    public Task UpdateTopicAsync(Topic topic) =>
        db.ExecuteAsync("UPDATE topics SET doc = doc || $2 WHERE id = $1", topic.Id, Patch(new
        {
            topic.Title, topic.Slug, topic.IsLocked, topic.Pin, topic.PinnedUntil,
            topic.AcceptedPostId, topic.AcceptedPostNumber, topic.AcceptedAuthorId,
        }));

    public Task<IReadOnlyList<int>> RemoveTopicAsync(int topicId, PostRemoval removal) =>
        db.InTransactionAsync<IReadOnlyList<int>>(async (c, tx) => await RemoveTopicInTransactionAsync(c, tx, topicId, removal));

    public Task MoveTopicAsync(int topicId, int toCategoryId) => db.InTransactionAsync(async (c, tx) =>
    {
        var topic = await LockTopicAsync(c, tx, topicId) ?? throw new InvalidOperationException($"Topic {topicId} does not exist.");
        // Both categories are locked in id order, so two moves in opposite directions cannot deadlock.
        var locked = new Dictionary<int, Category>();
        foreach (var id in new[] { topic.CategoryId, toCategoryId }.Distinct().Order())
            if (await LockCategoryAsync(c, tx, id) is { } category) locked[id] = category;
        var to = locked.GetValueOrDefault(toCategoryId) ?? throw new InvalidOperationException($"Category {toCategoryId} does not exist.");
        if (topic.CategoryId == toCategoryId) return;
        var from = locked.GetValueOrDefault(topic.CategoryId);
        ForumRules.MoveTopic(topic, from, to);
        if (from is not null) await WriteCategoryAsync(c, tx, from);
        await WriteCategoryAsync(c, tx, to);
        await WriteTopicAsync(c, tx, topic);
    });

    public async Task<IReadOnlyList<Post>> ListPostsByAuthorAsync(string authorId) =>
        await db.ListAsync<Post>($"SELECT {PostDoc} FROM posts WHERE author_id = $1 ORDER BY id", authorId);

    public Task<IReadOnlyList<int>> DetachAuthorAsync(string authorId, string formerName, PostRemoval? removal) =>
        db.InTransactionAsync<IReadOnlyList<int>>(async (c, tx) =>
        {
            var removed = new List<int>();
            var topics = await ListAsync<Topic>(c, tx, $"SELECT {TopicDoc} FROM topics WHERE author_id = $1 ORDER BY id FOR UPDATE", authorId);
            if (removal is not null)
                foreach (var topic in topics.Where(t => !t.IsRemoved))
                    removed.AddRange(await RemoveTopicInTransactionAsync(c, tx, topic.Id, removal));

            var posts = await ListAsync<Post>(c, tx, $"SELECT {PostDoc} FROM posts WHERE author_id = $1 ORDER BY id FOR UPDATE", authorId);
            var postIds = posts.Select(p => p.Id).ToArray();
            foreach (var post in posts)
            {
                if (removal is not null && ForumRules.BlankPost(post, removal)) removed.Add(post.Id);
                ForumRules.DetachAuthor(post, formerName);
                await ExecuteAsync(c, tx, "UPDATE posts SET author_id = $2, doc = $3 WHERE id = $1", post.Id, post.AuthorId, Doc(post));
            }
            foreach (var topic in await ListAsync<Topic>(c, tx, $"SELECT {TopicDoc} FROM topics WHERE author_id = $1 ORDER BY id FOR UPDATE", authorId))
            {
                ForumRules.DetachAuthor(topic, formerName, postIds.Contains(topic.LastPostId));
                await WriteTopicAsync(c, tx, topic);
            }
            // Topics started by others whose last reply was the member's still show the copied name.
            await ExecuteAsync(c, tx, "UPDATE topics SET doc = doc || $2 WHERE last_post_id = ANY($1)", postIds, Patch(new { LastPosterName = formerName }));
            return removed.Distinct().ToList();
        });

    public Task RenameAuthorAsync(string authorId, string newName) => db.InTransactionAsync(async (c, tx) =>
    {
        await ExecuteAsync(c, tx, "UPDATE posts SET doc = doc || $2 WHERE author_id = $1", authorId, Patch(new { AuthorName = newName }));
        await ExecuteAsync(c, tx, "UPDATE topics SET doc = doc || $2 WHERE author_id = $1", authorId, Patch(new { AuthorName = newName }));
    });

    private static async Task<List<int>> RemoveTopicInTransactionAsync(NpgsqlConnection c, NpgsqlTransaction tx, int topicId, PostRemoval removal)
    {
        var topic = await LockTopicAsync(c, tx, topicId) ?? throw new InvalidOperationException($"Topic {topicId} does not exist.");
        var removed = new List<int>();
        foreach (var post in await ListAsync<Post>(c, tx, $"SELECT {PostDoc} FROM posts WHERE topic_id = $1 ORDER BY number", topicId))
        {
            if (!ForumRules.BlankPost(post, removal)) continue;
            await ExecuteAsync(c, tx, "UPDATE posts SET doc = $2 WHERE id = $1", post.Id, Doc(post));
            removed.Add(post.Id);
        }
        if (!topic.IsRemoved)
        {
            var category = await LockCategoryAsync(c, tx, topic.CategoryId);
            ForumRules.RemoveTopic(topic, category);
            await WriteTopicAsync(c, tx, topic);
            if (category is not null) await WriteCategoryAsync(c, tx, category);
        }
        return removed;
    }

    private static async Task InsertPostAsync(NpgsqlConnection c, NpgsqlTransaction tx, Post post) =>
        post.Id = await ScalarAsync<int>(c, tx, "INSERT INTO posts (topic_id, number, author_id, doc) VALUES ($1, $2, $3, $4) RETURNING id",
            post.TopicId, post.Number, post.AuthorId, Doc(post));

    private static async Task<Topic?> LockTopicAsync(NpgsqlConnection c, NpgsqlTransaction tx, int id) =>
        (await ListAsync<Topic>(c, tx, $"SELECT {TopicDoc} FROM topics WHERE id = $1 FOR UPDATE", id)).FirstOrDefault();

    private static async Task<Category?> LockCategoryAsync(NpgsqlConnection c, NpgsqlTransaction tx, int id) =>
        (await ListAsync<Category>(c, tx, $"SELECT {CategoryDoc} FROM categories WHERE id = $1 FOR UPDATE", id)).FirstOrDefault();

    private static Task WriteTopicAsync(NpgsqlConnection c, NpgsqlTransaction tx, Topic topic) => ExecuteAsync(c, tx,
        "UPDATE topics SET category_id = $2, author_id = $3, last_post_at = $4, last_post_id = $5, is_removed = $6, doc = $7 WHERE id = $1",
        topic.Id, topic.CategoryId, topic.AuthorId, topic.LastPostAt, topic.LastPostId, topic.IsRemoved, Doc(topic));

    private static Task WriteCategoryAsync(NpgsqlConnection c, NpgsqlTransaction tx, Category category) =>
        ExecuteAsync(c, tx, "UPDATE categories SET sort_order = $2, doc = $3 WHERE id = $1", category.Id, category.SortOrder, Doc(category));
}
