using ForumServer.Core.Inbound;


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

    public Task<IReadOnlyList<ContactMessage>> ListFromAddressAsync(string address) =>
        Task.FromResult<IReadOnlyList<ContactMessage>>(FromAddress(address).ToList());

    public Task<int> DeleteFromAddressAsync(string address)
    {
        var ids = FromAddress(address).Select(m => m.Id).ToList();
        return Task.FromResult(db.InTransaction(() => ids.Count(id => db.ContactMessages.Delete(id))));
    }

    // Contact mail is little and addresses differ in case, so a scan beats an exact-match index here.
    private IEnumerable<ContactMessage> FromAddress(string address)
    {
        var wanted = address.Trim();
        return db.ContactMessages.FindAll().Where(m => m.FromAddress.Equals(wanted, StringComparison.OrdinalIgnoreCase));
    }
}
