using Microsoft.AspNetCore.DataProtection;
using System.ComponentModel.DataAnnotations;
using ForumServer.Storage.LiteDb;

namespace ForumServer.Hosting;

/// <summary>The <c>Storage</c> section: where the database, keys, media and mail pickup live.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    [Required]
    public string DataFolder { get; set; } = "data";

    public string DatabaseFile => Path.Combine(DataFolder, "forum.db");
}

public static class DataFolderSetup
{
    /// <summary>
    /// Locks the data folder for this process and registers the one LiteDB database in it; false (with the
    /// reason) when another server holds the folder.
    /// </summary>
    public static bool TryAddDataFolder(this WebApplicationBuilder builder, out string problem)
    {
        var options = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var folder = Path.GetFullPath(options.DataFolder);
        options.DataFolder = folder;
        DataFolderLock folderLock;
        try
        {
            folderLock = DataFolderLock.Acquire(folder);
        }
        catch (DataFolderInUseException e)
        {
            problem = e.Message;
            return false;
        }
        builder.Services.AddSingleton(_ => folderLock); // a factory registration, so the host releases the lock when it is disposed
        builder.Services.AddHostedService<DataFolderLockHolder>();
        builder.Services.AddSingleton(options);
        builder.Services.AddLiteDbStores(options.DatabaseFile);
        builder.Services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder, "keys")))
            .SetApplicationName("ForumServer");
        problem = "";
        return true;
    }
}

/// <summary>Resolves the lock at start-up so the container owns it and releases it when the host is disposed.</summary>
internal sealed class DataFolderLockHolder(DataFolderLock folderLock) : IHostedService
{
    public DataFolderLock Lock { get; } = folderLock;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
