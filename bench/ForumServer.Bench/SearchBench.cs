using System.Diagnostics;
using ForumServer.Core.Search;
using ForumServer.Search.Lucene;
using ForumServer.Storage.LiteDb;

namespace ForumServer.Bench;

/// <summary>
/// Builds the search index of the seeded database before the server starts (so no other part is measured while
/// the server rebuilds it), timing the full rebuild, then measures the bare indexing rate on a scratch index.
/// </summary>
public static class SearchBench
{
    public sealed record Built(double RebuildSeconds, int Posts, long IndexBytes, double IndexedPerSecond);

    public static async Task<Built> BuildAsync(string dataFolder, int indexingSample)
    {
        double seconds;
        SearchIndexStats stats;
        using (var db = new ForumDatabase(Path.Combine(dataFolder, "forum.db")))
        using (var index = new LuceneSearchIndex(Path.Combine(dataFolder, "search")))
        {
            var feed = new SearchFeed(index, new LiteForumStore(db), new LiteMemberStore(db));
            var sw = Stopwatch.StartNew();
            await feed.RebuildAsync(clear: true);
            seconds = sw.Elapsed.TotalSeconds;
            stats = index.Stats();
        }

        // Indexing rate: one post per call, as post events deliver them, committing every 500 like the timer would.
        var scratch = Directory.CreateTempSubdirectory("forumserver-bench-index-").FullName;
        try
        {
            using var index = new LuceneSearchIndex(scratch);
            var texts = Enumerable.Range(0, 200).Select(SampleMarkdown.Post).ToArray();
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < indexingSample; i++)
            {
                await index.IndexAsync([new SearchDocument(i + 1, i / 20 + 1, 1, i % 20 == 0, "m", "Member", "en",
                    SampleMarkdown.Title(i), texts[i % texts.Length], DateTimeOffset.UtcNow)]);
                if (i % 500 == 499) await index.FlushAsync();
            }
            await index.FlushAsync();
            var rate = indexingSample / sw.Elapsed.TotalSeconds;
            return new Built(seconds, stats.Documents, stats.SizeBytes, rate);
        }
        finally
        {
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
        }
    }
}
