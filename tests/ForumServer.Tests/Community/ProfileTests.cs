using System.Net;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Community;

/// <summary>
/// Member profiles. The tests share one app; each has members and topics of its own. The test that crawls every
/// profile is in <see cref="ProfileCrawlTests"/>, on an app of its own.
/// </summary>
public sealed class ProfileTests(SharedForumApp app) : IClassFixture<SharedForumApp>
{
    private readonly ForumApp _app = app;

    [Fact]
    public async Task Wrong_or_missing_slug_redirects_to_the_canonical_url_and_bad_input_is_not_found()
    {
        using var alice = await _app.NewMemberAsync("Alice Liddell", "alice.liddell@example.org");
        var id = await _app.MemberIdAsync("alice.liddell@example.org");
        using var anon = _app.NewBrowser();
        foreach (var url in new[] { $"/u/{id}", $"/u/{id}/wrong-name" })
        {
            var redirect = await anon.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, redirect.Status);
            Assert.Equal($"/u/{id}/alice-liddell", redirect.Location);
        }
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync($"/u/{id}/alice-liddell")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/u/nobody-at-all/x")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/u/{new string('a', 300)}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/u/{id}/alice-liddell?page=2")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/u/{id}/alice-liddell?page=-1")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/u/{id}/alice-liddell?page=99999999")).Status);
        Assert.NotEqual(HttpStatusCode.InternalServerError, (await anon.GetAsync($"/u/{id}/alice-liddell?page=abc")).Status);
    }

    [Fact]
    public async Task Author_names_in_topics_and_lists_link_to_profiles()
    {
        using var alice = await _app.NewMemberAsync("Alice Links", "alice.links@example.org");
        using var bob = await _app.NewMemberAsync("Bob Links", "bob.links@example.org");
        var topic = (await alice.CreateTopicAsync(1, "Linked names", "Hi.")).Location!;
        await bob.ReplyAsync(topic, "Hello.");
        var aliceUrl = $"/u/{await _app.MemberIdAsync("alice.links@example.org")}/alice-links";
        var bobUrl = $"/u/{await _app.MemberIdAsync("bob.links@example.org")}/bob-links";

        using var anon = _app.NewBrowser();
        var page = await anon.GetAsync(topic);
        Assert.Equal([aliceUrl, bobUrl], page.Document.QuerySelectorAll(".post .post-meta a.author").Select(a => a.GetAttribute("href")));
        var row = OwnRow(await anon.GetAsync("/"));
        var links = row.QuerySelectorAll(".meta a.author").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([aliceUrl, bobUrl], links);
        Assert.Equal("1 reply", row.QuerySelector(".reply-count")!.TextContent.Trim());
        Assert.Equal("just now", row.QuerySelector(".meta time")!.TextContent.Trim());
        Assert.EndsWith("UTC", row.QuerySelector(".meta time")!.GetAttribute("title"));

        // Plurals and relative times in the reader's language.
        foreach (var (language, reply, now) in new[] { ("it", "1 risposta", "adesso"), ("de", "1 Antwort", "gerade eben") })
        {
            using var reader = _app.NewBrowser();
            reader.Client.DefaultRequestHeaders.Add("Accept-Language", language);
            var localized = OwnRow(await reader.GetAsync("/"));
            Assert.Equal(reply, localized.QuerySelector(".reply-count")!.TextContent.Trim());
            Assert.Equal(now, localized.QuerySelector(".meta time")!.TextContent.Trim());
        }

        static AngleSharp.Dom.IElement OwnRow(TestBrowser.Page front) =>
            front.Document.QuerySelectorAll(".topic-row").Single(r => r.QuerySelector(".topic-title")!.TextContent.Trim() == "Linked names");
    }

    [Fact]
    public async Task A_member_can_hide_their_activity_list_from_others()
    {
        using var alice = await _app.NewMemberAsync("Alice Hidden", "alice.hidden@example.org");
        using var bob = await _app.NewMemberAsync("Bob Hidden", "bob.hidden@example.org");
        await alice.CreateTopicAsync(1, "Private person", "Something.");
        var settings = await alice.GetAsync("/account/profile");
        var saved = await alice.SubmitAsync(settings, "form.activity", new() { ["hideActivity"] = "true" });
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.NotNull(saved.Document.QuerySelector("form.activity input[name=hideActivity][checked]"));

        var url = $"/u/{await _app.MemberIdAsync("alice.hidden@example.org")}/alice-hidden";
        var seen = await bob.GetAsync(url);
        Assert.NotNull(seen.Document.QuerySelector(".activity-hidden"));
        Assert.DoesNotContain("Private person", seen.Html);
        Assert.Equal("1 post", seen.Text(".stat-posts"));
        Assert.Contains("Private person", (await alice.GetAsync(url)).Html);
    }
}

/// <summary>Every member's profile as another member crawls them: the test counts all members, so it has an app of its own.</summary>
public sealed class ProfileCrawlTests : IDisposable
{
    private readonly ForumApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Every_profile_crawled_by_another_member_shows_name_and_activity_but_no_email_or_ip()
    {
        using var alice = await _app.NewMemberAsync("Alice Liddell", "alice.secret@example.org");
        using var bob = await _app.NewMemberAsync("Bob", "bob.hidden@example.net");
        using var carol = await _app.NewMemberAsync("Carol", "carol.private@example.com");
        var topic = (await alice.CreateTopicAsync(1, "Hello profiles", "First post by Alice.")).Location!;
        await bob.ReplyAsync(topic, "Bob answers.");
        await carol.ReplyAsync(topic, "Carol too.");

        var members = await _app.AllMembersAsync();
        Assert.Equal(3, members.Count);
        foreach (var member in members)
        {
            var page = await bob.FollowAsync(await bob.GetAsync($"/u/{member.Id}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal(member.DisplayName, page.Text("h1.profile-name"));
            Assert.Equal("1 post", page.Text(".stat-posts"));
            foreach (var other in members)
            {
                Assert.DoesNotContain(other.Email, page.Html, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(other.Email.Split('@')[0], page.Html, StringComparison.OrdinalIgnoreCase);
                if (other.LastAccessIp is { } ip) Assert.DoesNotContain(ip, page.Html);
            }
        }
        var aliceId = await _app.MemberIdAsync("alice.secret@example.org");
        var alicePage = await bob.GetAsync($"/u/{aliceId}/alice-liddell");
        Assert.Equal(["Hello profiles"], alicePage.Texts(".profile-topics li a"));
        Assert.Equal("First post by Alice.", alicePage.Text(".profile-post .post-body"));
        Assert.Equal("1 topic", alicePage.Text(".stat-topics"));
        Assert.Equal("0 accepted answers", alicePage.Text(".stat-answers"));
    }
}
