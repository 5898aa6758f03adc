using ForumServer.Core.Media;
using static ForumServer.Storage.PostgreSql.PgDatabase;

namespace ForumServer.Storage.PostgreSql;

public sealed class PgMediaItemStore(PgDatabase db) : IMediaItemStore
{
    public Task AddAsync(MediaItem item) => db.ExecuteAsync(
        "INSERT INTO media (id, owner_id, post_id, created_at, bytes, doc) VALUES ($1, $2, $3, $4, $5, $6)",
        item.Id, item.OwnerId, item.PostId, item.CreatedAt, item.Bytes, Doc(item));

    public Task<MediaItem?> GetAsync(string id) => db.FindAsync<MediaItem>("SELECT doc FROM media WHERE id = $1", id);

    public async Task<IReadOnlyList<MediaItem>> GetManyAsync(IEnumerable<string> ids) =>
        await db.ListAsync<MediaItem>("SELECT doc FROM media WHERE id = ANY($1)", (object)ids.Distinct().ToArray());

    public async Task<IReadOnlyList<MediaItem>> ListOfPostAsync(int postId) =>
        await db.ListAsync<MediaItem>("SELECT doc FROM media WHERE post_id = $1 ORDER BY created_at, id", postId);

    public async Task<IReadOnlyList<MediaItem>> ListOfOwnerAsync(string ownerId) =>
        await db.ListAsync<MediaItem>("SELECT doc FROM media WHERE owner_id = $1 ORDER BY created_at", ownerId);

    public async Task<IReadOnlyList<MediaItem>> ListUnattachedBeforeAsync(DateTimeOffset before, int max) =>
        await db.ListAsync<MediaItem>("SELECT doc FROM media WHERE post_id IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2", before, max);

    public async Task<long> TotalBytesOfOwnerAsync(string ownerId) =>
        await db.ScalarAsync<long>("SELECT coalesce(sum(bytes), 0) FROM media WHERE owner_id = $1", ownerId);

    public async Task<int> CountUploadsSinceAsync(string ownerId, DateTimeOffset since) =>
        (int)await db.ScalarAsync<long>("SELECT count(*) FROM media WHERE owner_id = $1 AND created_at >= $2", ownerId, since);

    public Task SetPostAsync(IEnumerable<string> ids, int? postId) => db.ExecuteAsync(
        "UPDATE media SET post_id = $2::int, doc = doc || jsonb_build_object('PostId', $2::int) WHERE id = ANY($1)", ids.Distinct().ToArray(), postId);

    public Task DeleteAsync(string id) => db.ExecuteAsync("DELETE FROM media WHERE id = $1", id);
}
