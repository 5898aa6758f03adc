namespace ForumServer.Storage.LiteDb;

/// <summary>
/// An exclusive lock on the data folder for the life of the process. LiteDB in direct mode does not lock its
/// file on Linux, and two processes writing one file corrupt it, so a second server must refuse to start.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    private readonly FileStream _stream;

    private DataFolderLock(FileStream stream) => _stream = stream;

    public static DataFolderLock Acquire(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "forumserver.lock");
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Unix.
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true)) writer.Write(Environment.ProcessId);
            stream.Flush();
            return new DataFolderLock(stream);
        }
        catch (IOException e)
        {
            throw new DataFolderInUseException(
                $"The data folder '{Path.GetFullPath(folder)}' is in use by another ForumServer process. " +
                "Only one server may use a data folder at a time: stop the other one, or give this one its own folder (Storage:DataFolder).", e);
        }
    }

    public void Dispose() => _stream.Dispose();
}

public sealed class DataFolderInUseException(string message, Exception inner) : Exception(message, inner);
