using System.Diagnostics;
using ForumServer.Core.Search;
using ForumServer.Search.Lucene;
using ForumServer.Storage.LiteDb;

namespace ForumServer.Bench;

/// <summary>
/// <c>searchquery FOLDER ["set label"]</c>: the search path without HTTP, for profiling changes to the index. Seeds FOLDER once (the full
/// 200,000 posts; kept for the next run), rebuilds the index when it is missing or of another schema, then runs the
/// bench's query sets one at a time through <see cref="SearchService"/> and prints latency and CPU per query.
/// </summary>
public static class SearchQueries
{
    public static async Task RunAsync(string folder, string? only = null)
    {
        if (!File.Exists(Path.Combine(folder, "forum.db")))
        {
            Directory.CreateDirectory(folder);
            Seeder.Run(folder, 20, 10_000, 20, members: 32);
        }
        using var db = new ForumDatabase(Path.Combine(folder, "forum.db"));
        using var index = new LuceneSearchIndex(Path.Combine(folder, "search"));
        var forum = new LiteForumStore(db);
        if (index.NeedsRebuild)
        {
            var sw = Stopwatch.StartNew();
            await new SearchFeed(index, forum, new LiteMemberStore(db)).RebuildAsync(clear: true);
            Console.WriteLine($"index rebuilt in {sw.Elapsed.TotalSeconds:0.0} s");
        }
        var search = new SearchService(index, forum, new NoAuthors());
        foreach (var (label, queries, order) in QuerySets().Where(s => only is null || s.Label == only))
        {
            foreach (var q in queries.Take(20)) await search.SearchAsync(q, 1, order); // warm-up
            var times = new List<double>();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var total = 0;
            for (var i = 0; i < 400; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                total += (await search.SearchAsync(queries[i % queries.Count], 1, order)).Results.Count;
                times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / times.Count;
            // The index alone (no store checks, no page): what the index costs of the above.
            var parsed = queries.Select(q => SearchQueryParser.Parse(q).Query!).ToList();
            var cpuIndex0 = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < 400; i++)
                await index.SearchAsync(new SearchRequest(parsed[i % parsed.Count], null, null, order, 0, SearchService.ResultsPerPage));
            var cpuIndex = (Process.GetCurrentProcess().TotalProcessorTime - cpuIndex0).TotalMilliseconds / 400;
            Console.WriteLine($"{label,-36} p50 {Stats.Percentile(times, 50),7:0.00} ms  p99 {Stats.Percentile(times, 99),7:0.00} ms  CPU {cpu,6:0.00} ms/query, index alone {cpuIndex,6:0.00} ms  ({total / times.Count} results/page)");
        }
    }

    /// <summary>The query sets of the HTTP bench: 200 pairs of middle-rank words, and common words that are in every post.</summary>
    public static IEnumerable<(string Label, List<string> Queries, SearchOrder Order)> QuerySets()
    {
        var pairs = Pairs();
        yield return ("two words", pairs.Select(p => p.Replace('+', ' ')).ToList(), SearchOrder.Relevance);
        yield return ("two words, newest", pairs.Select(p => p.Replace('+', ' ')).ToList(), SearchOrder.Newest);
        yield return ("two words in every post", ["install cache", "server memory", "update disk"], SearchOrder.Relevance);
        yield return ("every post, newest", ["install cache", "server memory"], SearchOrder.Newest);
    }

    /// <summary>200 pairs of words of rank 20 to 400 in the seeded vocabulary, joined by '+' as in a URL.</summary>
    public static List<string> Pairs()
    {
        var r = new Random(17);
        return Enumerable.Range(0, 200).Select(_ => $"{SampleMarkdown.VariedWord(20 + r.Next(380))}+{SampleMarkdown.VariedWord(20 + r.Next(380))}").ToList();
    }

    private sealed class NoAuthors : IAuthorDirectory
    {
        public Task<string?> FindIdByDisplayNameAsync(string displayName) => Task.FromResult<string?>(null);
    }
}
