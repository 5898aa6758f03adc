namespace ForumServer.Core.Forum;

/// <summary>
/// How a write changes numbers, counters and removed content. Every store applies these inside its one write unit
/// (LiteDB: the writer lock; PostgreSQL: the locked rows), so the rules live here once and not in each store.
/// </summary>
public static class ForumRules
{
    /// <summary>Authors of anonymized posts get a fresh id each, so their posts cannot be linked to each other.</summary>
    public const string FormerAuthorIdPrefix = "former-";

    /// <summary>A new topic with its first post, counted in its category.</summary>
    public static void StartTopic(Category category, Topic topic, Post firstPost)
    {
        firstPost.TopicId = topic.Id;
        firstPost.Number = 1;
        topic.CategoryId = category.Id;
        topic.PostCount = 1;
        topic.LastPostId = firstPost.Id;
        topic.LastPostAt = firstPost.CreatedAt;
        topic.LastPosterName = firstPost.AuthorName;
        topic.LastPosterId = firstPost.AuthorId;
        category.TopicCount++;
        category.PostCount++;
        if (category.LastActivityAt is null || category.LastActivityAt < firstPost.CreatedAt) category.LastActivityAt = firstPost.CreatedAt;
    }

    /// <summary>The number a reply gets; call before storing it so its key is known.</summary>
    public static void NumberReply(Topic topic, Post reply)
    {
        reply.TopicId = topic.Id;
        reply.Number = topic.PostCount + 1;
    }

    /// <summary>A numbered, stored reply becomes the topic's last post and counts in the category.</summary>
    public static void CountReply(Topic topic, Category? category, Post reply)
    {
        topic.PostCount = reply.Number;
        topic.LastPostAt = reply.CreatedAt;
        topic.LastPostId = reply.Id;
        topic.LastPosterName = reply.AuthorName;
        topic.LastPosterId = reply.AuthorId;
        if (category is null) return;
        category.PostCount++;
        if (category.LastActivityAt is null || category.LastActivityAt < reply.CreatedAt) category.LastActivityAt = reply.CreatedAt;
    }

    /// <summary>A removed topic stops counting in its category; its posts keep their numbers.</summary>
    public static void RemoveTopic(Topic topic, Category? category)
    {
        if (topic.IsRemoved) return;
        topic.IsRemoved = true;
        if (category is null) return;
        category.TopicCount--;
        category.PostCount -= topic.PostCount;
    }

    public static void MoveTopic(Topic topic, Category? from, Category to)
    {
        if (topic.CategoryId == to.Id) return;
        if (from is not null && !topic.IsRemoved)
        {
            from.TopicCount--;
            from.PostCount -= topic.PostCount;
        }
        if (!topic.IsRemoved)
        {
            to.TopicCount++;
            to.PostCount += topic.PostCount;
        }
        if (to.LastActivityAt is null || to.LastActivityAt < topic.LastPostAt) to.LastActivityAt = topic.LastPostAt;
        topic.CategoryId = to.Id;
    }

    /// <summary>Removal keeps the post's place (and number) but deletes its content. Returns false if it was already removed.</summary>
    public static bool BlankPost(Post post, PostRemoval removal)
    {
        if (post.IsRemoved) return false;
        post.Removal = new PostRemoval { By = removal.By, At = removal.At };
        post.Markdown = "";
        post.Html = "";
        return true;
    }

    public static string NewFormerAuthorId() => FormerAuthorIdPrefix + Guid.NewGuid().ToString("N");

    public static void DetachAuthor(Post post, string formerName)
    {
        post.AuthorId = NewFormerAuthorId();
        post.AuthorName = formerName;
    }

    public static void DetachAuthor(Topic topic, string formerName, bool lastPostWasTheirs)
    {
        topic.AuthorId = NewFormerAuthorId();
        topic.AuthorName = formerName;
        if (lastPostWasTheirs) topic.LastPosterName = formerName;
    }
}

/// <summary>
/// Keys that let a store read hot pages in index order: one number orders a topic's posts, one a category's topics.
/// </summary>
public static class ForumKeys
{
    private const int ActivityBits = 43; // milliseconds since 1970 up to the year 2248

    /// <summary>TopicId in the high 32 bits, the post's number in the low ones.</summary>
    public static long Position(int topicId, int number) => ((long)topicId << 32) | (uint)Math.Max(number, 0);

    /// <summary>CategoryId in the high bits, the last activity in the low ones; 0 for removed topics (no category range holds it).</summary>
    public static long CategoryActivity(int categoryId, DateTimeOffset lastPostAt, bool removed) =>
        removed || categoryId <= 0 ? 0 : ((long)categoryId << ActivityBits) | Math.Clamp(lastPostAt.ToUnixTimeMilliseconds(), 0, (1L << ActivityBits) - 1);

    public static (long From, long To) CategoryRange(int categoryId) =>
        ((long)categoryId << ActivityBits, ((long)categoryId << ActivityBits) | ((1L << ActivityBits) - 1));
}
