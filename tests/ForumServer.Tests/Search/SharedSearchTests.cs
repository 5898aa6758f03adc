using System.Net;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.ScaleOut;

namespace ForumServer.Tests.Search;

/// <summary>With PostgreSQL storage, search is PostgreSQL full-text search: every server finds what any server indexed.</summary>
public sealed class SharedSearchTests
{
    [ScaleOutFact]
    public async Task Posts_written_on_one_server_are_found_on_the_other_with_excerpts_and_filters()
    {
        await using var cluster = await ScaleOutCluster.CreateAsync();
        var nodes = await Task.WhenAll(cluster.StartAsync("a"), cluster.StartAsync("b"));
        var (a, b) = (nodes[0], nodes[1]);
        using var onA = await cluster.NewMemberAsync(a, new CookieContainer(), "Alice", "alice@example.org");
        var topicPath = (await onA.CreateTopicAsync(1, "Printer troubles", "The printer stopped installing its drivers.")).Location!;
        Assert.Equal(HttpStatusCode.Redirect, (await onA.ReplyAsync(topicPath, "Installing the spooler again helped me.")).Status);

        using var readerOnB = b.Browser();
        var found = await readerOnB.SearchAsync("install");
        Assert.Equal(["Printer troubles", "Printer troubles"], found.Titles());
        Assert.Contains(found.Excerpts(), e => e.Contains("installing"));
        Assert.DoesNotContain("alice@example.org", found.Html);
        Assert.Equal(["Printer troubles"], (await readerOnB.SearchAsync("spooler")).Titles());

        using var readerOnA = a.Browser();
        Assert.Equal(["Printer troubles"], (await readerOnA.SearchAsync("printer in:title")).Titles());
    }
}
