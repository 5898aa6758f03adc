namespace ForumServer.Core.Notifications;

/// <summary>Where watch levels, read positions, notifications and mail preferences live; all of it per member.</summary>
public interface INotificationStore
{
    Task<Watch?> GetWatchAsync(string memberId, WatchTarget target, int targetId);

    /// <summary>The member's own watch of a topic and of its category, in one read (every signed-in topic view asks).</summary>
    Task<(Watch? Topic, Watch? Category)> GetTopicAndCategoryWatchAsync(string memberId, int topicId, int categoryId);

    /// <summary>Sets the level, replacing any earlier one.</summary>
    Task SetWatchAsync(Watch watch);

    /// <summary>Sets the level only when the member has none yet for that thing (defaults never override a choice).</summary>
    Task<bool> SetWatchIfAbsentAsync(Watch watch);

    /// <summary>Every watch record on one topic or category, any level.</summary>
    Task<IReadOnlyList<Watch>> ListWatchersAsync(WatchTarget target, int targetId);
    Task<IReadOnlyList<Watch>> ListWatchesOfMemberAsync(string memberId, int take);

    Task<ReadPosition?> GetReadPositionAsync(string memberId, int topicId);

    /// <summary>Raises the position to <paramref name="number"/>; never lowers it. Safe under concurrent calls.</summary>
    Task AdvanceReadPositionAsync(string memberId, int topicId, int number, DateTimeOffset at);

    /// <summary>Most recently read topics first.</summary>
    Task<IReadOnlyList<ReadPosition>> ListReadPositionsAsync(string memberId, int take);

    /// <summary>Stores many notifications in one transaction (ids are assigned, increasing: a later one has a larger id).</summary>
    Task AddNotificationsAsync(IReadOnlyList<Notification> notifications);
    Task<Notification?> GetNotificationAsync(int id);
    Task UpdateNotificationAsync(Notification notification);

    /// <summary>One page of a member's notifications, newest (largest id) first, read in index order.</summary>
    Task<IReadOnlyList<Notification>> ListNotificationsAsync(string memberId, int skip, int take);

    /// <summary>Every member's notifications about one post (fan-out checks who has heard of it already).</summary>
    Task<IReadOnlyList<Notification>> ListNotificationsOfPostAsync(int postId);
    Task<int> CountNotificationsAsync(string memberId);
    Task<int> CountUnreadAsync(string memberId);

    /// <summary>Marks read; only the member's own notification. Returns false if it is not theirs.</summary>
    Task<bool> MarkReadAsync(string memberId, int notificationId, DateTimeOffset at);
    Task MarkAllReadAsync(string memberId, DateTimeOffset at);

    /// <summary>Notifications waiting for a digest.</summary>
    Task<IReadOnlyList<Notification>> ListPendingMailAsync(string memberId);

    /// <summary>Members who have notifications waiting for a digest.</summary>
    Task<IReadOnlyList<string>> ListMembersWithPendingMailAsync(int take);

    Task<NotificationPreferences?> GetPreferencesAsync(string memberId);
    Task<NotificationPreferences?> FindPreferencesByTokenAsync(string token);
    Task SavePreferencesAsync(NotificationPreferences preferences);

    /// <summary>Stores a fan-out still to do (the id is assigned).</summary>
    Task AddPendingFanOutAsync(PendingFanOut pending);

    /// <summary>Fan-outs not done yet, oldest first (resumed at start).</summary>
    Task<IReadOnlyList<PendingFanOut>> ListPendingFanOutsAsync(int take);
    Task DeletePendingFanOutAsync(int id);

    /// <summary>Deletes everything this feature keeps about a member.</summary>
    Task EraseMemberAsync(string memberId);
}
