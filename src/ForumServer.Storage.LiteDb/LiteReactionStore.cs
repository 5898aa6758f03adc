using ForumServer.Core.Reactions;
using LiteDB;

namespace ForumServer.Storage.LiteDb;

public sealed class LiteReactionStore(ForumDatabase db) : IReactionStore
{
    public Task<bool> TryAddAsync(Reaction reaction)
    {
        try
        {
            db.Reactions.Insert(reaction);
            return Task.FromResult(true);
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return Task.FromResult(false);
        }
    }

    public Task<bool> RemoveAsync(int postId, string memberId) =>
        Task.FromResult(db.Reactions.Delete(Reaction.IdOf(postId, memberId)));

    public Task<int> CountOfPostAsync(int postId) => Task.FromResult(db.Reactions.Count(r => r.PostId == postId));

    public Task<int> CountOfTopicAsync(int topicId) => Task.FromResult(db.Reactions.Count(r => r.TopicId == topicId));

    public Task<IReadOnlyDictionary<int, int>> CountOfPostsAsync(IReadOnlyCollection<int> postIds)
    {
        // One index walk over the page's posts, counted here. The ids are a parameter: Query.In writes them into the
        // expression text, and LiteDB parses and compiles every new text (that was a quarter of a reply's time).
        var ids = new BsonArray(postIds.Distinct().Select(id => new BsonValue(id)));
        var counts = new Dictionary<int, int>();
        if (ids.Count == 0) return Task.FromResult<IReadOnlyDictionary<int, int>>(counts);
        foreach (var postId in db.Reactions.Query().Where("$.PostId IN @0", ids).Select(r => r.PostId).ToEnumerable())
            counts[postId] = counts.GetValueOrDefault(postId) + 1;
        return Task.FromResult<IReadOnlyDictionary<int, int>>(counts);
    }

    public Task<IReadOnlySet<int>> LikedByAsync(string memberId, IReadOnlyCollection<int> postIds)
    {
        var liked = new HashSet<int>();
        foreach (var id in postIds.Distinct())
            if (db.Reactions.FindById(Reaction.IdOf(id, memberId)) is not null) liked.Add(id);
        return Task.FromResult<IReadOnlySet<int>>(liked);
    }

    // The PostId index holds equal keys in no particular order: "oldest first" needs the sort (one post's likes, few).
    public Task<IReadOnlyList<Reaction>> ListOfPostAsync(int postId, int take) =>
        Task.FromResult<IReadOnlyList<Reaction>>(db.Reactions.Find(r => r.PostId == postId)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Take(take).ToList());

    public Task<IReadOnlyList<Reaction>> ListOfMemberAsync(string memberId) =>
        Task.FromResult<IReadOnlyList<Reaction>>(db.Reactions.Query().Where(r => r.MemberId == memberId).ToList());

    public Task RemoveAllOfMemberAsync(string memberId)
    {
        db.Reactions.DeleteMany(r => r.MemberId == memberId);
        return Task.CompletedTask;
    }
}
