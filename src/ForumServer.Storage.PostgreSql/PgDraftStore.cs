using ForumServer.Core.Drafts;
using static ForumServer.Storage.PostgreSql.PgDatabase;

namespace ForumServer.Storage.PostgreSql;

public sealed class PgDraftStore(PgDatabase db) : IDraftStore
{
    public Task<Draft?> GetAsync(string memberId, string key) =>
        db.FindAsync<Draft>("SELECT doc FROM drafts WHERE id = $1", Draft.IdOf(memberId, key));

    /// <summary>Stores the draft and, in the same transaction, drops the member's oldest beyond <see cref="Draft.MaxPerMember"/>.</summary>
    public Task SaveAsync(Draft draft) => db.InTransactionAsync(async (c, tx) =>
    {
        // One member's saves take turns (a lock held to commit): a parallel save's new row would not be seen by
        // this transaction's trim, and the member would keep more than the limit.
        await ExecuteAsync(c, tx, "SELECT pg_advisory_xact_lock(hashtextextended('drafts|' || $1, 0))", draft.MemberId);
        await ExecuteAsync(c, tx, "INSERT INTO drafts (id, member_id, updated_at, doc) VALUES ($1, $2, $3, $4) " +
            "ON CONFLICT (id) DO UPDATE SET member_id = EXCLUDED.member_id, updated_at = EXCLUDED.updated_at, doc = EXCLUDED.doc",
            draft.Id, draft.MemberId, draft.UpdatedAt, Doc(draft));
        await ExecuteAsync(c, tx, "DELETE FROM drafts WHERE id IN " +
            "(SELECT id FROM drafts WHERE member_id = $1 ORDER BY updated_at DESC, id OFFSET $2)", draft.MemberId, Draft.MaxPerMember);
    });

    public Task DeleteAsync(string memberId, string key) => db.ExecuteAsync("DELETE FROM drafts WHERE id = $1", Draft.IdOf(memberId, key));

    public async Task<IReadOnlyList<Draft>> ListOfMemberAsync(string memberId) =>
        await db.ListAsync<Draft>("SELECT doc FROM drafts WHERE member_id = $1 ORDER BY updated_at DESC", memberId);

    public Task DeleteAllOfMemberAsync(string memberId) => db.ExecuteAsync("DELETE FROM drafts WHERE member_id = $1", memberId);
}
