using ForumServer.Core.Lists;
using ForumServer.Core.Notifications;

namespace ForumServer.Core.Tests.Storage.Contract;

/// <summary>What every <see cref="INotificationStore"/> must do: watch levels, read positions, notifications, mail choices.</summary>
public abstract class NotificationStoreContract : StoreContract
{
    private INotificationStore Store => Stores.Notifications;

    private static Watch Watching(string member, WatchTarget target, int id, WatchLevel level, DateTimeOffset at) => new()
    {
        Id = Watch.IdOf(member, target, id), MemberId = member, Target = target, TargetId = id,
        TargetKey = Watch.KeyOf(target, id), Level = level, At = at,
    };

    private static Notification Note(string member, int topicId, int minute, NotificationMailState mail = NotificationMailState.None)
    {
        var n = new Notification
        {
            MemberId = member, Kind = NotificationKind.Reply, TopicId = topicId, TopicTitle = $"Topic {topicId}", PostId = topicId * 10,
            PostNumber = 2, ActorName = "Bob", CreatedAt = T0.AddMinutes(minute), MailState = mail,
        };
        n.Keys();
        return n;
    }

    [Fact]
    public async Task A_default_watch_never_overrides_a_choice_and_a_choice_replaces_the_level()
    {
        Assert.True(await Store.SetWatchIfAbsentAsync(Watching("alice", WatchTarget.Topic, 7, WatchLevel.Watching, T0)));
        Assert.False(await Store.SetWatchIfAbsentAsync(Watching("alice", WatchTarget.Topic, 7, WatchLevel.Tracking, T0.AddMinutes(1))));
        Assert.Equal(WatchLevel.Watching, (await Store.GetWatchAsync("alice", WatchTarget.Topic, 7))!.Level);

        await Store.SetWatchAsync(Watching("alice", WatchTarget.Topic, 7, WatchLevel.Muted, T0.AddMinutes(2)));
        var stored = (await Store.GetWatchAsync("alice", WatchTarget.Topic, 7))!;
        Assert.Equal((WatchLevel.Muted, T0.AddMinutes(2)), (stored.Level, stored.At));
        Assert.Null(await Store.GetWatchAsync("alice", WatchTarget.Category, 7));
        Assert.Null(await Store.GetWatchAsync("bob", WatchTarget.Topic, 7));
    }

    [Fact]
    public async Task A_topic_watch_and_its_category_watch_are_read_together_and_each_may_be_missing()
    {
        await Store.SetWatchAsync(Watching("alice", WatchTarget.Topic, 7, WatchLevel.Muted, T0));
        await Store.SetWatchAsync(Watching("alice", WatchTarget.Category, 3, WatchLevel.Watching, T0));
        await Store.SetWatchAsync(Watching("bob", WatchTarget.Topic, 3, WatchLevel.Tracking, T0)); // same number, other kind and member

        var (topic, category) = await Store.GetTopicAndCategoryWatchAsync("alice", 7, 3);
        Assert.Equal((WatchLevel.Muted, WatchLevel.Watching), (topic!.Level, category!.Level));
        Assert.Equal((WatchTarget.Topic, 7, WatchTarget.Category, 3), (topic.Target, topic.TargetId, category.Target, category.TargetId));

        var (noTopic, onlyCategory) = await Store.GetTopicAndCategoryWatchAsync("alice", 8, 3);
        Assert.Null(noTopic);
        Assert.Equal(WatchLevel.Watching, onlyCategory!.Level);
        var none = await Store.GetTopicAndCategoryWatchAsync("bob", 7, 3);
        Assert.True(none.Topic is null && none.Category is null);
        var (bobTopic, _) = await Store.GetTopicAndCategoryWatchAsync("bob", 3, 7);
        Assert.Equal(WatchLevel.Tracking, bobTopic!.Level);
    }

    [Fact]
    public async Task Watchers_are_found_per_topic_or_category_and_a_members_watches_are_listed()
    {
        await Store.SetWatchAsync(Watching("alice", WatchTarget.Topic, 7, WatchLevel.Watching, T0));
        await Store.SetWatchAsync(Watching("bob", WatchTarget.Topic, 7, WatchLevel.Muted, T0));
        await Store.SetWatchAsync(Watching("alice", WatchTarget.Category, 7, WatchLevel.Tracking, T0));
        await Store.SetWatchAsync(Watching("alice", WatchTarget.Topic, 8, WatchLevel.Watching, T0));

        var topicWatchers = await Store.ListWatchersAsync(WatchTarget.Topic, 7);
        Assert.Equal(["alice:Watching", "bob:Muted"], topicWatchers.Select(w => $"{w.MemberId}:{w.Level}").Order());
        Assert.Equal("alice", Assert.Single(await Store.ListWatchersAsync(WatchTarget.Category, 7)).MemberId);
        Assert.Empty(await Store.ListWatchersAsync(WatchTarget.Category, 8));

        Assert.Equal(3, (await Store.ListWatchesOfMemberAsync("alice", int.MaxValue)).Count);
        Assert.Equal(2, (await Store.ListWatchesOfMemberAsync("alice", 2)).Count);
    }

    [Fact]
    public async Task Parallel_defaults_for_one_watch_store_exactly_one()
    {
        var results = await InParallelAsync(16, i =>
            Store.SetWatchIfAbsentAsync(Watching("alice", WatchTarget.Topic, 7, (WatchLevel)(i % 4), T0.AddSeconds(i))));

        Assert.Single(results, stored => stored);
        Assert.Single(await Store.ListWatchersAsync(WatchTarget.Topic, 7));
    }

    [Fact]
    public async Task A_read_position_only_advances_and_positions_list_most_recent_first()
    {
        Assert.Null(await Store.GetReadPositionAsync("alice", 1));
        await Store.AdvanceReadPositionAsync("alice", 1, 5, T0);
        await Store.AdvanceReadPositionAsync("alice", 1, 3, T0.AddMinutes(5));
        Assert.Equal((5, T0), ((await Store.GetReadPositionAsync("alice", 1))!.LastReadNumber, (await Store.GetReadPositionAsync("alice", 1))!.At));
        await Store.AdvanceReadPositionAsync("alice", 1, 9, T0.AddMinutes(1));
        await Store.AdvanceReadPositionAsync("alice", 2, 1, T0.AddMinutes(3));
        await Store.AdvanceReadPositionAsync("alice", 3, 1, T0.AddMinutes(2));
        await Store.AdvanceReadPositionAsync("bob", 1, 2, T0.AddMinutes(9));

        Assert.Equal(9, (await Store.GetReadPositionAsync("alice", 1))!.LastReadNumber);
        var listed = await Store.ListReadPositionsAsync("alice", 10);
        Assert.Equal([2, 3, 1], listed.Select(p => p.TopicId));
        Assert.Equal([2, 3], (await Store.ListReadPositionsAsync("alice", 2)).Select(p => p.TopicId));
    }

    [Fact]
    public async Task Parallel_read_position_updates_keep_the_highest_number()
    {
        // Numbers arrive in a shuffled order, as tabs of one member reading one topic would send them.
        var numbers = Enumerable.Range(1, 40).OrderBy(n => (n * 17) % 41).ToArray();

        await InParallelAsync(numbers.Length, i => Store.AdvanceReadPositionAsync("alice", 1, numbers[i], T0.AddSeconds(i)));

        Assert.Equal(40, (await Store.GetReadPositionAsync("alice", 1))!.LastReadNumber);
        Assert.Single(await Store.ListReadPositionsAsync("alice", 10));
    }

    [Fact]
    public async Task Notifications_get_ids_and_list_newest_first_in_pages_per_member()
    {
        var alices = Enumerable.Range(1, 5).Select(i => Note("alice", i, i)).ToList();
        await Store.AddNotificationsAsync([.. alices, Note("bob", 9, 0)]);

        Assert.Equal(5, alices.Select(n => n.Id).Where(id => id > 0).Distinct().Count());
        var first = await Store.ListNotificationsAsync("alice", 0, 3);
        Assert.Equal([5, 4, 3], first.Select(n => n.TopicId));
        Assert.Equal([2, 1], (await Store.ListNotificationsAsync("alice", 3, 3)).Select(n => n.TopicId));
        Assert.Equal((5, 5, 1), (await Store.CountNotificationsAsync("alice"), await Store.CountUnreadAsync("alice"), await Store.CountNotificationsAsync("bob")));

        var stored = (await Store.GetNotificationAsync(alices[0].Id))!;
        Assert.Equal((alices[0].Id, "alice", "Topic 1", "Bob", T0.AddMinutes(1)), (stored.Id, stored.MemberId, stored.TopicTitle, stored.ActorName, stored.CreatedAt));
        Assert.Null(await Store.GetNotificationAsync(alices.Max(n => n.Id) + 100));
    }

    [Fact]
    public async Task Only_the_member_marks_their_notification_read_once_and_mark_all_clears_the_count()
    {
        var notes = Enumerable.Range(1, 3).Select(i => Note("alice", i, i)).ToList();
        await Store.AddNotificationsAsync(notes);

        Assert.False(await Store.MarkReadAsync("bob", notes[0].Id, T0.AddHours(1)));
        Assert.True(await Store.MarkReadAsync("alice", notes[0].Id, T0.AddHours(1)));
        Assert.False(await Store.MarkReadAsync("alice", notes[0].Id, T0.AddHours(2)));
        Assert.Equal(T0.AddHours(1), (await Store.GetNotificationAsync(notes[0].Id))!.ReadAt);
        Assert.Equal(2, await Store.CountUnreadAsync("alice"));

        await Store.MarkAllReadAsync("alice", T0.AddHours(3));
        Assert.Equal(0, await Store.CountUnreadAsync("alice"));
        Assert.All(await Store.ListNotificationsAsync("alice", 0, 10), n => Assert.True(n.IsRead));
        Assert.Equal(T0.AddHours(1), (await Store.GetNotificationAsync(notes[0].Id))!.ReadAt);
    }

    [Fact]
    public async Task The_unread_count_read_before_each_change_follows_every_change()
    {
        Assert.Equal(0, await Store.CountUnreadAsync("alice"));
        var notes = Enumerable.Range(1, 3).Select(i => Note("alice", i, i, NotificationMailState.Pending)).ToList();
        await Store.AddNotificationsAsync([.. notes, Note("bob", 9, 0)]);
        Assert.Equal((3, 1), (await Store.CountUnreadAsync("alice"), await Store.CountUnreadAsync("bob")));

        await Store.MarkReadAsync("alice", notes[0].Id, T0.AddHours(1));
        Assert.Equal(2, await Store.CountUnreadAsync("alice"));
        notes[1].MailState = NotificationMailState.Sent; // a mail went out: still unread
        await Store.UpdateNotificationAsync(notes[1]);
        Assert.Equal(2, await Store.CountUnreadAsync("alice"));
        notes[2].ReadAt = T0.AddHours(2);
        await Store.UpdateNotificationAsync(notes[2]);
        Assert.Equal(1, await Store.CountUnreadAsync("alice"));

        // Replies notifying alice while her pages read the count.
        await InParallelAsync(24, async i =>
        {
            if (i % 2 == 0) await Store.AddNotificationsAsync([Note("alice", 100 + i, i)]);
            else await Store.CountUnreadAsync("alice");
        });
        Assert.Equal(13, await Store.CountUnreadAsync("alice"));
        Assert.Equal(1, await Store.CountUnreadAsync("bob"));

        await Store.MarkAllReadAsync("alice", T0.AddHours(3));
        Assert.Equal(0, await Store.CountUnreadAsync("alice"));
        await Store.AddNotificationsAsync([Note("alice", 200, 200)]);
        Assert.Equal(1, await Store.CountUnreadAsync("alice"));
        await Store.EraseMemberAsync("alice");
        Assert.Equal((0, 1), (await Store.CountUnreadAsync("alice"), await Store.CountUnreadAsync("bob")));
    }

    [Fact]
    public async Task Parallel_marks_of_one_notification_succeed_once()
    {
        var note = Note("alice", 1, 0);
        await Store.AddNotificationsAsync([note]);

        var results = await InParallelAsync(12, i => Store.MarkReadAsync("alice", note.Id, T0.AddSeconds(i)));

        Assert.Single(results, marked => marked);
        Assert.Equal(0, await Store.CountUnreadAsync("alice"));
    }

    [Fact]
    public async Task Pending_mail_is_listed_oldest_first_until_the_digest_marks_it_sent()
    {
        var pending = new[] { Note("alice", 1, 1, NotificationMailState.Pending), Note("alice", 2, 2, NotificationMailState.Pending) };
        await Store.AddNotificationsAsync([pending[1], pending[0], Note("alice", 3, 3), Note("bob", 4, 4, NotificationMailState.Pending), Note("carol", 5, 5)]);

        Assert.Equal([2, 1], (await Store.ListPendingMailAsync("alice")).Select(n => n.TopicId));
        Assert.Equal(["alice", "bob"], (await Store.ListMembersWithPendingMailAsync(10)).Order());
        Assert.Single(await Store.ListMembersWithPendingMailAsync(1));

        foreach (var n in await Store.ListPendingMailAsync("alice"))
        {
            n.MailState = NotificationMailState.Sent;
            await Store.UpdateNotificationAsync(n);
        }
        Assert.Empty(await Store.ListPendingMailAsync("alice"));
        Assert.Equal(["bob"], await Store.ListMembersWithPendingMailAsync(10));
        Assert.Equal(NotificationMailState.Sent, (await Store.GetNotificationAsync(pending[0].Id))!.MailState);
        Assert.Equal(3, await Store.CountUnreadAsync("alice"));
    }

    [Fact]
    public async Task Mail_choices_are_found_by_member_and_by_their_one_click_token_and_replaced()
    {
        var token = ListTokens.New();
        var preferences = new NotificationPreferences
        {
            Id = "alice", Token = token, Mail = { [NotificationKind.Mention] = MailFrequency.Never, [NotificationKind.Reaction] = MailFrequency.Daily },
        };
        await Store.SavePreferencesAsync(preferences);

        var stored = (await Store.GetPreferencesAsync("alice"))!;
        Assert.Equal((MailFrequency.Never, MailFrequency.Daily, MailFrequency.Immediately),
            (stored.For(NotificationKind.Mention), stored.For(NotificationKind.Reaction), stored.For(NotificationKind.Reply)));
        Assert.Equal("alice", (await Store.FindPreferencesByTokenAsync(token))!.Id);
        Assert.Null(await Store.FindPreferencesByTokenAsync(ListTokens.New()));
        Assert.Null(await Store.GetPreferencesAsync("bob"));

        stored.LastDigestAt = T0;
        stored.Mail[NotificationKind.Mention] = MailFrequency.Hourly;
        await Store.SavePreferencesAsync(stored);
        var replaced = (await Store.GetPreferencesAsync("alice"))!;
        Assert.Equal((MailFrequency.Hourly, T0), (replaced.For(NotificationKind.Mention), replaced.LastDigestAt));
    }

    [Fact]
    public async Task Erasing_a_member_removes_their_watches_positions_notifications_and_choices_only()
    {
        foreach (var member in new[] { "alice", "bob" })
        {
            await Store.SetWatchAsync(Watching(member, WatchTarget.Topic, 1, WatchLevel.Watching, T0));
            await Store.AdvanceReadPositionAsync(member, 1, 3, T0);
            await Store.AddNotificationsAsync([Note(member, 1, 0, NotificationMailState.Pending)]);
            await Store.SavePreferencesAsync(new NotificationPreferences { Id = member, Token = ListTokens.New() });
        }

        await Store.EraseMemberAsync("alice");

        Assert.Equal((0, 0), (await Store.CountNotificationsAsync("alice"), (await Store.ListWatchesOfMemberAsync("alice", 10)).Count));
        Assert.Null(await Store.GetReadPositionAsync("alice", 1));
        Assert.Null(await Store.GetPreferencesAsync("alice"));
        Assert.Equal(["bob"], await Store.ListMembersWithPendingMailAsync(10));
        Assert.Equal("bob", Assert.Single(await Store.ListWatchersAsync(WatchTarget.Topic, 1)).MemberId);
        Assert.NotNull(await Store.GetReadPositionAsync("bob", 1));
        Assert.NotNull(await Store.GetPreferencesAsync("bob"));
    }
}
