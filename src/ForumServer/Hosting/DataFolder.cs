using System.ComponentModel.DataAnnotations;
using ForumServer.Storage.LiteDb;
using ForumServer.Storage.PostgreSql;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace ForumServer.Hosting;

/// <summary>Which database the stores use.</summary>
public enum StorageProvider { LiteDb, PostgreSql }

/// <summary>The <c>Storage</c> section: which database, and where keys, media and mail pickup live.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    [Required]
    public string DataFolder { get; set; } = "data";

    /// <summary><c>LiteDb</c> (embedded, one server) or <c>PostgreSql</c> (one or more servers on one database).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.LiteDb;

    public PostgreSqlStorageOptions PostgreSql { get; set; } = new();

    /// <summary>Where media files go; empty means <c>media</c> in the data folder. Servers that share a database share this folder.</summary>
    public string MediaFolder { get; set; } = "";

    public string DatabaseFile => Path.Combine(DataFolder, "forum.db");

    public string MediaPath => string.IsNullOrWhiteSpace(MediaFolder) ? Path.Combine(DataFolder, "media") : Path.GetFullPath(MediaFolder);
}

public sealed class PostgreSqlStorageOptions
{
    /// <summary>An Npgsql connection string, for example <c>Host=db;Database=forum;Username=forum;Password=...</c>.</summary>
    public string ConnectionString { get; set; } = "";
}

public static class DataFolderSetup
{
    /// <summary>
    /// Registers the stores of the configured provider: LiteDB locks the data folder for this process (false, with the
    /// reason, when another server holds it); PostgreSQL is reached and migrated now (false, with the reason, when it
    /// cannot be reached or its schema is newer than this code) and shares its DataProtection keys with every server.
    /// </summary>
    public static bool TryAddDataFolder(this WebApplicationBuilder builder, out string problem)
    {
        StorageOptions options;
        try
        {
            options = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        }
        catch (InvalidOperationException e)
        {
            problem = $"The Storage section is not valid ({e.InnerException?.Message ?? e.Message}). Storage:Provider is LiteDb or PostgreSql.";
            return false;
        }
        var folder = Path.GetFullPath(options.DataFolder);
        options.DataFolder = folder;
        builder.Services.AddSingleton(options);
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("ForumServer");

        if (options.Provider == StorageProvider.PostgreSql)
        {
            if (!PostgreSqlStartup.TryOpen(options.PostgreSql.ConnectionString, out var database, out problem)) return false;
            builder.Services.AddPostgreSqlStores(database!);
            builder.Services.AddOptions<KeyManagementOptions>()
                .Configure<PgXmlRepository>((keys, repository) => keys.XmlRepository = repository);
            Directory.CreateDirectory(folder);
            return true;
        }

        DataFolderLock folderLock;
        try
        {
            folderLock = DataFolderLock.Acquire(folder, waitForThisProcess: TimeSpan.FromSeconds(30));
        }
        catch (DataFolderInUseException e)
        {
            problem = e.Message;
            return false;
        }
        builder.Services.AddSingleton(_ => folderLock); // a factory registration, so the host releases the lock when it is disposed
        builder.Services.AddHostedService<DataFolderLockHolder>();
        builder.Services.AddLiteDbStores(options.DatabaseFile);
        dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder, "keys")));
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
