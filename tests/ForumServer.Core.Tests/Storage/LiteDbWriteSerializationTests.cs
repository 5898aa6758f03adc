using ForumServer.Core.Drafts;
using ForumServer.Storage.LiteDb;
using LiteDB;

namespace ForumServer.Core.Tests.Storage;

/// <summary>
/// No two LiteDB writes run at once, in any collection (LiteDB 5.0.21 corrupts its free-page list otherwise,
/// litedb-org/LiteDB#2825), whether a store writes inside <see cref="ForumDatabase.InTransaction{T}"/> or not.
/// </summary>
public sealed class LiteDbWriteSerializationTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ForumDatabase _db;

    public LiteDbWriteSerializationTests() => _db = new ForumDatabase(Path.Combine(_folder.Path, "forum.db"));

    public void Dispose()
    {
        _db.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_single_write_to_another_collection_waits_for_a_running_unit_then_both_are_stored()
    {
        using var unitStarted = new ManualResetEventSlim();
        using var releaseUnit = new ManualResetEventSlim();
        var unit = Task.Run(() => _db.InTransaction(() =>
        {
            _db.Settings.Upsert(new BsonDocument { ["_id"] = "unit", ["Value"] = "in a unit" });
            unitStarted.Set();
            releaseUnit.Wait(TimeSpan.FromSeconds(30));
        }));
        Assert.True(unitStarted.Wait(TimeSpan.FromSeconds(30)));

        // A store method that writes outside any unit, to a different collection, on a thread of its own.
        var loneDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = new Thread(() =>
        {
            _db.Drafts.Upsert(new Draft { Id = Draft.IdOf("alice", "t1"), MemberId = "alice", Key = "t1", Body = "lone write" });
            loneDone.SetResult();
        });
        writer.Start();
        // Wait until the writer either blocks (on the lock) or finishes; only a blocked writer passes.
        SpinWait.SpinUntil(() => loneDone.Task.IsCompleted || writer.ThreadState.HasFlag(ThreadState.WaitSleepJoin));
        Assert.False(loneDone.Task.IsCompleted, "a write to another collection ran while a unit was writing");
        var lone = loneDone.Task;

        releaseUnit.Set();
        await unit.WaitAsync(TimeSpan.FromSeconds(30));
        await lone.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("in a unit", _db.Settings.FindById("unit")["Value"].AsString);
        Assert.Equal("lone write", _db.Drafts.FindById(Draft.IdOf("alice", "t1")).Body);
    }

    [Fact]
    public void A_transaction_begun_outside_InTransaction_is_refused_and_nothing_is_written()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _db.Database.BeginTrans());
        Assert.Contains("InTransaction", error.Message);
        Assert.Equal(0, _db.Drafts.Count());
    }
}

/// <summary>A LiteDB query read by code that awaits between rows (the storage copy) reads every row.</summary>
public sealed class LiteReadsTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ForumDatabase _db;

    public LiteReadsTests() => _db = new ForumDatabase(Path.Combine(_folder.Path, "forum.db"));

    public void Dispose()
    {
        _db.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Two_queries_consumed_with_awaits_between_rows_read_every_row_and_stop_early_cleanly()
    {
        _db.InTransaction(() => _db.Drafts.InsertBulk(Enumerable.Range(0, 3000).Select(i => new Draft { Id = $"d{i}", MemberId = $"m{i % 7}", Key = $"k{i}", Body = $"body {i}" })));

        // A LiteDB query finished on another thread than the one it began on leaks that thread's read lock, and the
        // next query begun there fails ("Recursive read lock acquisitions not allowed"): it must stay on one thread.
        var queryThreads = new HashSet<int>();
        IEnumerable<Draft> Recorded(IEnumerable<Draft> rows)
        {
            foreach (var row in rows)
            {
                queryThreads.Add(Environment.CurrentManagedThreadId);
                yield return row;
            }
        }
        var seen = new List<string>();
        foreach (var draft in LiteReads.OnOneThread(Recorded(_db.Drafts.FindAll()), buffer: 16))
        {
            // Another query on whatever thread this continuation runs on, between two rows of the first.
            Assert.Equal(3000, _db.Drafts.Count());
            await Task.Yield();
            seen.Add(draft.Body);
        }
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => $"body {i}").Order(), seen.Order());
        Assert.Single(queryThreads);

        var firstTen = LiteReads.OnOneThread(_db.Drafts.FindAll(), buffer: 4).Take(10).ToList();
        Assert.Equal(10, firstTen.Count);
        _db.InTransaction(() => _db.Drafts.Delete("d0"));
        Assert.Equal(2999, _db.Drafts.Count());
    }

    [Fact]
    public void A_failing_query_fails_its_reader()
    {
        IEnumerable<int> Broken()
        {
            yield return 1;
            throw new InvalidOperationException("page unreadable");
        }
        var error = Assert.Throws<InvalidOperationException>(() => LiteReads.OnOneThread(Broken()).ToList());
        Assert.Equal("page unreadable", error.Message);
    }
}
