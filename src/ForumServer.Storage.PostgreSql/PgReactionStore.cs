using ForumServer.Core.Reactions;
using static ForumServer.Storage.PostgreSql.PgDatabase;

namespace ForumServer.Storage.PostgreSql;

/// <summary>Likes; the primary key "{postId}:{memberId}" keeps one per member and post, parallel likes included.</summary>
public sealed class PgReactionStore(PgDatabase db) : IReactionStore
{
    public async Task<bool> TryAddAsync(Reaction reaction) =>
        await db.ExecuteAsync("INSERT INTO reactions (id, post_id, topic_id, member_id, created_at, doc) VALUES ($1, $2, $3, $4, $5, $6) " +
            "ON CONFLICT (id) DO NOTHING",
            reaction.Id, reaction.PostId, reaction.TopicId, reaction.MemberId, reaction.CreatedAt, Doc(reaction)) == 1;

    public async Task<bool> RemoveAsync(int postId, string memberId) =>
        await db.ExecuteAsync("DELETE FROM reactions WHERE id = $1", Reaction.IdOf(postId, memberId)) == 1;

    public async Task<int> CountOfPostAsync(int postId) =>
        (int)await db.ScalarAsync<long>("SELECT count(*) FROM reactions WHERE post_id = $1", postId);

    public async Task<int> CountOfTopicAsync(int topicId) =>
        (int)await db.ScalarAsync<long>("SELECT count(*) FROM reactions WHERE topic_id = $1", topicId);

    public async Task<IReadOnlyDictionary<int, int>> CountOfPostsAsync(IReadOnlyCollection<int> postIds) =>
        (await db.RowsAsync(r => (Post: r.GetInt32(0), Count: (int)r.GetInt64(1)),
            "SELECT post_id, count(*) FROM reactions WHERE post_id = ANY($1) GROUP BY post_id", postIds.Distinct().ToArray()))
        .ToDictionary(p => p.Post, p => p.Count);

    public async Task<IReadOnlySet<int>> LikedByAsync(string memberId, IReadOnlyCollection<int> postIds) =>
        // One argument, the array: a bare string[] would be taken as the params array itself.
        (await db.RowsAsync(r => r.GetInt32(0), "SELECT post_id FROM reactions WHERE id = ANY($1)",
            [postIds.Distinct().Select(id => Reaction.IdOf(id, memberId)).ToArray()])).ToHashSet();

    public async Task<IReadOnlyList<Reaction>> ListOfPostAsync(int postId, int take) =>
        await db.ListAsync<Reaction>("SELECT doc FROM reactions WHERE post_id = $1 ORDER BY created_at, id LIMIT $2", postId, take);

    public async Task<IReadOnlyList<Reaction>> ListOfMemberAsync(string memberId) =>
        await db.ListAsync<Reaction>("SELECT doc FROM reactions WHERE member_id = $1 ORDER BY created_at, id", memberId);

    public Task RemoveAllOfMemberAsync(string memberId) => db.ExecuteAsync("DELETE FROM reactions WHERE member_id = $1", memberId);
}
