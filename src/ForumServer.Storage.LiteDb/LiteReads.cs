using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ForumServer.Storage.LiteDb;

/// <summary>Reading LiteDB from code that awaits between rows.</summary>
public static class LiteReads
{
    /// <summary>
    /// Enumerates <paramref name="rows"/> (a LiteDB query) to the end on one thread of its own and hands the rows over
    /// through a small queue. A LiteDB query holds its read lock for the calling thread (a ReaderWriterLockSlim
    /// without recursion), so a query whose consumer awaits between rows moves to another thread mid-query and fails
    /// with "Recursive read lock acquisitions not allowed" once that thread already reads something else.
    /// </summary>
    public static IEnumerable<T> OnOneThread<T>(IEnumerable<T> rows, int buffer = 1000)
    {
        var queue = new BlockingCollection<T>(buffer);
        using var stop = new CancellationTokenSource();
        Exception? failure = null;
        var reader = new Thread(() =>
        {
            try
            {
                foreach (var row in rows) queue.Add(row, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // the consumer stopped early
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                queue.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "LiteDB reader" };
        reader.Start();
        try
        {
            foreach (var row in queue.GetConsumingEnumerable()) yield return row;
        }
        finally
        {
            stop.Cancel();
            reader.Join();
            queue.Dispose();
        }
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
    }
}
