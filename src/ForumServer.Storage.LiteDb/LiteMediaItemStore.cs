using ForumServer.Core.Media;

namespace ForumServer.Storage.LiteDb;

public sealed class LiteMediaItemStore(ForumDatabase db) : IMediaItemStore
{
    public Task AddAsync(MediaItem item)
    {
        db.Media.Insert(item);
        return Task.CompletedTask;
    }

    public Task<MediaItem?> GetAsync(string id) => Task.FromResult<MediaItem?>(db.Media.FindById(id));

    public Task<IReadOnlyList<MediaItem>> GetManyAsync(IEnumerable<string> ids) =>
        Task.FromResult<IReadOnlyList<MediaItem>>(ids.Distinct().Select(id => db.Media.FindById(id)).OfType<MediaItem>().ToList());

    public Task<IReadOnlyList<MediaItem>> ListOfPostAsync(int postId) =>
        Task.FromResult<IReadOnlyList<MediaItem>>(db.Media.Find(m => m.PostId == postId).ToList());

    public Task<IReadOnlyList<MediaItem>> ListOfOwnerAsync(string ownerId) =>
        Task.FromResult<IReadOnlyList<MediaItem>>(db.Media.Find(m => m.OwnerId == ownerId).ToList());

    public Task<IReadOnlyList<MediaItem>> ListUnattachedBeforeAsync(DateTimeOffset before, int max) =>
        Task.FromResult<IReadOnlyList<MediaItem>>(db.Media.Query()
            .Where(m => m.PostId == null && m.CreatedAt < before)
            .Limit(max).ToList());

    public Task<long> TotalBytesOfOwnerAsync(string ownerId) =>
        Task.FromResult(db.Media.Find(m => m.OwnerId == ownerId).Sum(m => m.Bytes));

    public Task<int> CountUploadsSinceAsync(string ownerId, DateTimeOffset since) =>
        Task.FromResult(db.Media.Count(m => m.OwnerId == ownerId && m.CreatedAt >= since));

    public Task SetPostAsync(IEnumerable<string> ids, int? postId)
    {
        db.InTransaction(() =>
        {
            foreach (var id in ids)
                if (db.Media.FindById(id) is { } item)
                {
                    item.PostId = postId;
                    db.Media.Update(item);
                }
            return 0;
        });
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string id)
    {
        db.Media.Delete(id);
        return Task.CompletedTask;
    }
}
