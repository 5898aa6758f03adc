namespace ForumServer.Storage.LiteDb;

/// <summary>
/// An exclusive lock on the data folder for the life of the process. LiteDB in direct mode does not lock its
/// file on Linux, and two processes writing one file corrupt it, so a second server must refuse to start.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _path;

    // Folders locked by hosts of this process. A host that is still shutting down (tests restart a server over the
    // same folder) releases its lock when it is disposed: a new one waits for that, another process is refused at once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, DataFolderLock> HeldHere = new();

    private DataFolderLock(FileStream stream, string path) => (_stream, _path) = (stream, path);

    /// <summary>Whether a host of this process still holds the folder (one that is shutting down has not let go yet).</summary>
    public static bool IsHeldHere(string folder) => HeldHere.ContainsKey(LockPath(folder));

    private static string LockPath(string folder) => Path.GetFullPath(Path.Combine(folder, "forumserver.lock"));

    /// <param name="waitForThisProcess">How long to wait when a host of this process still holds the folder.</param>
    public static DataFolderLock Acquire(string folder, TimeSpan waitForThisProcess = default)
    {
        Directory.CreateDirectory(folder);
        var path = LockPath(folder);
        var deadline = DateTime.UtcNow + waitForThisProcess;
        while (HeldHere.ContainsKey(path) && DateTime.UtcNow < deadline) Thread.Sleep(20);
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Unix.
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true)) writer.Write(Environment.ProcessId);
            stream.Flush();
            var folderLock = new DataFolderLock(stream, path);
            HeldHere[path] = folderLock;
            return folderLock;
        }
        catch (IOException e)
        {
            throw new DataFolderInUseException(HeldHere.ContainsKey(path)
                ? $"The data folder '{Path.GetFullPath(folder)}' is still held by a host of this process that did not let go within {waitForThisProcess}."
                : $"The data folder '{Path.GetFullPath(folder)}' is in use by another ForumServer process. " +
                "Only one server may use a data folder at a time: stop the other one, or give this one its own folder (Storage:DataFolder).", e);
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        HeldHere.TryRemove(new KeyValuePair<string, DataFolderLock>(_path, this));
    }
}

public sealed class DataFolderInUseException(string message, Exception inner) : Exception(message, inner);
