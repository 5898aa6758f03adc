using ForumServer.Core.Curation;
using ForumServer.Core.Forum;
using ForumServer.Core.Profiles;
using static ForumServer.Storage.PostgreSql.PgDatabase;

namespace ForumServer.Storage.PostgreSql;

/// <summary>Profiles, a member's public activity (read from posts and topics) and the pinned topics.</summary>
public sealed class PgProfileStore(PgDatabase db) : IProfileStore, IPinnedTopicStore
{
    private const string RowDoc = "doc || jsonb_build_object('Id', id)";

    // A removed post keeps its row with a Removal record; a live one has none (absent or JSON null).
    private const string NotRemoved = "jsonb_typeof(doc->'Removal') IS DISTINCT FROM 'object'";

    public Task<MemberProfile?> GetAsync(string memberId) =>
        db.FindAsync<MemberProfile>("SELECT doc FROM profiles WHERE member_id = $1", memberId);

    public Task SaveAsync(MemberProfile profile) =>
        db.ExecuteAsync("INSERT INTO profiles (member_id, doc) VALUES ($1, $2) ON CONFLICT (member_id) DO UPDATE SET doc = EXCLUDED.doc",
            profile.Id, Doc(profile));

    public Task DeleteAsync(string memberId) => db.ExecuteAsync("DELETE FROM profiles WHERE member_id = $1", memberId);

    public async Task<int> CountPostsAsync(string authorId) =>
        (int)await db.ScalarAsync<long>($"SELECT count(*) FROM posts WHERE author_id = $1 AND {NotRemoved}", authorId);

    public async Task<IReadOnlyList<Post>> ListPostsAsync(string authorId, int skip, int take) =>
        await db.ListAsync<Post>($"SELECT {RowDoc} FROM posts WHERE author_id = $1 AND {NotRemoved} ORDER BY id DESC OFFSET $2 LIMIT $3",
            authorId, skip, take);

    public async Task<int> CountTopicsAsync(string authorId) =>
        (int)await db.ScalarAsync<long>("SELECT count(*) FROM topics WHERE author_id = $1 AND NOT is_removed", authorId);

    public async Task<IReadOnlyList<Topic>> ListTopicsAsync(string authorId, int skip, int take) =>
        await db.ListAsync<Topic>($"SELECT {RowDoc} FROM topics WHERE author_id = $1 AND NOT is_removed ORDER BY id DESC OFFSET $2 LIMIT $3",
            authorId, skip, take);

    public async Task<int> CountAcceptedAnswersAsync(string authorId) =>
        (int)await db.ScalarAsync<long>("SELECT count(*) FROM topics WHERE doc->>'AcceptedAuthorId' = $1 AND NOT is_removed", authorId);

    public Task ForgetMemberInTopicsAsync(string memberId) => db.InTransactionAsync(async (c, tx) =>
    {
        // Account removal is rare: the last poster has no index of its own (every reply would have to update one).
        await ExecuteAsync(c, tx, "UPDATE topics SET doc = doc || $2 WHERE doc->>'LastPosterId' = $1", memberId, Patch(new { LastPosterId = "" }));
        await ExecuteAsync(c, tx, "UPDATE topics SET doc = doc || '{\"AcceptedAuthorId\": null}' WHERE doc->>'AcceptedAuthorId' = $1", memberId);
    });

    public async Task<IReadOnlyList<Topic>> ListPinnedAsync() =>
        await db.ListAsync<Topic>($"SELECT {RowDoc} FROM topics WHERE doc->>'Pin' <> 'None' AND NOT is_removed ORDER BY id LIMIT 200");
}
