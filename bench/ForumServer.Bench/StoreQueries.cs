using System.Diagnostics;
using ForumServer.Core.Forum;
using ForumServer.Storage.LiteDb;

namespace ForumServer.Bench;

/// <summary>
/// `ForumServer.Bench storage`: bytes allocated and time per topic-page and category-page read, the sorting query
/// main used (TopicId index + ORDER BY Number through LiteDB's SortService) beside the index-range reads of the
/// store. Allocation per call does not depend on how busy the machine is, so it compares well on a shared box.
/// </summary>
public static class StoreQueries
{
    public static void Run(bool quick)
    {
        var data = Directory.CreateTempSubdirectory("forumserver-bench-store-").FullName;
        try
        {
            var (topics, categories) = quick ? (500, 5) : (10_000, 20);
            var seeded = Seeder.Run(data, categories, topics, 20, members: 8);
            using var db = new ForumDatabase(Path.Combine(data, "forum.db"));
            var store = new LiteForumStore(db);
            var topicId = seeded.TopicId;
            var categoryId = seeded.CategoryId;
            Console.WriteLine($"{"query",-48} {"KiB/call",10} {"µs/call",10}");
            Measure("topic page, sorted (main before)", () => db.Posts.Query()
                .Where(p => p.TopicId == topicId && p.Number > 0 && p.Number <= 20).OrderBy(p => p.Number).ToList().Count);
            Measure("topic page, index range (store)", () => store.ListPostsAsync(topicId, 0, 20).Result.Count);
            Measure("category page, sorted (main before)", () => db.Topics.Query()
                .Where(t => t.CategoryId == categoryId && !t.IsRemoved).OrderByDescending(t => t.LastPostAt).Skip(0).Limit(30).ToList().Count);
            Measure("category page, index range (store)", () => store.ListTopicsAsync(categoryId, 0, 30).Result.Count);
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static void Measure(string name, Func<int> query)
    {
        for (var i = 0; i < 50; i++) query(); // warm-up
        const int calls = 500;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++) query();
        sw.Stop();
        var kib = (GC.GetAllocatedBytesForCurrentThread() - bytes) / 1024.0 / calls;
        Console.WriteLine($"{name,-48} {kib,10:0.0} {sw.Elapsed.TotalMicroseconds / calls,10:0}");
    }
}
