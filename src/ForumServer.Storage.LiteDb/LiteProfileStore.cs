using ForumServer.Core.Curation;
using ForumServer.Core.Forum;
using ForumServer.Core.Profiles;
using LiteDB;

namespace ForumServer.Storage.LiteDb;

public sealed class LiteProfileStore(ForumDatabase db) : IProfileStore, IPinnedTopicStore
{
    public Task<MemberProfile?> GetAsync(string memberId) => Task.FromResult<MemberProfile?>(db.Profiles.FindById(memberId));

    public Task SaveAsync(MemberProfile profile)
    {
        db.Profiles.Upsert(profile);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string memberId)
    {
        db.Profiles.Delete(memberId);
        return Task.CompletedTask;
    }

    public Task<int> CountPostsAsync(string authorId) =>
        Task.FromResult(db.Posts.Count(p => p.AuthorId == authorId && p.Removal == null));

    public Task<IReadOnlyList<Post>> ListPostsAsync(string authorId, int skip, int take) =>
        Task.FromResult<IReadOnlyList<Post>>(db.Posts.Query()
            .Where(p => p.AuthorId == authorId && p.Removal == null)
            .OrderByDescending(p => p.Id)
            .Skip(skip).Limit(take).ToList());

    public Task<int> CountTopicsAsync(string authorId) =>
        Task.FromResult(db.Topics.Count(t => t.AuthorId == authorId && !t.IsRemoved));

    public Task<IReadOnlyList<Topic>> ListTopicsAsync(string authorId, int skip, int take) =>
        Task.FromResult<IReadOnlyList<Topic>>(db.Topics.Query()
            .Where(t => t.AuthorId == authorId && !t.IsRemoved)
            .OrderByDescending(t => t.Id)
            .Skip(skip).Limit(take).ToList());

    public Task<int> CountAcceptedAnswersAsync(string authorId) =>
        Task.FromResult(db.Topics.Count(t => t.AcceptedAuthorId == authorId && !t.IsRemoved));

    public Task ForgetMemberInTopicsAsync(string memberId)
    {
        db.InTransaction(() =>
        {
            db.Topics.UpdateMany(
                BsonExpression.Create("{ LastPosterId: '' }"),
                BsonExpression.Create("LastPosterId = @0", new BsonValue(memberId)));
            db.Topics.UpdateMany(
                BsonExpression.Create("{ AcceptedAuthorId: null }"),
                BsonExpression.Create("AcceptedAuthorId = @0", new BsonValue(memberId)));
            return 0;
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Topic>> ListPinnedAsync() =>
        Task.FromResult<IReadOnlyList<Topic>>(db.Topics.Query()
            .Where(t => t.Pin != PinScope.None && !t.IsRemoved)
            .Limit(200).ToList());
}
