namespace ForumServer.Core.Media;

/// <summary>Where media files live, by server-generated key. The disk is the default; a shared object store can replace it.</summary>
public interface IMediaStore
{
    Task SaveAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>A seekable stream over the stored bytes (range requests seek), or null if there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default);
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
