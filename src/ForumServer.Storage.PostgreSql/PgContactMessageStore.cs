using ForumServer.Core.Inbound;

using static ForumServer.Storage.PostgreSql.PgDatabase;

namespace ForumServer.Storage.PostgreSql;

/// <summary>Contact mail; the sender column holds the address trimmed and lower-cased, as it is looked up.</summary>
public sealed class PgContactMessageStore(PgDatabase db) : IContactMessageStore
{
    private const string WithId = "doc || jsonb_build_object('Id', id)";

    public async Task AddAsync(ContactMessage message) =>
        message.Id = await db.ScalarAsync<int>("INSERT INTO contact_messages (from_address, closed_at, doc) VALUES ($1, $2, $3) RETURNING id",
            Normalize(message.FromAddress), message.ClosedAt, Doc(message));

    public Task<ContactMessage?> GetAsync(int id) => db.FindAsync<ContactMessage>($"SELECT {WithId} FROM contact_messages WHERE id = $1", id);

    public Task UpdateAsync(ContactMessage message) => db.ExecuteAsync(
        "UPDATE contact_messages SET from_address = $2, closed_at = $3, doc = $4 WHERE id = $1",
        message.Id, Normalize(message.FromAddress), message.ClosedAt, Doc(message));

    public async Task<IReadOnlyList<ContactMessage>> ListOpenAsync(int take) =>
        await db.ListAsync<ContactMessage>($"SELECT {WithId} FROM contact_messages WHERE closed_at IS NULL ORDER BY id LIMIT $1", take);

    public async Task<int> CountAsync() => (int)await db.ScalarAsync<long>("SELECT count(*) FROM contact_messages");

    public async Task<IReadOnlyList<ContactMessage>> ListFromAddressAsync(string address) =>
        await db.ListAsync<ContactMessage>($"SELECT {WithId} FROM contact_messages WHERE from_address = $1 ORDER BY id", Normalize(address));

    public Task<int> DeleteFromAddressAsync(string address) =>
        db.ExecuteAsync("DELETE FROM contact_messages WHERE from_address = $1", Normalize(address));

    private static string Normalize(string address) => address.Trim().ToLowerInvariant();
}
