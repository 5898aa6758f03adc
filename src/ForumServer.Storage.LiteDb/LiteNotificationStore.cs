using ForumServer.Core.Notifications;
using LiteDB;

namespace ForumServer.Storage.LiteDb;

/// <summary>Watch levels, read positions, notifications and mail preferences in the one LiteDB file.</summary>
public sealed class LiteNotificationStore(ForumDatabase db) : INotificationStore
{
    // Read-modify-write units (set-if-absent, advance-only) hold under concurrent requests through this lock.
    private readonly Lock _gate = new();

    public Task<Watch?> GetWatchAsync(string memberId, WatchTarget target, int targetId) =>
        Task.FromResult<Watch?>(db.Watches.FindById(Watch.IdOf(memberId, target, targetId)));

    public Task<(Watch? Topic, Watch? Category)> GetTopicAndCategoryWatchAsync(string memberId, int topicId, int categoryId) =>
        Task.FromResult<(Watch?, Watch?)>((db.Watches.FindById(Watch.IdOf(memberId, WatchTarget.Topic, topicId)),
            db.Watches.FindById(Watch.IdOf(memberId, WatchTarget.Category, categoryId))));

    public Task SetWatchAsync(Watch watch)
    {
        db.Watches.Upsert(watch);
        return Task.CompletedTask;
    }

    public Task<bool> SetWatchIfAbsentAsync(Watch watch)
    {
        lock (_gate)
        {
            if (db.Watches.FindById(watch.Id) is not null) return Task.FromResult(false);
            db.Watches.Insert(watch);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<Watch>> ListWatchersAsync(WatchTarget target, int targetId)
    {
        var key = Watch.KeyOf(target, targetId);
        return Task.FromResult<IReadOnlyList<Watch>>(db.Watches.Find(w => w.TargetKey == key).ToList());
    }

    public Task<IReadOnlyList<Watch>> ListWatchesOfMemberAsync(string memberId, int take) =>
        Task.FromResult<IReadOnlyList<Watch>>(db.Watches.Find(w => w.MemberId == memberId).Take(take).ToList());

    public Task<ReadPosition?> GetReadPositionAsync(string memberId, int topicId) =>
        Task.FromResult<ReadPosition?>(db.ReadPositions.FindById(ReadPosition.IdOf(memberId, topicId)));

    public Task AdvanceReadPositionAsync(string memberId, int topicId, int number, DateTimeOffset at)
    {
        var id = ReadPosition.IdOf(memberId, topicId);
        // Most views read nothing new: answer those without the writer lock (positions only move forward).
        if (db.ReadPositions.FindById(id) is { } seen && seen.LastReadNumber >= number) return Task.CompletedTask;
        lock (_gate)
        {
            var position = db.ReadPositions.FindById(id);
            if (position is not null && position.LastReadNumber >= number) return Task.CompletedTask;
            db.ReadPositions.Upsert(new ReadPosition { Id = id, MemberId = memberId, TopicId = topicId, LastReadNumber = number, At = at });
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReadPosition>> ListReadPositionsAsync(string memberId, int take) =>
        Task.FromResult<IReadOnlyList<ReadPosition>>(db.ReadPositions.Find(p => p.MemberId == memberId)
            .OrderByDescending(p => p.At).Take(take).ToList());

    private const string OrderRange = $"$.{nameof(Notification.MemberOrder)} BETWEEN @0 AND @1";

    public Task AddNotificationsAsync(IReadOnlyList<Notification> notifications)
    {
        // Ids are assigned here, under the writer lock, because the ordering key holds the id.
        db.InTransaction(() =>
        {
            var last = db.Notifications.Query().OrderByDescending(n => n.Id).Select(n => n.Id).FirstOrDefault();
            foreach (var n in notifications)
            {
                n.Id = ++last;
                n.Keys();
            }
            return db.Notifications.InsertBulk(notifications);
        }, committed: _ =>
        {
            foreach (var member in notifications.Where(n => !n.IsRead).GroupBy(n => n.MemberId))
                AdjustUnread(member.Key, member.Count());
        });
        return Task.CompletedTask;
    }

    public Task<Notification?> GetNotificationAsync(int id) => Task.FromResult<Notification?>(db.Notifications.FindById(id));

    public Task UpdateNotificationAsync(Notification notification)
    {
        notification.Keys();
        db.InTransaction(() =>
        {
            var wasUnread = db.Notifications.FindById(notification.Id) is { IsRead: false };
            db.Notifications.Update(notification);
            return (wasUnread ? 1 : 0) - (notification.IsRead ? 0 : 1);
        }, committed: fewerUnread => AdjustUnread(notification.MemberId, -fewerUnread));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Notification>> ListNotificationsAsync(string memberId, int skip, int take) =>
        Task.FromResult<IReadOnlyList<Notification>>(NotificationsOf(memberId).Skip(skip).Limit(take).ToList());

    /// <summary>A member's notifications newest first: one closed range of the ordering index, walked backwards.</summary>
    internal ILiteQueryable<Notification> NotificationsOf(string memberId) =>
        db.Notifications.Query()
            .Where(OrderRange, Notification.OrderKey(memberId, 0), Notification.OrderKey(memberId, int.MaxValue))
            .OrderByDescending(n => n.MemberOrder);

    public Task<IReadOnlyList<Notification>> ListNotificationsOfPostAsync(int postId) =>
        Task.FromResult<IReadOnlyList<Notification>>(db.Notifications.Find(n => n.PostId == postId).ToList());

    public Task<int> CountNotificationsAsync(string memberId) => Task.FromResult(db.Notifications.Count(n => n.MemberId == memberId));

    // The bell's count is read on every signed-in page and after every notification (to push it to the member's open
    // pages), so counting the unread index (one step per unread notification: thousands for a member who never
    // reads) is done once per member and process; after that each committed write adjusts it. LiteDB has one
    // process, and every change to an entry happens under the writer lock, so an entry always equals the stored count.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _unreadCounts = new(StringComparer.Ordinal);

    public Task<int> CountUnreadAsync(string memberId)
    {
        if (_unreadCounts.TryGetValue(memberId, out var cached)) return Task.FromResult(cached);
        var key = $"{memberId}|0";
        return Task.FromResult(db.InTransaction(() => _unreadCounts.GetOrAdd(memberId, _ => db.Notifications.Count(n => n.MemberUnread == key))));
    }

    /// <summary>Under the writer lock, after a commit: a counted member's unread count moves by <paramref name="delta"/>.</summary>
    private void AdjustUnread(string memberId, int delta)
    {
        if (delta != 0 && _unreadCounts.TryGetValue(memberId, out var count)) _unreadCounts[memberId] = count + delta;
    }

    public Task<bool> MarkReadAsync(string memberId, int notificationId, DateTimeOffset at) =>
        Task.FromResult(db.InTransaction(() =>
        {
            var n = db.Notifications.FindById(notificationId);
            if (n is null || n.MemberId != memberId || n.IsRead) return false;
            n.ReadAt = at;
            n.Keys();
            db.Notifications.Update(n);
            return true;
        }, committed: marked => AdjustUnread(memberId, marked ? -1 : 0)));

    public Task MarkAllReadAsync(string memberId, DateTimeOffset at)
    {
        var key = $"{memberId}|0";
        db.InTransaction(() =>
        {
            foreach (var n in db.Notifications.Find(n => n.MemberUnread == key).ToList())
            {
                n.ReadAt = at;
                n.Keys();
                db.Notifications.Update(n);
            }
            return 0;
        }, committed: _ => _unreadCounts.TryRemove(memberId, out var _));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Notification>> ListPendingMailAsync(string memberId)
    {
        var key = $"{memberId}|{NotificationMailState.Pending}";
        return Task.FromResult<IReadOnlyList<Notification>>(db.Notifications.Find(n => n.MemberMail == key).OrderBy(n => n.Id).ToList());
    }

    public Task<IReadOnlyList<string>> ListMembersWithPendingMailAsync(int take) =>
        Task.FromResult<IReadOnlyList<string>>(db.Notifications.Find(n => n.MailState == NotificationMailState.Pending)
            .Select(n => n.MemberId).Distinct().Take(take).ToList());

    public Task<NotificationPreferences?> GetPreferencesAsync(string memberId) =>
        Task.FromResult<NotificationPreferences?>(db.NotificationPreferences.FindById(memberId));

    public Task<NotificationPreferences?> FindPreferencesByTokenAsync(string token) =>
        Task.FromResult<NotificationPreferences?>(db.NotificationPreferences.FindOne(p => p.Token == token));

    public Task SavePreferencesAsync(NotificationPreferences preferences)
    {
        db.NotificationPreferences.Upsert(preferences);
        return Task.CompletedTask;
    }

    public Task AddPendingFanOutAsync(PendingFanOut pending)
    {
        db.PendingFanOuts.Insert(pending);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PendingFanOut>> ListPendingFanOutsAsync(int take) =>
        Task.FromResult<IReadOnlyList<PendingFanOut>>(db.PendingFanOuts.Query().OrderBy(p => p.Id).Limit(take).ToList());

    public Task DeletePendingFanOutAsync(int id)
    {
        db.PendingFanOuts.Delete(id);
        return Task.CompletedTask;
    }

    public Task EraseMemberAsync(string memberId)
    {
        lock (_gate)
            db.InTransaction(() =>
            {
                db.Watches.DeleteMany(w => w.MemberId == memberId);
                db.ReadPositions.DeleteMany(p => p.MemberId == memberId);
                db.Notifications.DeleteMany(n => n.MemberId == memberId);
                db.NotificationPreferences.Delete(memberId);
                return 0;
            }, committed: _ => _unreadCounts.TryRemove(memberId, out var _));
        return Task.CompletedTask;
    }
}
