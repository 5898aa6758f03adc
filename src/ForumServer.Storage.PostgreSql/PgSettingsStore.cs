using ForumServer.Core.Accounts;


namespace ForumServer.Storage.PostgreSql;

public sealed class PgSettingsStore(PgDatabase db) : ISettingsStore
{
    public Task<string?> GetAsync(string key) => db.ScalarAsync<string>("SELECT value FROM settings WHERE key = $1", key);

    public Task SetAsync(string key, string? value) => value is null
        ? db.ExecuteAsync("DELETE FROM settings WHERE key = $1", key)
        : db.ExecuteAsync("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
}
