using ForumServer.Core.Notifications;
using ForumServer.Storage.LiteDb;
using LiteDB;

namespace ForumServer.Core.Tests.Storage;

/// <summary>
/// The notifications page of a member is one closed range of the MemberOrder index read backwards (no sort in the
/// engine, no other member's rows read), and version 2 databases get that key at start.
/// </summary>
public sealed class LiteNotificationStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private string File => Path.Combine(_folder.Path, "forum.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Notifications_page_reads_the_member_order_index_backwards_in_one_range()
    {
        using var db = new ForumDatabase(File);
        var plan = new LiteNotificationStore(db).NotificationsOf("m1").Skip(20).Limit(20).GetPlan();
        Assert.False(plan.ContainsKey("orderBy"), $"sorts in memory: {plan}");
        Assert.Equal("$.MemberOrder", plan["index"]["expr"].AsString);
        Assert.StartsWith("INDEX RANGE SCAN", plan["index"]["mode"].AsString);
        Assert.Equal(-1, plan["index"]["order"].AsInt32);
        Assert.False(plan.ContainsKey("filters"), $"reads past the range: {plan}");
    }

    [Fact]
    public async Task Pages_are_newest_first_per_member_across_batches()
    {
        using var db = new ForumDatabase(File);
        var store = new LiteNotificationStore(db);
        for (var batch = 0; batch < 3; batch++)
            await store.AddNotificationsAsync(Enumerable.Range(0, 10).Select(i => new Notification
            {
                MemberId = i % 2 == 0 ? "m1" : "m10", Kind = NotificationKind.Reply, TopicId = batch * 10 + i, CreatedAt = DateTimeOffset.UtcNow,
            }).ToList());

        var all = await store.ListNotificationsAsync("m1", 0, 100);
        Assert.Equal(15, all.Count);
        Assert.All(all, n => Assert.Equal("m1", n.MemberId)); // "m10" shares the prefix "m1", not the range
        Assert.Equal(all.Select(n => n.Id).OrderDescending(), all.Select(n => n.Id));
        Assert.Equal([28, 26, 24, 22, 20], (await store.ListNotificationsAsync("m1", 0, 5)).Select(n => n.TopicId));
        Assert.Equal([18, 16, 14, 12, 10], (await store.ListNotificationsAsync("m1", 5, 5)).Select(n => n.TopicId));
        Assert.Equal(15, await store.CountNotificationsAsync("m10"));
        Assert.Empty(await store.ListNotificationsAsync("m", 0, 100));
    }

    [Fact]
    public async Task Version_2_notifications_get_their_order_key_at_start()
    {
        using (var old = new LiteDatabase(new ConnectionString { Filename = File, Connection = ConnectionType.Direct }))
        {
            old.UserVersion = 2;
            var notifications = old.GetCollection("notifications");
            foreach (var id in new[] { 1, 2, 3 })
                notifications.Insert(new BsonDocument { ["_id"] = id, ["MemberId"] = "m1", ["Kind"] = "Reply", ["TopicId"] = id, ["MemberUnread"] = "m1|0" });
        }

        using var db = new ForumDatabase(File);
        var store = new LiteNotificationStore(db);
        Assert.Equal(ForumDatabase.SchemaVersion, db.Database.UserVersion);
        Assert.Equal([3, 2, 1], (await store.ListNotificationsAsync("m1", 0, 10)).Select(n => n.Id));
        await store.AddNotificationsAsync([new Notification { MemberId = "m1", Kind = NotificationKind.Mention }]);
        Assert.Equal(4, (await store.ListNotificationsAsync("m1", 0, 1)).Single().Id);
    }
}
