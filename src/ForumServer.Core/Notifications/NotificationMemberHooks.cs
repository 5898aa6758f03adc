using ForumServer.Core.Accounts;
using ForumServer.Core.Moderation;
using ForumServer.Core.Notifications;
using ForumServer.Core.Privacy;

namespace ForumServer.Core.Notifications;

/// <summary>
/// Watch levels, read positions, notifications and mail choices go with the account and are in its export. The
/// export leaves out who caused a notification: another member's name is not the exporting member's data.
/// </summary>
public sealed class NotificationMemberHooks(INotificationStore store) : IMemberContentCleaner, IPersonalDataSource
{
    public string Section => "notifications";


    public Task MemberErasedAsync(string memberId, string email, AccountRemovalMode mode, CancellationToken cancellationToken = default) =>
        store.EraseMemberAsync(memberId);

    public async Task<object?> CollectAsync(Member member, CancellationToken cancellationToken = default)
    {
        var preferences = await store.GetPreferencesAsync(member.Id);
        return new
        {
            Watches = (await store.ListWatchesOfMemberAsync(member.Id, int.MaxValue))
                .Select(w => new { w.Target, w.TargetId, w.Level, w.At }).ToList(),
            ReadPositions = (await store.ListReadPositionsAsync(member.Id, int.MaxValue))
                .Select(p => new { p.TopicId, p.LastReadNumber, p.At }).ToList(),
            // Who acted is another member's data: the export names the topic and post, not them.
            Notifications = (await store.ListNotificationsAsync(member.Id, 0, int.MaxValue))
                .Select(n => new { n.Kind, n.TopicId, n.TopicTitle, n.PostId, n.Detail, n.CreatedAt, n.ReadAt, n.MailState }).ToList(),
            Mail = Enum.GetValues<NotificationKind>().ToDictionary(k => k.ToString(), k => (preferences?.For(k) ?? NotificationPreferences.Default(k)).ToString()),
        };
    }
}
