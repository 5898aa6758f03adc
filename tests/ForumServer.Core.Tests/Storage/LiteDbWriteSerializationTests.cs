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

        // A store method that writes outside any unit, to a different collection.
        var lone = Task.Run(() => _db.Drafts.Upsert(new Draft { Id = Draft.IdOf("alice", "t1"), MemberId = "alice", Key = "t1", Body = "lone write" }));
        // With the unit holding the lock the lone write cannot finish; a broken lock lets it through at once.
        // (A bounded wait for something that must not happen: it cannot fail spuriously.)
        await Task.WhenAny(lone, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.False(lone.IsCompleted, "a write to another collection ran while a unit was writing");

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

    [Fact]
    public void Every_collection_exists_before_the_first_write_and_is_empty()
    {
        var names = _db.Database.GetCollectionNames().ToHashSet();
        Assert.Contains("notification_fan_outs", names);
        Assert.Contains("mail_bounces", names);
        Assert.Contains("settings", names);
        Assert.Equal(0, _db.Settings.Count());
        Assert.Equal(0, _db.Bounces.Count());
    }
}
