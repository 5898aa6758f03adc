using ForumServer.Core.Media;

namespace ForumServer.Core.Media;

/// <summary>The database records of media items (their files are in an <see cref="IMediaStore"/>).</summary>
public interface IMediaItemStore
{
    Task AddAsync(MediaItem item);
    Task<MediaItem?> GetAsync(string id);
    Task<IReadOnlyList<MediaItem>> GetManyAsync(IEnumerable<string> ids);
    Task<IReadOnlyList<MediaItem>> ListOfPostAsync(int postId);
    Task<IReadOnlyList<MediaItem>> ListOfOwnerAsync(string ownerId);

    /// <summary>Items that belong to no post and were uploaded before <paramref name="before"/>.</summary>
    Task<IReadOnlyList<MediaItem>> ListUnattachedBeforeAsync(DateTimeOffset before, int max);
    Task<long> TotalBytesOfOwnerAsync(string ownerId);
    Task<int> CountUploadsSinceAsync(string ownerId, DateTimeOffset since);

    /// <summary>Sets (or clears, with null) the post of each item.</summary>
    Task SetPostAsync(IEnumerable<string> ids, int? postId);
    Task DeleteAsync(string id);
}
