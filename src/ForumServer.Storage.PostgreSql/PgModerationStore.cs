using ForumServer.Core.Moderation;
using static ForumServer.Storage.PostgreSql.PgDatabase;

namespace ForumServer.Storage.PostgreSql;

public sealed class PgModerationStore(PgDatabase db) : IModerationStore
{
    private const string WithId = "doc || jsonb_build_object('Id', id)";
    private const string OpenRequest = "state IN ('Confirmed', 'InProgress')";

    public async Task AddFlagAsync(Flag flag) =>
        flag.Id = await db.ScalarAsync<int>("INSERT INTO flags (post_id, filed_by_id, resolved_at, doc) VALUES ($1, $2, $3, $4) RETURNING id",
            flag.PostId, flag.FiledById, flag.ResolvedAt, Doc(flag));

    public Task<Flag?> GetFlagAsync(int id) => db.FindAsync<Flag>($"SELECT {WithId} FROM flags WHERE id = $1", id);

    public Task<Flag?> FindOpenFlagAsync(int postId, string filedById) => db.FindAsync<Flag>(
        $"SELECT {WithId} FROM flags WHERE post_id = $1 AND filed_by_id = $2 AND resolved_at IS NULL ORDER BY id LIMIT 1", postId, filedById);

    public async Task<IReadOnlyList<Flag>> ListOpenFlagsAsync(int take) =>
        await db.ListAsync<Flag>($"SELECT {WithId} FROM flags WHERE resolved_at IS NULL ORDER BY id LIMIT $1", take);

    public async Task<int> CountOpenFlagsAsync() => (int)await db.ScalarAsync<long>("SELECT count(*) FROM flags WHERE resolved_at IS NULL");

    public async Task<IReadOnlyList<Flag>> ListFlagsFiledByAsync(string memberId) =>
        await db.ListAsync<Flag>($"SELECT {WithId} FROM flags WHERE filed_by_id = $1 ORDER BY id", memberId);

    public Task ResolveFlagsAsync(IReadOnlyCollection<int> postIds, string resolvedById, DateTimeOffset at) => db.ExecuteAsync(
        "UPDATE flags SET resolved_at = $2, doc = doc || $3 WHERE post_id = ANY($1) AND resolved_at IS NULL",
        postIds.ToArray(), at, Patch(new { ResolvedAt = (DateTimeOffset?)at, ResolvedById = resolvedById }));

    public Task ResolveFlagAsync(int flagId, string resolvedById, DateTimeOffset at) => db.ExecuteAsync(
        "UPDATE flags SET resolved_at = $2, doc = doc || $3 WHERE id = $1",
        flagId, at, Patch(new { ResolvedAt = (DateTimeOffset?)at, ResolvedById = resolvedById }));

    public Task DeleteFlagsFiledByAsync(string memberId) => db.ExecuteAsync("DELETE FROM flags WHERE filed_by_id = $1", memberId);

    public async Task AddDeletionRequestAsync(DeletionRequest request) =>
        request.Id = await db.ScalarAsync<int>("INSERT INTO deletion_requests (state, member_id, due_at, doc) VALUES ($1, $2, $3, $4) RETURNING id",
            request.State, request.MemberId, request.DueAt, Doc(request));

    public Task<DeletionRequest?> GetDeletionRequestAsync(int id) =>
        db.FindAsync<DeletionRequest>($"SELECT {WithId} FROM deletion_requests WHERE id = $1", id);

    public Task UpdateDeletionRequestAsync(DeletionRequest request) => db.ExecuteAsync(
        "UPDATE deletion_requests SET state = $2, member_id = $3, due_at = $4, doc = $5 WHERE id = $1",
        request.Id, request.State, request.MemberId, request.DueAt, Doc(request));

    public Task<DeletionRequest> OpenDeletionRequestAsync(DeletionRequest request) => db.InTransactionAsync(async (connection, tx) =>
    {
        // One open request per key across servers: the key's advisory lock is held to commit.
        await ExecuteAsync(connection, tx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 7))", request.OpenKey ?? "");
        var open = await ListAsync<DeletionRequest>(connection, tx,
            $"SELECT {WithId} FROM deletion_requests WHERE {OpenRequest} AND doc->>'OpenKey' = $1 AND id <> $2 ORDER BY id LIMIT 1", request.OpenKey ?? "", request.Id);
        if (open.Count > 0) return open[0];
        if (request.Id == 0)
            request.Id = await ScalarAsync<int>(connection, tx, "INSERT INTO deletion_requests (state, member_id, due_at, doc) VALUES ($1, $2, $3, $4) RETURNING id",
                request.State, request.MemberId, request.DueAt, Doc(request));
        else
            await ExecuteAsync(connection, tx, "UPDATE deletion_requests SET state = $2, member_id = $3, due_at = $4, doc = $5 WHERE id = $1",
                request.Id, request.State, request.MemberId, request.DueAt, Doc(request));
        return request;
    });

    public async Task<IReadOnlyList<DeletionRequest>> ListOpenDeletionRequestsAsync(int take) =>
        await db.ListAsync<DeletionRequest>($"SELECT {WithId} FROM deletion_requests WHERE {OpenRequest} ORDER BY due_at NULLS FIRST, id LIMIT $1", take);

    public async Task<int> CountOpenDeletionRequestsAsync() =>
        (int)await db.ScalarAsync<long>($"SELECT count(*) FROM deletion_requests WHERE {OpenRequest}");

    public async Task<IReadOnlyList<DeletionRequest>> ListDeletionRequestsOfMemberAsync(string memberId) =>
        await db.ListAsync<DeletionRequest>($"SELECT {WithId} FROM deletion_requests WHERE member_id = $1 ORDER BY id", memberId);

    public async Task<IReadOnlyList<DeletionRequest>> ListDeletionRequestsInStateAsync(DeletionRequestState state) =>
        await db.ListAsync<DeletionRequest>($"SELECT {WithId} FROM deletion_requests WHERE state = $1 ORDER BY id", state);

    public Task DeleteDeletionRequestAsync(int id) => db.ExecuteAsync("DELETE FROM deletion_requests WHERE id = $1", id);

    public async Task AppendAuditAsync(AuditEntry entry) =>
        entry.Id = await db.ScalarAsync<long>("INSERT INTO audit (doc) VALUES ($1) RETURNING id", Doc(entry));

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int skip, int take) =>
        await db.ListAsync<AuditEntry>($"SELECT {WithId} FROM audit ORDER BY id DESC OFFSET $1 LIMIT $2", skip, take);

    public async Task<int> CountAuditAsync() => (int)await db.ScalarAsync<long>("SELECT count(*) FROM audit");
}
