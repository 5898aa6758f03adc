using LiteDB;
using LiteDB.Engine;

namespace ForumServer.Storage.LiteDb;

/// <summary>
/// The LiteDB engine with every write taken under one process-wide lock, so no two writes ever run at once, in
/// any collection. LiteDB 5.0.21 allows one writer per collection, but writers of different collections share the
/// header's free-page list and can hand the same page out twice (litedb-org/LiteDB#2503, #2825: "Page type must
/// be data page" on a later read; fixed only after 5.0.21). Reads take no lock: they read snapshots.
/// Explicit transactions belong to <see cref="ForumDatabase.InTransaction{T}"/>, which holds the same lock for the
/// whole unit; beginning one without it is refused, so a unit cannot slip past the lock.
/// </summary>
internal sealed class SerializedWritesEngine(ILiteEngine engine, Lock writeLock) : ILiteEngine
{
    public IBsonDataReader Query(string collection, Query query) => engine.Query(collection, query);

    public BsonValue Pragma(string name) => engine.Pragma(name);

    public bool BeginTrans()
    {
        if (!writeLock.IsHeldByCurrentThread)
            throw new InvalidOperationException("A LiteDB transaction runs only inside ForumDatabase.InTransaction, which holds the write lock.");
        return engine.BeginTrans();
    }

    public bool Commit() => engine.Commit();

    public bool Rollback() => engine.Rollback();

    public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Write(() => engine.Insert(collection, docs, autoId));

    public int Update(string collection, IEnumerable<BsonDocument> docs) => Write(() => engine.Update(collection, docs));

    public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate) =>
        Write(() => engine.UpdateMany(collection, transform, predicate));

    public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Write(() => engine.Upsert(collection, docs, autoId));

    public int Delete(string collection, IEnumerable<BsonValue> ids) => Write(() => engine.Delete(collection, ids));

    public int DeleteMany(string collection, BsonExpression predicate) => Write(() => engine.DeleteMany(collection, predicate));

    public bool DropCollection(string name) => Write(() => engine.DropCollection(name));

    public bool RenameCollection(string name, string newName) => Write(() => engine.RenameCollection(name, newName));

    public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) =>
        Write(() => engine.EnsureIndex(collection, name, expression, unique));

    public bool DropIndex(string collection, string name) => Write(() => engine.DropIndex(collection, name));

    public bool Pragma(string name, BsonValue value) => Write(() => engine.Pragma(name, value));

    public int Checkpoint() => Write(engine.Checkpoint);

    public long Rebuild(RebuildOptions options) => Write(() => engine.Rebuild(options));

    public void Dispose() => Write(() =>
    {
        engine.Dispose();
        return 0;
    });

    private T Write<T>(Func<T> write)
    {
        lock (writeLock) return write();
    }
}
