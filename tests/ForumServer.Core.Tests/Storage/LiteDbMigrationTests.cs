using ForumServer.Core.Forum;
using ForumServer.Storage.LiteDb;
using LiteDB;

namespace ForumServer.Core.Tests.Storage;

/// <summary>A database written before schema version 2 keeps working, and its broken numbering is repaired.</summary>
public sealed class LiteDbMigrationTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private string File => Path.Combine(_folder.Path, "forum.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Version_1_database_gets_keys_numbers_and_counters_at_start()
    {
        // What main stored before the writer lock: two replies with one number, counters off, no computed keys.
        using (var old = new LiteDatabase(new ConnectionString { Filename = File, Connection = ConnectionType.Direct }))
        {
            old.UserVersion = 1;
            old.GetCollection("categories").Insert(new BsonDocument { ["_id"] = 1, ["Name"] = "General", ["TopicCount"] = 1, ["PostCount"] = 2 });
            old.GetCollection("topics").Insert(new BsonDocument
            {
                ["_id"] = 1, ["CategoryId"] = 1, ["Title"] = "Hello", ["PostCount"] = 2, ["LastPostId"] = 2,
                ["LastPostAt"] = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), ["IsRemoved"] = false,
            });
            var posts = old.GetCollection("posts");
            foreach (var (id, number) in new[] { (1, 1), (2, 2), (3, 2) })
                posts.Insert(new BsonDocument { ["_id"] = id, ["TopicId"] = 1, ["Number"] = number, ["Markdown"] = $"p{id}", ["Html"] = $"p{id}" });
        }

        using var db = new ForumDatabase(File);
        var store = new LiteForumStore(db);

        Assert.Equal(ForumDatabase.SchemaVersion, db.Database.UserVersion);
        Assert.Equal([(1, 1), (2, 2), (3, 3)], (await store.ListPostsAsync(1, 0, 20)).Select(p => (p.Id, p.Number)));
        var topic = (await store.GetTopicAsync(1))!;
        Assert.Equal((3, 3), (topic.PostCount, topic.LastPostId));
        Assert.Equal(["Hello"], (await store.ListTopicsAsync(1, 0, 30)).Select(t => t.Title));
        Assert.Equal((1, 3), ((await store.GetCategoryAsync(1))!.TopicCount, (await store.GetCategoryAsync(1))!.PostCount));
    }
}
