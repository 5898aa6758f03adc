using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Core.Moderation;

namespace ForumServer.Core.Notifications;

/// <summary>
/// Watch levels, read positions and notifications of members. Fan-out for a post runs after the request that wrote
/// it (a worker calls <see cref="HandleAsync"/>); <see cref="NotifyAsync"/> is the entry point for other features.
/// </summary>
public sealed class NotificationService(
    INotificationStore store,
    IForumStore forum,
    IMemberStore members,
    INotificationPusher pusher,
    IReadingPresence presence,
    NotificationMailer mailer,
    Outbox outbox,
    NotificationOptions options,
    TimeProvider time)
{
    public const int PageSize = 20;
    public const int MaxPages = 500;
    public const int MaxWatchesListed = 200;
    private const int DeliveryChunk = 200;

    // ---- watch levels ----

    /// <summary>The level that applies to a topic: the topic's own, else its category's, else Normal.</summary>
    public async Task<(WatchLevel Effective, WatchLevel? Own)> TopicLevelAsync(string memberId, Topic topic)
    {
        var (ownWatch, categoryWatch) = await store.GetTopicAndCategoryWatchAsync(memberId, topic.Id, topic.CategoryId);
        if (ownWatch?.Level is { } level) return (level, level);
        return (categoryWatch?.Level ?? WatchLevel.Normal, null);
    }

    public async Task<WatchLevel> CategoryLevelAsync(string memberId, int categoryId) =>
        (await store.GetWatchAsync(memberId, WatchTarget.Category, categoryId))?.Level ?? WatchLevel.Normal;

    /// <summary>Sets a member's level on a topic or category that exists; false when it does not.</summary>
    public async Task<bool> SetLevelAsync(string memberId, WatchTarget target, int targetId, WatchLevel level)
    {
        if (!Enum.IsDefined(level)) return false;
        var exists = target == WatchTarget.Topic
            ? await forum.GetTopicAsync(targetId) is { IsRemoved: false }
            : await forum.GetCategoryAsync(targetId) is not null;
        if (!exists) return false;
        await store.SetWatchAsync(NewWatch(memberId, target, targetId, level));
        return true;
    }

    /// <summary>What a member watches, tracks or mutes, with names to show.</summary>
    public async Task<IReadOnlyList<(Watch Watch, string Name, string Url)>> ListWatchesAsync(string memberId)
    {
        var result = new List<(Watch, string, string)>();
        foreach (var w in await store.ListWatchesOfMemberAsync(memberId, MaxWatchesListed))
        {
            if (w.Target == WatchTarget.Topic && await forum.GetTopicAsync(w.TargetId) is { IsRemoved: false } t)
                result.Add((w, t.Title, $"/t/{t.Id}/{t.Slug}"));
            else if (w.Target == WatchTarget.Category && await forum.GetCategoryAsync(w.TargetId) is { } c)
                result.Add((w, c.Name, $"/c/{c.Id}/{c.Slug}"));
        }
        return result;
    }

    // ---- forum events (run after the response, from the queue) ----

    /// <summary>Defaults that must hold before the author's next page load: the author watches, a replier tracks.</summary>
    public Task ApplyDefaultsAsync(ForumEvent forumEvent) => forumEvent switch
    {
        TopicCreated e => Task.WhenAll(
            store.SetWatchIfAbsentAsync(NewWatch(e.Topic.AuthorId, WatchTarget.Topic, e.Topic.Id, WatchLevel.Watching)),
            store.AdvanceReadPositionAsync(e.Topic.AuthorId, e.Topic.Id, e.FirstPost.Number, time.GetUtcNow())),
        PostCreated e => Task.WhenAll(
            store.SetWatchIfAbsentAsync(NewWatch(e.Post.AuthorId, WatchTarget.Topic, e.Topic.Id, WatchLevel.Tracking)),
            store.AdvanceReadPositionAsync(e.Post.AuthorId, e.Topic.Id, e.Post.Number, time.GetUtcNow())),
        _ => Task.CompletedTask,
    };

    /// <summary>Fans out one stored forum event; the topic and post are read as they are now.</summary>
    public async Task HandleAsync(PendingFanOut pending)
    {
        if (await forum.GetTopicAsync(pending.TopicId) is not { } topic) return;
        var post = pending.PostId > 0 ? await forum.GetPostAsync(pending.PostId) : null;
        switch (pending.Event)
        {
            case FanOutEvent.TopicCreated or FanOutEvent.PostCreated when post is { IsRemoved: false } && !topic.IsRemoved:
                await FanOutPostAsync(topic, post, newTopic: pending.Event == FanOutEvent.TopicCreated);
                break;
            case FanOutEvent.PostEdited when post is { IsRemoved: false } && !topic.IsRemoved:
                await FanOutAddedMentionsAsync(topic, post);
                break;
            case FanOutEvent.PostRemovedByModerator when post is not null:
                await NotifyAsync(post.AuthorId, NotificationKind.Moderation, topic.Id, post.Id, "", NotificationTexts.PostRemoved);
                break;
            case FanOutEvent.TopicLocked:
                await NotifyAsync(topic.AuthorId, NotificationKind.Moderation, topic.Id, 0, "", NotificationTexts.TopicLocked);
                break;
            case FanOutEvent.TopicRemoved:
                await NotifyAsync(topic.AuthorId, NotificationKind.Moderation, topic.Id, 0, "", NotificationTexts.TopicRemoved);
                break;
            case FanOutEvent.TopicMoved:
                await NotifyAsync(topic.AuthorId, NotificationKind.Moderation, topic.Id, 0, "", NotificationTexts.TopicMoved);
                break;
            case FanOutEvent.ReactionAdded when post is not null && post.AuthorId != pending.MemberId:
                await NotifyAsync(post.AuthorId, NotificationKind.Reaction, topic.Id, post.Id, pending.MemberName);
                break;
            case FanOutEvent.AnswerAccepted when post is not null && post.AuthorId != pending.MemberId:
                await NotifyAsync(post.AuthorId, NotificationKind.AcceptedAnswer, topic.Id, post.Id, await NameOfAsync(pending.MemberId));
                break;
        }
    }

    private async Task<string> NameOfAsync(string memberId) => (await members.GetAsync(memberId))?.DisplayName ?? "";

    /// <summary>
    /// Who hears about a new post, one notification each, strongest reason first: mentioned, quoted, topic author,
    /// watcher. The writer never hears about their own post; a member who muted the topic (or its category) hears nothing.
    /// </summary>
    private async Task FanOutPostAsync(Topic topic, Post post, bool newTopic)
    {
        var topicLevels = (await store.ListWatchersAsync(WatchTarget.Topic, topic.Id)).ToDictionary(w => w.MemberId, w => w.Level);
        var categoryLevels = (await store.ListWatchersAsync(WatchTarget.Category, topic.CategoryId)).ToDictionary(w => w.MemberId, w => w.Level);
        WatchLevel Level(string m) => topicLevels.TryGetValue(m, out var t) ? t : categoryLevels.TryGetValue(m, out var c) ? c : WatchLevel.Normal;

        // A fan-out resumed after a crash skips whoever heard of this post already.
        var heard = (await store.ListNotificationsOfPostAsync(post.Id)).Where(n => IsAboutPost(n.Kind)).Select(n => n.MemberId).ToHashSet(StringComparer.Ordinal);
        var reasons = new Dictionary<string, NotificationKind>(StringComparer.Ordinal);
        void Add(string memberId, NotificationKind kind)
        {
            if (string.IsNullOrEmpty(memberId) || memberId == post.AuthorId || heard.Contains(memberId) || Level(memberId) == WatchLevel.Muted) return;
            if (!reasons.TryGetValue(memberId, out var existing) || Rank(kind) > Rank(existing)) reasons[memberId] = kind;
        }

        var (mentioned, quoted) = PostHtmlReferences.Read(post.Html);
        foreach (var m in mentioned.Take(options.MaxMentionsPerPost)) Add(m, NotificationKind.Mention);
        foreach (var quotedId in quoted.Take(10))
            if (await forum.GetPostAsync(quotedId) is { } q) Add(q.AuthorId, NotificationKind.Quote);
        if (!newTopic) Add(topic.AuthorId, NotificationKind.ReplyToYou);
        foreach (var (m, level) in newTopic ? categoryLevels : topicLevels.Concat(categoryLevels.Where(c => !topicLevels.ContainsKey(c.Key))))
            if (level == WatchLevel.Watching) Add(m, NotificationKind.Reply);

        await DeliverAsync(reasons.Select(r => AboutPost(r.Key, r.Value, topic, post)).ToList(), post);
    }

    /// <summary>
    /// An edit notifies the members it newly mentions among the first <see cref="NotificationOptions.MaxMentionsPerPost"/>
    /// mentions of the text: not the author, not who muted the topic, not who was notified of a mention in this post
    /// before; with those earlier ones, at most that many per post.
    /// </summary>
    private async Task FanOutAddedMentionsAsync(Topic topic, Post post)
    {
        var mentionedBefore = (await store.ListNotificationsOfPostAsync(post.Id))
            .Where(n => n.Kind == NotificationKind.Mention).Select(n => n.MemberId).ToHashSet(StringComparer.Ordinal);
        var budget = options.MaxMentionsPerPost - mentionedBefore.Count;
        var added = new List<Notification>();
        // As for a new post, only the first mentions in the text count.
        foreach (var memberId in PostHtmlReferences.Read(post.Html).MemberIds.Take(options.MaxMentionsPerPost))
        {
            if (added.Count >= budget) break;
            if (memberId == post.AuthorId || mentionedBefore.Contains(memberId)) continue;
            if ((await TopicLevelAsync(memberId, topic)).Effective == WatchLevel.Muted) continue;
            added.Add(AboutPost(memberId, NotificationKind.Mention, topic, post));
        }
        await DeliverAsync(added, post);
    }

    private Notification AboutPost(string memberId, NotificationKind kind, Topic topic, Post post) => new()
    {
        MemberId = memberId, Kind = kind, TopicId = topic.Id, TopicTitle = topic.Title, PostId = post.Id,
        PostNumber = post.Number, ActorName = post.AuthorName, CreatedAt = time.GetUtcNow(),
    };

    private static bool IsAboutPost(NotificationKind kind) =>
        kind is NotificationKind.Reply or NotificationKind.ReplyToYou or NotificationKind.Mention or NotificationKind.Quote;

    // ---- public entry point for other features (reactions, accepted answers, deletion requests) ----

    /// <summary>Notifies one member (unless it is the actor's own doing, which callers check). Mails by the member's setting.</summary>
    public async Task NotifyAsync(string memberId, NotificationKind kind, int topicId, int postId, string actorName, string detail = "")
    {
        if (string.IsNullOrEmpty(memberId)) return;
        var topic = topicId > 0 ? await forum.GetTopicAsync(topicId) : null;
        var post = postId > 0 ? await forum.GetPostAsync(postId) : null;
        var notification = new Notification
        {
            MemberId = memberId, Kind = kind, TopicId = topicId, TopicTitle = topic?.Title ?? "", PostId = postId,
            PostNumber = post?.Number ?? 0, ActorName = actorName, Detail = detail, CreatedAt = time.GetUtcNow(),
        };
        await DeliverAsync([notification], post);
    }

    /// <summary>
    /// The member who filed a deletion request hears about each change of its state on the bell and page; the mail
    /// for each state comes from moderation (<see cref="ModerationMailer"/>), so this kind never mails.
    /// </summary>
    public Task DeletionRequestChangedAsync(DeletionRequest request) =>
        request.MemberId is { } memberId
            ? NotifyAsync(memberId, NotificationKind.DeletionRequest, 0, 0, "", NotificationTexts.DeletionRequestDetail(request))
            : Task.CompletedTask;

    private async Task DeliverAsync(List<Notification> notifications, Post? post)
    {
        var recipients = new Dictionary<string, (Member Member, NotificationPreferences Preferences)>();
        foreach (var n in notifications.ToList())
        {
            if (await members.GetAsync(n.MemberId) is not { } member) { notifications.Remove(n); continue; }
            var preferences = await PreferencesAsync(n.MemberId);
            recipients[n.MemberId] = (member, preferences);
            n.MailState = preferences.For(n.Kind) switch
            {
                _ when NotificationPreferences.MailedByItsFeature(n.Kind) => NotificationMailState.None,
                MailFrequency.Never => NotificationMailState.None,
                _ when !member.EmailConfirmed => NotificationMailState.None,
                MailFrequency.Immediately when presence.IsReading(n.MemberId, n.TopicId) => NotificationMailState.Skipped,
                MailFrequency.Immediately => NotificationMailState.Sent,
                _ => NotificationMailState.Pending,
            };
            n.Keys();
        }
        // In chunks: each is one transaction for the notifications and one for their mail, so other writers get in
        // between and the outbox starts sending the first mails while later ones are written.
        foreach (var chunk in notifications.Chunk(DeliveryChunk))
        {
            await store.AddNotificationsAsync(chunk);
            var mails = chunk.Where(n => n.MailState == NotificationMailState.Sent)
                .Select(n => mailer.One(recipients[n.MemberId].Member, recipients[n.MemberId].Preferences, n, post)).ToList();
            if (mails.Count > 0) await outbox.EnqueueManyAsync(mails);
            foreach (var n in chunk) await pusher.UnreadChangedAsync(n.MemberId, await store.CountUnreadAsync(n.MemberId));
        }
    }

    // ---- the bell and the notifications page ----

    public Task<int> CountUnreadAsync(string memberId) => store.CountUnreadAsync(memberId);

    public async Task<(IReadOnlyList<Notification> Items, int Pages)> ListAsync(string memberId, int page)
    {
        var total = await store.CountNotificationsAsync(memberId);
        var pages = Math.Min(MaxPages, ForumService.PageCount(total, PageSize));
        if (page < 1 || page > pages) return ([], pages);
        return (await store.ListNotificationsAsync(memberId, (page - 1) * PageSize, PageSize), pages);
    }

    /// <summary>Marks one of the member's own notifications read; returns where it points, or null if it is not theirs.</summary>
    public async Task<Notification?> OpenAsync(string memberId, int notificationId)
    {
        var n = await store.GetNotificationAsync(notificationId);
        if (n is null || n.MemberId != memberId) return null;
        if (await store.MarkReadAsync(memberId, notificationId, time.GetUtcNow()))
            await pusher.UnreadChangedAsync(memberId, await store.CountUnreadAsync(memberId));
        return n;
    }

    public async Task MarkAllReadAsync(string memberId)
    {
        await store.MarkAllReadAsync(memberId, time.GetUtcNow());
        await pusher.UnreadChangedAsync(memberId, 0);
    }

    public string LinkOf(Notification n) => n.PostId > 0
        ? $"/t/{n.TopicId}?page={ForumService.PageOf(n.PostNumber)}#post-{n.PostId}"
        : n.TopicId > 0 ? $"/t/{n.TopicId}" : "/notifications";

    // ---- read positions ----

    /// <summary>Records that the member read a topic up to a post number (bounded by the topic's size).</summary>
    public async Task MarkReadUpToAsync(string memberId, Topic topic, int number)
    {
        number = Math.Clamp(number, 0, topic.PostCount);
        if (number > 0) await store.AdvanceReadPositionAsync(memberId, topic.Id, number, time.GetUtcNow());
    }

    public async Task<bool> MarkPostReadAsync(string memberId, int postId)
    {
        if (await forum.GetPostAsync(postId) is not { } post || await forum.GetTopicAsync(post.TopicId) is not { IsRemoved: false } topic) return false;
        await MarkReadUpToAsync(memberId, topic, post.Number);
        return true;
    }

    /// <summary>Unread state of a topic the member has opened before and tracks; null when nothing is new or it is not tracked.</summary>
    public async Task<TopicUnread?> UnreadAsync(string memberId, Topic topic)
    {
        var position = await store.GetReadPositionAsync(memberId, topic.Id);
        if (position is null || position.LastReadNumber >= topic.PostCount) return null;
        var (level, _) = await TopicLevelAsync(memberId, topic);
        if (level < WatchLevel.Tracking) return null;
        return new TopicUnread(topic.Id, topic.PostCount - position.LastReadNumber, position.LastReadNumber + 1);
    }

    /// <summary>Tracked topics with posts the member has not read, most recently read first.</summary>
    public async Task<IReadOnlyList<(Topic Topic, TopicUnread Unread)>> UnreadTopicsAsync(string memberId, int take)
    {
        var result = new List<(Topic, TopicUnread)>();
        foreach (var position in await store.ListReadPositionsAsync(memberId, 500))
        {
            if (await forum.GetTopicAsync(position.TopicId) is not { IsRemoved: false } topic) continue;
            if (await UnreadAsync(memberId, topic) is { } unread) result.Add((topic, unread));
            if (result.Count >= take) break;
        }
        return result.OrderByDescending(r => r.Item1.LastPostAt).ToList();
    }

    /// <summary>Recent topics the member has never opened, newest activity first.</summary>
    public async Task<IReadOnlyList<Topic>> NewTopicsAsync(string memberId, int take)
    {
        var since = time.GetUtcNow() - options.NewTopicAge;
        var result = new List<Topic>();
        foreach (var topic in await forum.ListRecentTopicsAsync(0, 300))
        {
            if (topic.CreatedAt < since || topic.AuthorId == memberId) continue;
            if (await store.GetReadPositionAsync(memberId, topic.Id) is not null) continue;
            if ((await TopicLevelAsync(memberId, topic)).Effective == WatchLevel.Muted) continue;
            result.Add(topic);
            if (result.Count >= take) break;
        }
        return result;
    }

    /// <summary>The post number to open for "first unread": after the last read, or 1.</summary>
    public async Task<int> FirstUnreadNumberAsync(string memberId, Topic topic)
    {
        var position = await store.GetReadPositionAsync(memberId, topic.Id);
        return Math.Clamp((position?.LastReadNumber ?? 0) + 1, 1, Math.Max(1, topic.PostCount));
    }

    // ---- mail preferences ----

    public async Task<NotificationPreferences> PreferencesAsync(string memberId)
    {
        if (await store.GetPreferencesAsync(memberId) is { } existing) return existing;
        var created = new NotificationPreferences { Id = memberId, Token = ListTokens.New() };
        await store.SavePreferencesAsync(created);
        return created;
    }

    public async Task SaveMailAsync(string memberId, IReadOnlyDictionary<NotificationKind, MailFrequency> choices)
    {
        var preferences = await PreferencesAsync(memberId);
        foreach (var (kind, frequency) in choices)
            if (Enum.IsDefined(kind) && Enum.IsDefined(frequency) && !NotificationPreferences.MailedByItsFeature(kind)) preferences.Mail[kind] = frequency;
        await store.SavePreferencesAsync(preferences);
    }

    /// <summary>The one-click link: turns mail for these kinds off. False for an unknown token.</summary>
    public async Task<bool> TurnOffMailAsync(string? token, IReadOnlyCollection<NotificationKind> kinds)
    {
        if (!ListTokens.LooksValid(token) || kinds.Count == 0) return false;
        var preferences = await store.FindPreferencesByTokenAsync(token!);
        if (preferences is null) return false;
        foreach (var kind in kinds) preferences.Mail[kind] = MailFrequency.Never;
        await store.SavePreferencesAsync(preferences);
        return true;
    }

    public Task<NotificationPreferences?> FindPreferencesByTokenAsync(string? token) =>
        ListTokens.LooksValid(token) ? store.FindPreferencesByTokenAsync(token!) : Task.FromResult<NotificationPreferences?>(null);

    // ---- digests ----

    /// <summary>Sends each member's hourly or daily digest once it is due; returns how many were sent.</summary>
    public async Task<int> SendDueDigestsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var sent = 0;
        foreach (var memberId in await store.ListMembersWithPendingMailAsync(1000))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pending = await store.ListPendingMailAsync(memberId);
            if (pending.Count == 0) continue;
            var preferences = await PreferencesAsync(memberId);
            var member = await members.GetAsync(memberId);
            bool Due(Notification n) => preferences.For(n.Kind) switch
            {
                MailFrequency.Hourly => now >= Max(n.CreatedAt, preferences.LastDigestAt) + TimeSpan.FromHours(1),
                MailFrequency.Daily => now >= Max(n.CreatedAt, preferences.LastDigestAt) + TimeSpan.FromDays(1),
                _ => true, // the member changed the setting since: decide now
            };
            if (!pending.Any(Due)) continue;

            var include = pending.Where(n => preferences.For(n.Kind) is MailFrequency.Hourly or MailFrequency.Daily && !n.IsRead).ToList();
            if (member is not null && include.Count > 0)
            {
                var items = new List<(Notification, Post?)>();
                foreach (var n in include) items.Add((n, n.PostId > 0 ? await forum.GetPostAsync(n.PostId) : null));
                await mailer.SendDigestAsync(member, preferences, items);
                preferences.LastDigestAt = now;
                await store.SavePreferencesAsync(preferences);
                sent++;
            }
            foreach (var n in pending)
            {
                n.MailState = include.Contains(n) ? NotificationMailState.Sent : NotificationMailState.Skipped;
                n.Keys();
                await store.UpdateNotificationAsync(n);
            }
        }
        return sent;
    }

    private static int Rank(NotificationKind kind) => kind switch
    {
        NotificationKind.Mention => 4,
        NotificationKind.Quote => 3,
        NotificationKind.ReplyToYou => 2,
        _ => 1,
    };

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset? b) => b is { } v && v > a ? v : a;

    private Watch NewWatch(string memberId, WatchTarget target, int targetId, WatchLevel level) => new()
    {
        Id = Watch.IdOf(memberId, target, targetId),
        MemberId = memberId,
        Target = target,
        TargetId = targetId,
        TargetKey = Watch.KeyOf(target, targetId),
        Level = level,
        At = time.GetUtcNow(),
    };
}
