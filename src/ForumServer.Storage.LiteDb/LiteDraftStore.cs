using ForumServer.Core.Drafts;

namespace ForumServer.Storage.LiteDb;

public sealed class LiteDraftStore(ForumDatabase db) : IDraftStore
{
    public Task<Draft?> GetAsync(string memberId, string key) => Task.FromResult<Draft?>(db.Drafts.FindById(Draft.IdOf(memberId, key)));

    public Task SaveAsync(Draft draft)
    {
        db.Drafts.Upsert(draft);
        if (db.Drafts.Count(d => d.MemberId == draft.MemberId) > Draft.MaxPerMember)
            foreach (var old in db.Drafts.Query().Where(d => d.MemberId == draft.MemberId).ToList()
                         .OrderByDescending(d => d.UpdatedAt).Skip(Draft.MaxPerMember))
                db.Drafts.Delete(old.Id);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string memberId, string key)
    {
        db.Drafts.Delete(Draft.IdOf(memberId, key));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Draft>> ListOfMemberAsync(string memberId) =>
        Task.FromResult<IReadOnlyList<Draft>>(db.Drafts.Query().Where(d => d.MemberId == memberId).ToList());

    public Task DeleteAllOfMemberAsync(string memberId)
    {
        db.Drafts.DeleteMany(d => d.MemberId == memberId);
        return Task.CompletedTask;
    }
}
