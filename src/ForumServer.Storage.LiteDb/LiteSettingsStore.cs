using ForumServer.Core.Accounts;
using LiteDB;

namespace ForumServer.Storage.LiteDb;

public sealed class LiteSettingsStore(ForumDatabase db) : ISettingsStore
{
    public Task<string?> GetAsync(string key) =>
        Task.FromResult(db.Settings.FindById(key)?["Value"] is { IsString: true } value ? value.AsString : null);

    public Task SetAsync(string key, string? value)
    {
        if (value is null) db.Settings.Delete(key);
        else db.Settings.Upsert(new BsonDocument { ["_id"] = key, ["Value"] = value });
        return Task.CompletedTask;
    }
}
