using System.Net;
using ForumServer.Core.Moderation;
using ForumServer.Core.Notifications;
using ForumServer.Core.Tests.Storage.PostgreSql;
using ForumServer.Tests.Community;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Lists;

namespace ForumServer.Tests.ScaleOut;

/// <summary><c>storage copy --to-postgresql</c> moves a LiteDB forum into PostgreSQL, as an operator runs it.</summary>
public sealed class StorageCopyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("forumserver-copy-").FullName;
    private readonly string _pgFolder = Directory.CreateTempSubdirectory("forumserver-copy-pg-").FullName;

    [PostgresFact]
    public async Task Copy_moves_members_posts_and_lists_into_an_empty_database_where_the_member_signs_in_and_posts_on()
    {
        string topicPath;
        using (var app = new ForumApp(dataFolder: _folder))
        {
            using var alice = await app.NewMemberAsync("Alice", "alice@example.org");
            topicPath = (await alice.CreateTopicAsync(1, "Moving house", "Packed and ready.")).Location!;
            Assert.Equal(HttpStatusCode.Redirect, (await alice.ReplyAsync(topicPath, "Boxes labelled.")).Status);
            await app.AddConfirmedAsync("news", ["reader@example.org"]);
            await app.Service<IModerationStore>().AppendAuditAsync(new AuditEntry
            { At = DateTimeOffset.UtcNow, ActorId = "mod", Action = "test", ItemType = "post", ItemId = "1" });
            Assert.Equal(HttpStatusCode.OK, (await alice.PostFormAsync("/composer/draft", new() { ["key"] = "c1", ["body"] = "A draft that moves" })).StatusCode);
            await ListTestKit.WaitUntilAsync(async () => await app.Service<INotificationStore>().GetWatchAsync(
                await app.MemberIdAsync("alice@example.org"), WatchTarget.Topic, int.Parse(topicPath.Split('/')[2])) is not null);
        }
        await using var database = await TestPostgres.CreateDatabaseAsync();

        var copied = await RunAsync("storage", "copy", "--to-postgresql", database.ConnectionString);
        Assert.Equal(0, copied.ExitCode);
        foreach (var line in new[] { "members", "categories", "topics", "posts", "subscriptions", "audit", "watches", "read_positions", "drafts" })
            Assert.Matches($@"{line}\s+[1-9]", copied.Output);
        Assert.Matches(@"posts\s+2\b", copied.Output);

        var again = await RunAsync("storage", "copy", "--to-postgresql", database.ConnectionString);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("The target database is not empty", again.Output);
        Assert.DoesNotContain("   at ", again.Output); // a sentence, not a stack trace

        var url = ServerProcess.FreeLocalUrl();
        using var server = ServerProcess.Start(_pgFolder, url, new Dictionary<string, string>
        {
            ["Storage:Provider"] = "PostgreSql", ["Storage:PostgreSql:ConnectionString"] = database.ConnectionString,
        });
        await server.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(120));
        using var browser = new TestBrowser(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) });
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("alice@example.org")).Status); // the password hash came along
        var page = await browser.GetAsync(topicPath);
        Assert.Contains("Boxes labelled.", page.Html);
        var reply = await browser.ReplyAsync(topicPath, "Unpacked on PostgreSQL.");
        Assert.Equal(HttpStatusCode.Redirect, reply.Status); // ids continue after the copied ones
        Assert.Equal(3, (await browser.GetAsync(topicPath)).Document.QuerySelectorAll("article.post").Length);
        Assert.Contains("A draft that moves", await (await browser.Client.GetAsync("/composer/draft?key=c1")).Content.ReadAsStringAsync());
    }

    [PostgresFact]
    public async Task Copy_to_an_unreachable_database_says_so_in_one_sentence()
    {
        using (new ForumApp(dataFolder: _folder)) { }

        var result = await RunAsync("storage", "copy", "--to-postgresql", "Host=127.0.0.1;Port=1;Database=nowhere;Username=forum;Timeout=3");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Cannot reach the PostgreSQL database 'nowhere' on 127.0.0.1:1", result.Output);
        Assert.DoesNotContain("   at ", result.Output);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var cli = ServerProcess.Start(_folder, ServerProcess.FreeLocalUrl(), args);
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(120)), "the command kept running:\n" + cli.Output);
        return (cli.ExitCode, cli.Output);
    }

    public void Dispose()
    {
        foreach (var folder in new[] { _folder, _pgFolder })
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
