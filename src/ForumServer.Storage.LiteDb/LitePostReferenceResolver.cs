using ForumServer.Core.Forum;
using ForumServer.Core.Notifications;
using Microsoft.AspNetCore.Identity;

namespace ForumServer.Storage.LiteDb;

/// <summary>Answers the renderer's @mention and quote lookups from the members' name index and the posts' id.</summary>
public sealed class LitePostReferenceResolver(ForumDatabase db, ILookupNormalizer normalizer) : IPostReferenceResolver, IMemberNameDirectory
{
    public MentionedMember? FindMember(string displayName)
    {
        var normalized = normalizer.NormalizeName(displayName.Trim());
        var member = db.Members.FindOne(m => m.NormalizedDisplayName == normalized);
        return member is null ? null : new MentionedMember(member.Id, member.DisplayName);
    }

    public QuotedPost? FindPost(int postId)
    {
        var post = db.Posts.FindById(postId);
        return post is null || post.IsRemoved ? null : new QuotedPost(post.Id, post.TopicId, post.Number, post.AuthorName);
    }

    public Task<IReadOnlyList<string>> NamesStartingWithAsync(string prefix, int take)
    {
        var normalized = normalizer.NormalizeName(prefix.Trim());
        // StartsWith on the unique name index reads in index order; no sort buffer.
        return Task.FromResult<IReadOnlyList<string>>(db.Members.Query()
            .Where(m => m.NormalizedDisplayName.StartsWith(normalized))
            .Limit(take).ToList().Select(m => m.DisplayName).ToList());
    }
}
