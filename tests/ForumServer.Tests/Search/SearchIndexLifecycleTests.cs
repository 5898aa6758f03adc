using System.Net;
using ForumServer.Core.Search;
using ForumServer.Search;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Moderation;

namespace ForumServer.Tests.Search;

public sealed class SearchIndexLifecycleTests
{
    [Fact]
    public async Task A_missing_index_is_rebuilt_at_start_and_the_rebuild_command_refills_it()
    {
        // Not named forumserver-app-*: the first app would delete such a folder when disposed.
        var folder = Directory.CreateTempSubdirectory("forumserver-search-").FullName;
        try
        {
            using (var first = new SearchApp(dataFolder: folder))
            {
                using var alice = await first.NewMemberAsync("Alice", "alice@example.org");
                await alice.TopicAsync("Old knowledge", "The answer is forty-two.");
                await alice.TopicAsync("More knowledge", "Another answer here.");
            }
            Directory.Delete(Path.Combine(folder, "search"), recursive: true);

            using (var second = new SearchApp(dataFolder: folder))
            {
                using var anon = second.NewBrowser();
                await Until(async () => (await anon.SearchAsync("answer")).Titles().Length == 2);
                Assert.Equal(["Old knowledge"], (await anon.SearchAsync("forty")).Titles());

                // The command as `-- search rebuild` runs it (it closes the index when done).
                var output = new StringWriter();
                var previous = Console.Out;
                Console.SetOut(output);
                try { Assert.Equal(0, await SearchCommand.RunAsync(second.Services, ["search", "rebuild"])); }
                finally { Console.SetOut(previous); }
                Assert.Contains("Search index rebuilt: 2 posts.", output.ToString());
            }

            // The rebuilt index was committed whole: the next start uses it as it is.
            using var third = new SearchApp(dataFolder: folder);
            Assert.False(third.Service<ISearchIndex>().NeedsRebuild);
            Assert.Equal(2, third.Service<ISearchIndex>().Stats().Documents);
            using var reader = third.NewBrowser();
            Assert.Equal(2, (await reader.SearchAsync("answer")).Titles().Length);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Searches_beyond_the_per_client_limit_get_a_clear_refusal()
    {
        using var app = new SearchApp(new() { ["Search:RequestsPerMinute"] = "3" });
        using var anon = app.NewBrowser();
        for (var i = 0; i < 3; i++) await anon.SearchAsync("anything");
        var refused = await anon.Client.GetAsync("/search?q=anything");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Too many searches from your address. Wait a minute and try again.", await refused.Content.ReadAsStringAsync());
        // Other pages are not limited by searching.
        Assert.Equal(HttpStatusCode.OK, (await anon.Client.GetAsync("/")).StatusCode);
    }

    /// <summary>Waits for a condition the app reaches on its own (the start-up rebuild), not for a fixed time.</summary>
    private static Task Until(Func<Task<bool>> condition) =>
        Eventually.UntilAsync(condition, TimeSpan.FromSeconds(30), () => "The condition was not reached in 30 s.");
}
