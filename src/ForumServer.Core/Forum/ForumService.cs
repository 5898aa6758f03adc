using System.Text;
using ForumServer.Core.Accounts;
using ForumServer.Core.Common;

namespace ForumServer.Core.Forum;

/// <summary>
/// Every write to categories, topics and posts: validates, renders Markdown once, stores, then raises events through
/// the <see cref="ForumEventPublisher"/>. Moderation, account removal and renames write through here too.
/// </summary>
public sealed class ForumService(IForumStore store, PostRenderer renderer, ForumEventPublisher events, TimeProvider time)
{
    public const int PostsPerPage = 20;
    public const int TopicsPerPage = 30;

    public async Task<OperationResult<Topic>> CreateTopicAsync(Actor actor, int categoryId, string? title, string? markdown)
    {
        if (!actor.CanPost) return OperationResult<Topic>.Denied();
        var category = await store.GetCategoryAsync(categoryId);
        if (category is null) return OperationResult<Topic>.Missing();

        var errors = CheckTitle(title).Concat(CheckBody(markdown)).ToArray();
        if (errors.Length > 0) return OperationResult<Topic>.Invalid(errors);
        var rendered = renderer.RenderChecked(markdown!);
        if (rendered.Error is { } refused) return OperationResult<Topic>.Invalid(new FieldError("Body", refused));

        var now = time.GetUtcNow();
        var cleanTitle = title!.Trim();
        var topic = new Topic
        {
            CategoryId = category.Id,
            Title = cleanTitle,
            Slug = Slug.From(cleanTitle),
            AuthorId = actor.Id,
            AuthorName = actor.DisplayName,
            CreatedAt = now,
            LastPostAt = now,
            LastPosterName = actor.DisplayName,
            LastPosterId = actor.Id,
        };
        var post = NewPost(actor, markdown!, rendered.Html, now);
        await store.CreateTopicAsync(topic, post);
        await RaiseAsync(new TopicCreated(topic, post));
        return OperationResult<Topic>.Ok(topic);
    }

    public async Task<OperationResult<Post>> ReplyAsync(Actor actor, int topicId, string? markdown)
    {
        if (!actor.CanPost) return OperationResult<Post>.Denied();
        var topic = await store.GetTopicAsync(topicId);
        if (topic is null || topic.IsRemoved) return OperationResult<Post>.Missing();
        if (topic.IsLocked && !actor.IsModerator)
            return OperationResult<Post>.Invalid(new FieldError("Body", "This topic is locked: no new replies."));

        var errors = CheckBody(markdown).ToArray();
        if (errors.Length > 0) return OperationResult<Post>.Invalid(errors);
        var rendered = renderer.RenderChecked(markdown!);
        if (rendered.Error is { } refused) return OperationResult<Post>.Invalid(new FieldError("Body", refused));

        var post = NewPost(actor, markdown!, rendered.Html, time.GetUtcNow());
        post.TopicId = topic.Id;
        await store.AppendPostAsync(post);
        topic = await store.GetTopicAsync(topicId) ?? topic;
        await RaiseAsync(new PostCreated(topic, post));
        return OperationResult<Post>.Ok(post);
    }

    /// <summary>
    /// Edits a post; <paramref name="title"/>, when given for a topic's opening post, renames the topic by the same
    /// rules as a new topic's title.
    /// </summary>
    public async Task<OperationResult<Post>> EditPostAsync(Actor actor, int postId, string? markdown, string? title = null)
    {
        var (post, topic) = await FindLivePostAsync(postId);
        if (post is null || topic is null) return OperationResult<Post>.Missing();
        if (post.AuthorId != actor.Id && !actor.IsModerator) return OperationResult<Post>.Denied();

        var retitle = title is not null && post.Number == 1 && title.Trim() != topic.Title;
        var errors = (retitle ? CheckTitle(title) : []).Concat(CheckBody(markdown)).ToArray();
        if (errors.Length > 0) return OperationResult<Post>.Invalid(errors);
        var rendered = renderer.RenderChecked(markdown!);
        if (rendered.Error is { } refused) return OperationResult<Post>.Invalid(new FieldError("Body", refused));

        post.Markdown = markdown!;
        post.Html = rendered.Html;
        post.EditedAt = time.GetUtcNow();
        await store.UpdatePostAsync(post);
        if (retitle)
        {
            topic = await store.GetTopicAsync(topic.Id) ?? topic; // fresh counters: replies may have come meanwhile
            topic.Title = title!.Trim();
            topic.Slug = Slug.From(topic.Title);
            await store.UpdateTopicAsync(topic);
        }
        await RaiseAsync(new PostEdited(topic, post));
        return OperationResult<Post>.Ok(post);
    }

    /// <summary>
    /// Removes a post's content. The author may delete their own; moderators any. An author deleting the opening post
    /// of a topic nobody else has answered removes the topic, so no empty shell stays listed and open to replies.
    /// </summary>
    public async Task<OperationResult<Post>> RemovePostAsync(Actor actor, int postId)
    {
        var (post, topic) = await FindLivePostAsync(postId);
        if (post is null || topic is null) return OperationResult<Post>.Missing();
        var byAuthor = post.AuthorId == actor.Id;
        if (!byAuthor && !actor.IsModerator) return OperationResult<Post>.Denied();

        var removal = new PostRemoval { By = byAuthor ? RemovedBy.Author : RemovedBy.Moderator, At = time.GetUtcNow() };
        if (byAuthor && await RemovesTopicAsync(post))
        {
            await store.RemoveTopicAsync(topic.Id, removal);
            topic.IsRemoved = true;
            post.Removal = removal;
            await RaiseAsync(new TopicRemoved(topic));
            return OperationResult<Post>.Ok(post);
        }

        post.Removal = removal;
        post.Markdown = "";
        post.Html = "";
        await store.UpdatePostAsync(post);
        await RaiseAsync(new PostRemoved(topic, post));
        return OperationResult<Post>.Ok(post);
    }

    /// <summary>Whether its author deleting <paramref name="post"/> removes its whole topic: the opening post, no one else's live replies.</summary>
    public async Task<bool> RemovesTopicAsync(Post post)
    {
        if (post.Number != 1) return false;
        var topic = await store.GetTopicAsync(post.TopicId);
        if (topic is null) return false;
        const int batch = 100;
        for (var skip = 0; skip < topic.PostCount; skip += batch)
            if ((await store.ListPostsAsync(topic.Id, skip, batch)).Any(p => p.AuthorId != post.AuthorId && !p.IsRemoved))
                return false;
        return true;
    }

    public async Task<OperationResult<Category>> CreateCategoryAsync(string? name, string? description)
    {
        var errors = CheckCategory(name, description).ToArray();
        if (errors.Length > 0) return OperationResult<Category>.Invalid(errors);
        var existing = await store.ListCategoriesAsync();
        var category = new Category
        {
            Name = name!.Trim(),
            Slug = Slug.From(name),
            Description = description?.Trim() ?? "",
            SortOrder = existing.Count == 0 ? 0 : existing.Max(c => c.SortOrder) + 1,
        };
        await store.AddCategoryAsync(category);
        await RaiseAsync(new CategoryChanged(category));
        return OperationResult<Category>.Ok(category);
    }

    public async Task<OperationResult<Category>> UpdateCategoryAsync(int id, string? name, string? description, int sortOrder)
    {
        var category = await store.GetCategoryAsync(id);
        if (category is null) return OperationResult<Category>.Missing();
        var errors = CheckCategory(name, description).ToArray();
        if (errors.Length > 0) return OperationResult<Category>.Invalid(errors);
        category.Name = name!.Trim();
        category.Slug = Slug.From(category.Name);
        category.Description = description?.Trim() ?? "";
        category.SortOrder = sortOrder;
        await store.UpdateCategoryAsync(category);
        await RaiseAsync(new CategoryChanged(category));
        return OperationResult<Category>.Ok(category);
    }

    /// <summary>A moderator removes a whole topic; returns the ids of the posts that lost their content.</summary>
    public async Task<OperationResult<IReadOnlyList<int>>> RemoveTopicAsync(Actor actor, int topicId)
    {
        if (!actor.IsModerator) return OperationResult<IReadOnlyList<int>>.Denied();
        var topic = await store.GetTopicAsync(topicId);
        if (topic is null || topic.IsRemoved) return OperationResult<IReadOnlyList<int>>.Missing();
        var removed = await store.RemoveTopicAsync(topicId, new PostRemoval { By = RemovedBy.Moderator, At = time.GetUtcNow() });
        topic.IsRemoved = true;
        await RaiseAsync(new TopicRemoved(topic));
        return OperationResult<IReadOnlyList<int>>.Ok(removed);
    }

    public async Task<OperationResult<Topic>> SetTopicLockedAsync(Actor actor, int topicId, bool locked)
    {
        if (!actor.IsModerator) return OperationResult<Topic>.Denied();
        var topic = await store.GetTopicAsync(topicId);
        if (topic is null || topic.IsRemoved) return OperationResult<Topic>.Missing();
        if (topic.IsLocked == locked) return OperationResult<Topic>.Ok(topic);
        topic.IsLocked = locked;
        await store.UpdateTopicAsync(topic);
        await RaiseAsync(new TopicLocked(topic));
        return OperationResult<Topic>.Ok(topic);
    }

    public async Task<OperationResult<Topic>> MoveTopicAsync(Actor actor, int topicId, int toCategoryId)
    {
        if (!actor.IsModerator) return OperationResult<Topic>.Denied();
        var topic = await store.GetTopicAsync(topicId);
        if (topic is null || topic.IsRemoved) return OperationResult<Topic>.Missing();
        if (await store.GetCategoryAsync(toCategoryId) is null)
            return OperationResult<Topic>.Invalid(new FieldError("CategoryId", "Choose a category that exists."));
        if (topic.CategoryId == toCategoryId) return OperationResult<Topic>.Ok(topic);
        var from = topic.CategoryId;
        await store.MoveTopicAsync(topicId, toCategoryId);
        topic.CategoryId = toCategoryId;
        await RaiseAsync(new TopicMoved(topic, from));
        return OperationResult<Topic>.Ok(topic);
    }

    /// <summary>
    /// Detaches a removed account's posts and topics (see <see cref="IForumStore.DetachAuthorAsync"/>) and tells live
    /// pages and caches about each post that changed. Running it again for the same author changes nothing more.
    /// </summary>
    public async Task<IReadOnlyList<int>> DetachAuthorAsync(string authorId, string formerName, RemovedBy? removedBy)
    {
        var ownPosts = await store.ListPostsByAuthorAsync(authorId);
        var removal = removedBy is { } by ? new PostRemoval { By = by, At = time.GetUtcNow() } : null;
        var removed = await store.DetachAuthorAsync(authorId, formerName, removal);
        var removedNow = removed.ToHashSet();
        var removedTopics = new HashSet<int>();
        foreach (var own in ownPosts)
        {
            if (await store.GetPostAsync(own.Id) is not { } post || await store.GetTopicAsync(post.TopicId) is not { } topic) continue;
            ForumEvent change = topic.IsRemoved ? new TopicRemoved(topic)
                : removedNow.Contains(post.Id) ? new PostRemoved(topic, post)
                : new PostEdited(topic, post);
            if (change is TopicRemoved && !removedTopics.Add(topic.Id)) continue;
            await RaiseAsync(change);
        }
        return removed;
    }

    /// <summary>Keeps the author name copied on posts and topics in step with a member's new display name.</summary>
    public Task RenameAuthorAsync(string authorId, string newName) => store.RenameAuthorAsync(authorId, newName);

    public static int PageOf(int postNumber) => (Math.Max(postNumber, 1) - 1) / PostsPerPage + 1;

    public static int PageCount(int itemCount, int perPage) => Math.Max(1, (itemCount + perPage - 1) / perPage);

    private async Task<(Post?, Topic?)> FindLivePostAsync(int postId)
    {
        var post = await store.GetPostAsync(postId);
        if (post is null || post.IsRemoved) return (null, null);
        var topic = await store.GetTopicAsync(post.TopicId);
        return topic is null || topic.IsRemoved ? (null, null) : (post, topic);
    }

    private static Post NewPost(Actor actor, string markdown, string html, DateTimeOffset now) => new()
    {
        AuthorId = actor.Id,
        AuthorName = actor.DisplayName,
        Markdown = markdown,
        Html = html,
        CreatedAt = now,
    };

    private Task RaiseAsync(ForumEvent forumEvent) => events.PublishAsync(forumEvent);

    private static IEnumerable<FieldError> CheckTitle(string? title)
    {
        var trimmed = title?.Trim() ?? "";
        if (trimmed.Length == 0) yield return new FieldError("Title", "Title is required.");
        else if (trimmed.Length > Topic.MaxTitleLength)
            yield return FieldError.Of("Title", "Title must be at most {0} characters (it has {1}).", Topic.MaxTitleLength, trimmed.Length);
    }

    private static IEnumerable<FieldError> CheckBody(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) yield return new FieldError("Body", "Post text is required.");
        else
        {
            var bytes = Encoding.UTF8.GetByteCount(markdown);
            if (bytes > Post.MaxMarkdownBytes)
                yield return FieldError.Of("Body", "Post text must be at most 64 KiB (it has {0:0.#} KiB).", bytes / 1024.0);
        }
    }

    private static IEnumerable<FieldError> CheckCategory(string? name, string? description)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) yield return new FieldError("Name", "Name is required.");
        else if (trimmed.Length > 80) yield return new FieldError("Name", "Name must be at most 80 characters.");
        if ((description?.Length ?? 0) > 500) yield return new FieldError("Description", "Description must be at most 500 characters.");
    }
}
