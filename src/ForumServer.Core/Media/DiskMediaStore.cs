namespace ForumServer.Core.Media;

/// <summary>Files under one folder (data/media/), spread over sub-folders by the first two characters of the key.</summary>
public sealed class DiskMediaStore(string root) : IMediaStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task SaveAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".part";
        try
        {
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await content.CopyToAsync(file, cancellationToken);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            // A full disk or a cancelled upload must not leave half a file behind.
            File.Delete(temp);
            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return Task.FromResult<Stream?>(null);
        return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true));
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }


    public string PathOf(string key)
    {
        // Keys are made by the server; anything else is a bug, never a path to follow.
        if (key.Length < 3 || !key.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'z' or '-' or '.') || key.Contains(".."))
            throw new ArgumentException($"Not a media key: {key}", nameof(key));
        return Path.Combine(Root, key[..2], key);
    }
}
