using ForumServer.Core.Moderation;
using LiteDB;

namespace ForumServer.Storage.LiteDb;

public sealed class LiteModerationStore(ForumDatabase db) : IModerationStore
{
    public Task AddFlagAsync(Flag flag)
    {
        db.Flags.Insert(flag);
        return Task.CompletedTask;
    }

    public Task<Flag?> GetFlagAsync(int id) => Done<Flag?>(db.Flags.FindById(id));

    public Task<Flag?> FindOpenFlagAsync(int postId, string filedById) =>
        Done<Flag?>(db.Flags.Query().Where(f => f.PostId == postId && f.FiledById == filedById && f.ResolvedAt == null).FirstOrDefault());

    public Task<IReadOnlyList<Flag>> ListOpenFlagsAsync(int take) =>
        Done<IReadOnlyList<Flag>>(db.Flags.Query().Where(f => f.ResolvedAt == null).OrderBy(f => f.Id).Limit(take).ToList());

    public Task<int> CountOpenFlagsAsync() => Done(db.Flags.Count(f => f.ResolvedAt == null));

    public Task<IReadOnlyList<Flag>> ListFlagsFiledByAsync(string memberId) =>
        Done<IReadOnlyList<Flag>>(db.Flags.Query().Where(f => f.FiledById == memberId).OrderBy(f => f.Id).ToList());

    public Task ResolveFlagsAsync(IReadOnlyCollection<int> postIds, string resolvedById, DateTimeOffset at)
    {
        db.InTransaction(() =>
        {
            foreach (var postId in postIds)
                foreach (var flag in db.Flags.Query().Where(f => f.PostId == postId && f.ResolvedAt == null).ToList())
                {
                    flag.ResolvedAt = at;
                    flag.ResolvedById = resolvedById;
                    db.Flags.Update(flag);
                }
            return 0;
        });
        return Task.CompletedTask;
    }

    public Task ResolveFlagAsync(int flagId, string resolvedById, DateTimeOffset at)
    {
        db.InTransaction(() =>
        {
            if (db.Flags.FindById(flagId) is not { } flag) return;
            flag.ResolvedAt = at;
            flag.ResolvedById = resolvedById;
            db.Flags.Update(flag);
        });
        return Task.CompletedTask;
    }

    public Task DeleteFlagsFiledByAsync(string memberId)
    {
        db.Flags.DeleteMany(f => f.FiledById == memberId);
        return Task.CompletedTask;
    }

    public Task AddDeletionRequestAsync(DeletionRequest request)
    {
        db.DeletionRequests.Insert(request);
        return Task.CompletedTask;
    }

    public Task<DeletionRequest?> GetDeletionRequestAsync(int id) => Done<DeletionRequest?>(db.DeletionRequests.FindById(id));

    public Task UpdateDeletionRequestAsync(DeletionRequest request)
    {
        db.DeletionRequests.Update(request);
        return Task.CompletedTask;
    }

    public Task<DeletionRequest> OpenDeletionRequestAsync(DeletionRequest request) =>
        Done(db.InTransaction(() =>
        {
            var key = request.OpenKey;
            var open = db.DeletionRequests.Query().Where(r => r.OpenKey == key).ToList()
                .FirstOrDefault(r => r.IsOpen && r.Id != request.Id);
            if (open is not null) return open;
            if (request.Id == 0) db.DeletionRequests.Insert(request);
            else db.DeletionRequests.Update(request);
            return request;
        }));

    public Task<IReadOnlyList<DeletionRequest>> ListOpenDeletionRequestsAsync(int take) =>
        Done<IReadOnlyList<DeletionRequest>>(db.DeletionRequests.Query()
            .Where(OpenRequest)
            .OrderBy(r => r.DueAt).Limit(take).ToList());

    public Task<int> CountOpenDeletionRequestsAsync() => Done(db.DeletionRequests.Count(OpenRequest));

    public Task<IReadOnlyList<DeletionRequest>> ListDeletionRequestsOfMemberAsync(string memberId) =>
        Done<IReadOnlyList<DeletionRequest>>(db.DeletionRequests.Query().Where(r => r.MemberId == memberId).OrderBy(r => r.Id).ToList());

    public Task AppendAuditAsync(AuditEntry entry)
    {
        db.Audit.Insert(entry);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int skip, int take) =>
        Done<IReadOnlyList<AuditEntry>>(db.Audit.Query().OrderByDescending(a => a.Id).Skip(skip).Limit(take).ToList());

    public Task<int> CountAuditAsync() => Done(db.Audit.Count());

    // Enums are stored as names (EnumAsInteger = false).
    public Task<IReadOnlyList<DeletionRequest>> ListDeletionRequestsInStateAsync(DeletionRequestState state) =>
        Done<IReadOnlyList<DeletionRequest>>(db.DeletionRequests.Find(r => r.State == state).ToList());

    public Task DeleteDeletionRequestAsync(int id)
    {
        db.DeletionRequests.Delete(id);
        return Task.CompletedTask;
    }

    private static readonly BsonExpression OpenRequest = BsonExpression.Create(
        $"State = '{DeletionRequestState.Confirmed}' OR State = '{DeletionRequestState.InProgress}'");

    private static Task<T> Done<T>(T value) => Task.FromResult(value);
}
