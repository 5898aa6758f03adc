using System.Net;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Forum;

/// <summary>After members register and post, no page anyone else can see carries their email address.</summary>
public sealed class PrivacyTests : IDisposable
{
    private readonly ForumApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task No_public_page_and_no_page_seen_by_another_member_contains_a_members_email()
    {
        const string aliceEmail = "alice.private@example.org", bobEmail = "bob.private@example.org";
        using var alice = await _app.NewMemberAsync("Alice", aliceEmail);
        using var bob = await _app.NewMemberAsync("Bob", bobEmail);
        var topicUrl = (await alice.CreateTopicAsync(1, "Hello", "Alice writes")).Location!;
        await bob.ReplyAsync(topicUrl, "Bob answers");

        // The owner sees their own address on their settings page: the check below can fail.
        Assert.Contains(aliceEmail, (await alice.GetAsync("/account/settings")).Html);

        using var anon = _app.NewBrowser();
        var pages = await CrawlAsync(anon, "/");
        Assert.Contains(topicUrl, pages.Keys);
        Assert.True(pages.Count >= 4, $"crawled only {string.Join(", ", pages.Keys)}");
        foreach (var (url, html) in pages)
        {
            Assert.DoesNotContain(aliceEmail, html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(bobEmail, html, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var (url, html) in await CrawlAsync(bob, "/"))
            Assert.DoesNotContain(aliceEmail, html, StringComparison.OrdinalIgnoreCase);

        // Members cannot open the administrators' member list, which does show addresses.
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync("/admin/members")).Status);
    }

    /// <summary>Follows every same-site link from <paramref name="start"/>, skipping sign-out.</summary>
    private static async Task<Dictionary<string, string>> CrawlAsync(TestBrowser browser, string start)
    {
        var seen = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0 && seen.Count < 60)
        {
            var url = queue.Dequeue();
            if (seen.ContainsKey(url)) continue;
            var page = await browser.GetAsync(url);
            seen[url] = page.Html;
            foreach (var a in page.Document.QuerySelectorAll("a[href]"))
            {
                var href = a.GetAttribute("href")!.Split('#')[0];
                if (href.StartsWith('/') && !href.StartsWith("//") && !href.Contains("logout") && !seen.ContainsKey(href))
                    queue.Enqueue(href);
            }
        }
        return seen;
    }
}
