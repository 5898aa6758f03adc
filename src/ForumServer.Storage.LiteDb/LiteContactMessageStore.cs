using ForumServer.Core.Mail.Inbound;

namespace ForumServer.Storage.LiteDb;

public sealed class LiteContactMessageStore(ForumDatabase db) : IContactMessageStore
{
    public Task AddAsync(ContactMessage message)
    {
        db.ContactMessages.Insert(message);
        return Task.CompletedTask;
    }

    public Task<ContactMessage?> GetAsync(int id) => Task.FromResult<ContactMessage?>(db.ContactMessages.FindById(id));

    public Task UpdateAsync(ContactMessage message)
    {
        db.ContactMessages.Update(message);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ContactMessage>> ListOpenAsync(int take) =>
        Task.FromResult<IReadOnlyList<ContactMessage>>(db.ContactMessages.Query().Where(m => m.ClosedAt == null).OrderBy(m => m.Id).Limit(take).ToList());

    public Task<int> CountAsync() => Task.FromResult(db.ContactMessages.Count());

    public Task<int> DeleteFromAddressAsync(string address)
    {
        var lower = address.Trim().ToLowerInvariant();
        var ids = db.ContactMessages.Query().ToEnumerable().Where(m => m.FromAddress.ToLowerInvariant() == lower).Select(m => m.Id).ToList();
        return Task.FromResult(db.InTransaction(() => ids.Count(id => db.ContactMessages.Delete(id))));
    }
}
