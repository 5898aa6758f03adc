using System.Text;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;

namespace ForumServer.Core.Drafts;

/// <summary>Keeps the composer's text on the server while a member writes; a posted reply or topic deletes it.</summary>
public sealed class DraftService(IDraftStore store, TimeProvider time) : IForumEventHandler
{
    public Task<Draft?> GetAsync(string memberId, string key) => store.GetAsync(memberId, key);

    public async Task<OperationResult<Draft?>> SaveAsync(string memberId, string? key, string? title, string? body)
    {
        if (!Draft.IsValidKey(key)) return OperationResult<Draft?>.Invalid(new FieldError("Key", "Unknown draft place."));
        if ((title?.Length ?? 0) > Draft.MaxTitleLength)
            return OperationResult<Draft?>.Invalid(new FieldError("Title", "Title must be at most 200 characters."));
        if (Encoding.UTF8.GetByteCount(body ?? "") > Post.MaxMarkdownBytes)
            return OperationResult<Draft?>.Invalid(new FieldError("Body", "Post text must be at most 64 KiB."));
        if (string.IsNullOrWhiteSpace(body) && string.IsNullOrWhiteSpace(title))
        {
            await store.DeleteAsync(memberId, key!);
            return OperationResult<Draft?>.Ok(null);
        }
        var draft = new Draft
        {
            Id = Draft.IdOf(memberId, key!), MemberId = memberId, Key = key!, Title = title ?? "", Body = body ?? "", UpdatedAt = time.GetUtcNow(),
        };
        await store.SaveAsync(draft);
        return OperationResult<Draft?>.Ok(draft);
    }

    public Task DeleteAsync(string memberId, string key) => store.DeleteAsync(memberId, key);

    /// <summary>Posting is what the draft was for: it goes once the post is stored.</summary>
    public Task HandleAsync(ForumEvent forumEvent, CancellationToken cancellationToken = default) => forumEvent switch
    {
        TopicCreated e => store.DeleteAsync(e.FirstPost.AuthorId, Draft.CategoryKey(e.Topic.CategoryId)),
        PostCreated e => store.DeleteAsync(e.Post.AuthorId, Draft.TopicKey(e.Topic.Id)),
        _ => Task.CompletedTask,
    };
}
