using ForumServer.Core.Notifications;
using static ForumServer.Storage.PostgreSql.PgDatabase;

namespace ForumServer.Storage.PostgreSql;

/// <summary>
/// Watch levels, read positions, notifications and mail preferences. The read-modify-write units are single
/// statements: set-if-absent is <c>ON CONFLICT DO NOTHING</c>, advance-only an upsert whose update requires a higher
/// number, mark-read an update that requires the row to be the member's and unread.
/// </summary>
public sealed class PgNotificationStore(PgDatabase db) : INotificationStore
{
    private const string NotificationDoc = "doc || jsonb_build_object('Id', id)";

    public Task<Watch?> GetWatchAsync(string memberId, WatchTarget target, int targetId) =>
        db.FindAsync<Watch>("SELECT doc FROM watches WHERE id = $1", Watch.IdOf(memberId, target, targetId));

    public async Task<(Watch? Topic, Watch? Category)> GetTopicAndCategoryWatchAsync(string memberId, int topicId, int categoryId)
    {
        var watches = await db.ListAsync<Watch>("SELECT doc FROM watches WHERE id IN ($1, $2)",
            Watch.IdOf(memberId, WatchTarget.Topic, topicId), Watch.IdOf(memberId, WatchTarget.Category, categoryId));
        return (watches.FirstOrDefault(w => w.Target == WatchTarget.Topic), watches.FirstOrDefault(w => w.Target == WatchTarget.Category));
    }

    public Task SetWatchAsync(Watch watch) =>
        db.ExecuteAsync("INSERT INTO watches (id, member_id, target_key, doc) VALUES ($1, $2, $3, $4) " +
            "ON CONFLICT (id) DO UPDATE SET member_id = EXCLUDED.member_id, target_key = EXCLUDED.target_key, doc = EXCLUDED.doc",
            watch.Id, watch.MemberId, watch.TargetKey, Doc(watch));

    public async Task<bool> SetWatchIfAbsentAsync(Watch watch) =>
        await db.ExecuteAsync("INSERT INTO watches (id, member_id, target_key, doc) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING",
            watch.Id, watch.MemberId, watch.TargetKey, Doc(watch)) == 1;

    public async Task<IReadOnlyList<Watch>> ListWatchersAsync(WatchTarget target, int targetId) =>
        await db.ListAsync<Watch>("SELECT doc FROM watches WHERE target_key = $1", Watch.KeyOf(target, targetId));

    public async Task<IReadOnlyList<Watch>> ListWatchesOfMemberAsync(string memberId, int take) =>
        await db.ListAsync<Watch>("SELECT doc FROM watches WHERE member_id = $1 LIMIT $2", memberId, take);

    public Task<ReadPosition?> GetReadPositionAsync(string memberId, int topicId) =>
        db.FindAsync<ReadPosition>("SELECT doc FROM read_positions WHERE id = $1", ReadPosition.IdOf(memberId, topicId));

    public Task AdvanceReadPositionAsync(string memberId, int topicId, int number, DateTimeOffset at)
    {
        var position = new ReadPosition { Id = ReadPosition.IdOf(memberId, topicId), MemberId = memberId, TopicId = topicId, LastReadNumber = number, At = at };
        // Every signed-in topic view calls this, mostly for a position already reached. A plain upsert would lock the row
        // even when its WHERE fails (a transaction id and a WAL commit per page view), so the row is raised by an UPDATE,
        // which writes only when the number grows, and inserted only when it is missing. Parallel first calls meet in
        // ON CONFLICT, whose row lock makes them go one after another; each only ever raises the number.
        return db.ExecuteAsync("WITH raised AS (UPDATE read_positions SET last_read_number = $3, at = $4, doc = $5 " +
            "WHERE id = $1 AND last_read_number < $3 RETURNING 1) " +
            "INSERT INTO read_positions (id, member_id, last_read_number, at, doc) SELECT $1, $2, $3, $4, $5 " +
            "WHERE NOT EXISTS (SELECT 1 FROM read_positions WHERE id = $1) " +
            "ON CONFLICT (id) DO UPDATE SET last_read_number = EXCLUDED.last_read_number, at = EXCLUDED.at, doc = EXCLUDED.doc " +
            "WHERE read_positions.last_read_number < EXCLUDED.last_read_number",
            position.Id, memberId, number, at, Doc(position));
    }

    public async Task<IReadOnlyList<ReadPosition>> ListReadPositionsAsync(string memberId, int take) =>
        await db.ListAsync<ReadPosition>("SELECT doc FROM read_positions WHERE member_id = $1 ORDER BY at DESC LIMIT $2", memberId, take);

    public Task AddNotificationsAsync(IReadOnlyList<Notification> notifications) => db.InTransactionAsync(async (c, tx) =>
    {
        foreach (var n in notifications)
            n.Id = await ScalarAsync<int>(c, tx, "INSERT INTO notifications (member_id, is_read, mail_state, doc) VALUES ($1, $2, $3, $4) RETURNING id",
                n.MemberId, n.IsRead, n.MailState, Doc(n));
    });

    public Task<Notification?> GetNotificationAsync(int id) =>
        db.FindAsync<Notification>($"SELECT {NotificationDoc} FROM notifications WHERE id = $1", id);

    public Task UpdateNotificationAsync(Notification notification)
    {
        notification.Keys();
        return db.ExecuteAsync("UPDATE notifications SET member_id = $2, is_read = $3, mail_state = $4, doc = $5 WHERE id = $1",
            notification.Id, notification.MemberId, notification.IsRead, notification.MailState, Doc(notification));
    }

    public async Task<IReadOnlyList<Notification>> ListNotificationsAsync(string memberId, int skip, int take) =>
        await db.ListAsync<Notification>($"SELECT {NotificationDoc} FROM notifications WHERE member_id = $1 ORDER BY id DESC OFFSET $2 LIMIT $3",
            memberId, skip, take);

    public async Task<IReadOnlyList<Notification>> ListNotificationsOfPostAsync(int postId) =>
        await db.ListAsync<Notification>($"SELECT {NotificationDoc} FROM notifications WHERE (doc->>'PostId')::int = $1", postId);

    public async Task AddPendingFanOutAsync(PendingFanOut pending) =>
        pending.Id = await db.ScalarAsync<int>("INSERT INTO notification_fan_outs (doc) VALUES ($1) RETURNING id", Doc(pending));

    public async Task<IReadOnlyList<PendingFanOut>> ListPendingFanOutsAsync(int take) =>
        await db.ListAsync<PendingFanOut>("SELECT doc || jsonb_build_object('Id', id) FROM notification_fan_outs ORDER BY id LIMIT $1", take);

    public Task DeletePendingFanOutAsync(int id) => db.ExecuteAsync("DELETE FROM notification_fan_outs WHERE id = $1", id);

    public async Task<int> CountNotificationsAsync(string memberId) =>
        (int)await db.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE member_id = $1", memberId);

    public async Task<int> CountUnreadAsync(string memberId) =>
        (int)await db.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE member_id = $1 AND NOT is_read", memberId);

    public async Task<bool> MarkReadAsync(string memberId, int notificationId, DateTimeOffset at) =>
        await db.ExecuteAsync("UPDATE notifications SET is_read = true, doc = doc || $3 WHERE id = $1 AND member_id = $2 AND NOT is_read",
            notificationId, memberId, ReadPatch(memberId, at)) == 1;

    public Task MarkAllReadAsync(string memberId, DateTimeOffset at) =>
        db.ExecuteAsync("UPDATE notifications SET is_read = true, doc = doc || $2 WHERE member_id = $1 AND NOT is_read", memberId, ReadPatch(memberId, at));

    // The same fields Notification.Keys() sets for a read notification.
    private static Npgsql.NpgsqlParameter ReadPatch(string memberId, DateTimeOffset at) => Patch(new { ReadAt = at, MemberUnread = $"{memberId}|1" });

    public async Task<IReadOnlyList<Notification>> ListPendingMailAsync(string memberId) =>
        await db.ListAsync<Notification>($"SELECT {NotificationDoc} FROM notifications WHERE member_id = $1 AND mail_state = 'Pending' ORDER BY id",
            memberId);

    public async Task<IReadOnlyList<string>> ListMembersWithPendingMailAsync(int take) =>
        await db.RowsAsync(r => r.GetString(0), "SELECT DISTINCT member_id FROM notifications WHERE mail_state = 'Pending' LIMIT $1", take);

    public Task<NotificationPreferences?> GetPreferencesAsync(string memberId) =>
        db.FindAsync<NotificationPreferences>("SELECT doc FROM notification_preferences WHERE member_id = $1", memberId);

    public Task<NotificationPreferences?> FindPreferencesByTokenAsync(string token) =>
        db.FindAsync<NotificationPreferences>("SELECT doc FROM notification_preferences WHERE token = $1", token);

    public Task SavePreferencesAsync(NotificationPreferences preferences) =>
        db.ExecuteAsync("INSERT INTO notification_preferences (member_id, token, doc) VALUES ($1, $2, $3) " +
            "ON CONFLICT (member_id) DO UPDATE SET token = EXCLUDED.token, doc = EXCLUDED.doc",
            preferences.Id, preferences.Token, Doc(preferences));

    public Task EraseMemberAsync(string memberId) => db.InTransactionAsync(async (c, tx) =>
    {
        foreach (var table in new[] { "watches", "read_positions", "notifications", "notification_preferences" })
            await ExecuteAsync(c, tx, $"DELETE FROM {table} WHERE member_id = $1", memberId);
    });
}
