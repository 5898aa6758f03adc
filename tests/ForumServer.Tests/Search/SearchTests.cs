using System.Net;
using AngleSharp.Html.Dom;
using ForumServer.Core.Forum;
using ForumServer.Core.Search;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Moderation;
using Microsoft.Extensions.DependencyInjection;

namespace ForumServer.Tests.Search;

public sealed class SearchTests : IDisposable
{
    private readonly SearchApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Newcomer_types_a_word_from_an_old_post_into_the_header_box_and_lands_on_that_post()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var (topicUrl, _) = await alice.TopicAsync("Printer trouble", "My printer prints blank pages.");
        for (var i = 2; i <= 22; i++) await alice.ReplyIdAsync(topicUrl, $"Reply number {i} about toner.");
        var answerId = await alice.ReplyIdAsync(topicUrl, "Fixed it: the **cartridge** seal was still on.");

        // The box is on every page, a labelled plain GET form that needs no script.
        using var anon = _app.NewBrowser();
        foreach (var url in new[] { "/", topicUrl, "/lists", "/account/login" })
        {
            var page = await anon.GetAsync(url);
            var form = Assert.IsAssignableFrom<IHtmlFormElement>(page.Document.QuerySelector("header form[role=search]"));
            Assert.Equal("get", form.Method);
            Assert.Equal("/search", form.GetAttribute("action"));
            var input = (IHtmlInputElement)form.QuerySelector("input[name=q]")!;
            Assert.NotNull(page.Document.QuerySelector($"label[for={input.Id}]"));
        }

        var results = await anon.SearchAsync("cartridge");
        Assert.Equal(["Printer trouble"], results.Titles());
        Assert.Equal(["Alice"], results.Authors());
        Assert.Equal("cartridge", results.Text(".excerpt mark"));
        Assert.Equal("General", results.Text(".search-result .category"));
        var link = results.Document.QuerySelector(".result-title")!.GetAttribute("href")!;
        Assert.EndsWith($"?page=2#post-{answerId}", link);

        var landed = await anon.GetAsync(link.Split('#')[0]);
        Assert.Equal(HttpStatusCode.OK, landed.Status);
        Assert.Contains("cartridge", landed.Text($"#post-{answerId} .post-body"));
    }

    [Fact]
    public async Task Each_filter_and_the_newest_order_narrow_results()
    {
        using var ada = await _app.NewMemberAsync("Ada Lovelace", "ada@example.org");
        using var bob = await _app.NewMemberAsync("Bob", "bob@example.org");
        using (var scope = _app.Services.CreateScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<ForumService>().CreateCategoryAsync("Hardware help", "")).Succeeded);
        var (generalUrl, _) = await ada.TopicAsync("Backup strategy", "How do you backup your disks?");
        await ada.TopicAsync("Disk questions", "Another backup question, in hardware.", categoryId: 2);
        await bob.ReplyIdAsync(generalUrl, "I backup every night to tape.");

        using var anon = _app.NewBrowser();
        Assert.Equal(3, (await anon.SearchAsync("backup")).Titles().Length);
        Assert.Equal(["Disk questions"], (await anon.SearchAsync("backup category:hardware-help")).Titles());
        Assert.Equal(["Hardware help"], (await anon.SearchAsync("backup category:hardware-help")).Texts(".search-result .category"));
        Assert.Equal(["Bob"], (await anon.SearchAsync("backup author:bob")).Authors());
        Assert.Equal(["Ada Lovelace", "Ada Lovelace"], (await anon.SearchAsync("backup author:\"Ada Lovelace\"")).Authors());
        Assert.Empty((await anon.SearchAsync("backup author:Nobody")).Titles());

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd");
        Assert.Equal(3, (await anon.SearchAsync($"backup before:{tomorrow} after:{yesterday}")).Titles().Length);
        Assert.Empty((await anon.SearchAsync($"backup before:{today}")).Titles());
        Assert.Empty((await anon.SearchAsync($"backup after:{today}")).Titles());

        Assert.Equal(["Backup strategy"], (await anon.SearchAsync("backup in:title")).Titles());
        Assert.Empty((await anon.SearchAsync("tape in:title")).Titles());

        var newest = await anon.SearchAsync("backup", "&sort=new");
        Assert.Equal(["Bob", "Ada Lovelace", "Ada Lovelace"], newest.Authors());
        Assert.Equal(["Backup strategy", "Disk questions", "Backup strategy"], newest.Titles());
        Assert.Equal(["Backup strategy"], (await anon.SearchAsync("\"every night\" -strategy")).Titles());
        Assert.Equal(["Disk questions"], (await anon.SearchAsync("backup -night -strategy")).Titles());
    }

    [Fact]
    public async Task Stemming_follows_the_authors_language()
    {
        using var en = await _app.NewMemberAsync("Emma", "emma@example.org");
        using var it = await _app.NewMemberAsync("Giulia", "giulia@example.org");
        using var de = await _app.NewMemberAsync("Hans", "hans@example.org");
        foreach (var (browser, language) in new[] { (it, "it"), (de, "de") })
        {
            var settings = await browser.GetAsync("/account/settings");
            Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync(settings, "form.language", new() { ["Input.Language"] = language })).Status);
        }
        await en.TopicAsync("Driver", "I was installing the driver yesterday.");
        await it.TopicAsync("Stampante", "Come installare la stampante in rete?");
        await de.TopicAsync("Drucker", "Die Häuser haben alle einen Drucker.");

        using var anon = _app.NewBrowser();
        Assert.Equal(["Driver"], (await anon.SearchAsync("installed")).Titles());
        Assert.Equal(["Stampante"], (await anon.SearchAsync("Installazione")).Titles());
        Assert.Equal(["Drucker"], (await anon.SearchAsync("Haus")).Titles());
        Assert.Equal("installare", (await anon.SearchAsync("installazione")).Text(".excerpt mark"));
    }

    [Fact]
    public async Task Edit_updates_the_excerpt_and_the_old_words_stop_matching()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var (topicUrl, _) = await alice.TopicAsync("Keys", "Opening words");
        var replyId = await alice.ReplyIdAsync(topicUrl, "My password is hunter2 oops");
        var edit = await alice.GetAsync($"/p/{replyId}/edit");
        await alice.SubmitAsync(edit, "form.editor", new() { ["Input.Body"] = "Use a passphrase manager instead." });

        using var anon = _app.NewBrowser();
        Assert.Empty((await anon.SearchAsync("hunter2")).Titles());
        var found = await anon.SearchAsync("passphrase");
        Assert.Equal(["Use a passphrase manager instead."], found.Excerpts());
        Assert.DoesNotContain("hunter2", found.Html);
    }

    [Fact]
    public async Task Removed_post_topic_and_account_are_gone_from_results_at_once_and_anonymized_posts_show_the_former_member()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var carol = await _app.NewMemberAsync("Carol", "carol@example.org");
        using var dave = await _app.NewMemberAsync("Dave", "dave@example.org");
        using var mod = await _app.NewModeratorAsync("Mona", "mona@example.org");
        var (topicUrl, topicId) = await alice.TopicAsync("Zebra facts", "Zebras are striped.");
        var ownId = await alice.ReplyIdAsync(topicUrl, "A zebra regret I will delete.");
        var modId = await carol.ReplyIdAsync(topicUrl, "Spam zebra offer.");
        var (otherUrl, _) = await mod.TopicAsync("Other", "Staff note about zebra crossings.");
        await carol.ReplyIdAsync(otherUrl, "Carol's zebra thoughts.");
        await dave.ReplyIdAsync(otherUrl, "Dave's zebra thoughts.");

        using var anon = _app.NewBrowser();
        Assert.Equal(6, (await anon.SearchAsync("zebra")).Titles().Length);

        var topic = await alice.GetAsync(topicUrl);
        var confirmDelete = await alice.GetAsync(topic.Document.QuerySelector($"#post-{ownId} .post-actions a.delete")!.GetAttribute("href")!);
        await alice.SubmitAsync(confirmDelete, ".delete-confirm form");
        var afterOwn = await anon.SearchAsync("zebra");
        Assert.Equal(5, afterOwn.Titles().Length);
        Assert.DoesNotContain("regret", afterOwn.Html);

        await mod.SubmitAsync(await mod.GetAsync($"/moderation/posts/{modId}"), "form.remove-post");
        Assert.Empty((await anon.SearchAsync("spam")).Titles());

        await mod.SubmitAsync(await mod.GetAsync($"/moderation/topics/{topicId}"), "form.remove-topic");
        Assert.Empty((await anon.SearchAsync("striped")).Titles());
        Assert.Equal(["Other", "Other", "Other"], (await anon.SearchAsync("zebra")).Titles());

        var carolId = await _app.MemberIdAsync("carol@example.org");
        await mod.SubmitAsync(await mod.GetAsync($"/moderation/members/{carolId}"), "form.remove-account", new() { ["mode"] = "DeleteContent" });
        var afterDelete = await anon.SearchAsync("zebra");
        Assert.Equal(2, afterDelete.Titles().Length);
        Assert.DoesNotContain("Carol", afterDelete.Html);

        var daveId = await _app.MemberIdAsync("dave@example.org");
        await mod.SubmitAsync(await mod.GetAsync($"/moderation/members/{daveId}"), "form.remove-account", new() { ["mode"] = "Anonymize" });
        var anonymized = await anon.SearchAsync("zebra thoughts");
        Assert.Equal(["former member"], anonymized.Authors());
        Assert.Empty((await anon.SearchAsync("zebra author:Dave")).Titles());
        Assert.Equal(["former member"], (await anon.SearchAsync("zebra author:\"former member\"")).Authors());
    }

    [Fact]
    public async Task A_private_email_never_appears_in_results()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice.secret@example.org");
        await alice.TopicAsync("Mail setup", "Alice explains the mail setup.");

        using var bob = await _app.NewMemberAsync("Bob", "bob@example.org");
        foreach (var q in new[] { "mail", "alice", "author:Alice", "setup" })
            Assert.DoesNotContain("alice.secret", (await bob.SearchAsync(q)).Html, StringComparison.OrdinalIgnoreCase);
        // Searching for the address itself (echoed back in the box) finds nothing by it.
        foreach (var q in new[] { "alice.secret", "example.org", "secret" })
            Assert.Empty((await bob.SearchAsync(q)).Titles());
        Assert.Equal(["Alice"], (await bob.SearchAsync("mail")).Authors());
    }

    [Theory]
    [InlineData("a AND (b")]
    [InlineData("\"unbalanced quote")]
    [InlineData("*:* OR title:x~2 ^3 [a TO z] \\ /regex/")]
    [InlineData("(((")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Malformed_queries_get_results_never_an_error(string query)
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        await alice.TopicAsync("Unbalanced", "An unbalanced quote and a b title x script alert.");
        using var anon = _app.NewBrowser();
        var page = await anon.SearchAsync(query);
        Assert.Equal("", page.Message());
        Assert.NotNull(page.Document.QuerySelector(".search-summary"));
        Assert.Null(page.Document.QuerySelector(".search-result script"));
    }

    [Fact]
    public async Task Queries_that_cannot_run_get_a_clear_message()
    {
        using var anon = _app.NewBrowser();
        Assert.Equal("A search can be at most 200 characters long (this one has 201).", (await anon.SearchAsync(new string('x', 201))).Message());
        var many = string.Join(' ', Enumerable.Range(1, 21).Select(i => $"w{i}"));
        Assert.Equal("A search can have at most 20 terms (this one has 21).", (await anon.SearchAsync(many)).Message());
        Assert.Equal("Add at least one word to search for: excluded words alone match nothing.", (await anon.SearchAsync("-windows")).Message());
        Assert.Equal("Write dates as YYYY-MM-DD, for example before:2024-03-31.", (await anon.SearchAsync("x before:31/03/2024")).Message());
        Assert.StartsWith("There is no category “nowhere”.", (await anon.SearchAsync("x category:nowhere")).Message());

        var empty = await anon.SearchAsync("");
        Assert.Equal("", empty.Message());
        Assert.Null(empty.Document.QuerySelector(".search-summary"));

        foreach (var page in new[] { "0", "-1", "51" })
            Assert.Equal(HttpStatusCode.NotFound, (await anon.Client.GetAsync($"/search?q=x&page={page}")).StatusCode);
        foreach (var page in new[] { "abc", "999999999999" })
            Assert.True((int)(await anon.Client.GetAsync($"/search?q=x&page={page}")).StatusCode < 500);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.Client.GetAsync("/search?q=nothingmatches&page=2")).StatusCode);
    }

    [Fact]
    public async Task Results_are_paged_twenty_at_a_time()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var (topicUrl, _) = await alice.TopicAsync("Pages", "paging word 1");
        for (var i = 2; i <= 25; i++) await alice.ReplyIdAsync(topicUrl, $"paging word {i}");

        using var anon = _app.NewBrowser();
        var first = await anon.SearchAsync("paging");
        Assert.Equal(20, first.Titles().Length);
        Assert.Contains("25", first.Text(".search-summary"));
        var next = first.Document.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        var second = await anon.GetAsync(next);
        Assert.Equal(5, second.Titles().Length);
        Assert.Null(second.Document.QuerySelector(".pager a[rel=next]"));
    }

    [Fact]
    public async Task The_box_and_the_messages_come_in_the_visitors_language()
    {
        using var visitor = _app.NewBrowser();
        visitor.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        var page = await visitor.SearchAsync("-windows");
        Assert.Equal("Geben Sie mindestens ein Suchwort an: ausgeschlossene Wörter allein finden nichts.", page.Message());
        Assert.Equal("Forum durchsuchen", page.Text("header form[role=search] label"));
        Assert.Equal("Eine Suche darf höchstens 200 Zeichen lang sein (diese hat 250).", (await visitor.SearchAsync(new string('x', 250))).Message());
    }

    [Fact]
    public async Task A_moved_topic_is_found_under_its_new_category()
    {
        using var mod = await _app.NewModeratorAsync("Mona", "mona@example.org");
        using (var scope = _app.Services.CreateScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<ForumService>().CreateCategoryAsync("Archive", "")).Succeeded);
        var (topicUrl, topicId) = await mod.TopicAsync("Wandering topic", "Nomad words here.");
        await mod.ReplyIdAsync(topicUrl, "More nomad words.");

        using var anon = _app.NewBrowser();
        Assert.Equal(2, (await anon.SearchAsync("nomad category:general")).Titles().Length);
        await mod.SubmitAsync(await mod.GetAsync($"/moderation/topics/{topicId}"), "form.move", new() { ["categoryId"] = "2" });
        Assert.Empty((await anon.SearchAsync("nomad category:general")).Titles());
        var moved = await anon.SearchAsync("nomad category:archive");
        Assert.Equal(2, moved.Titles().Length);
        Assert.Equal(["Archive", "Archive"], moved.Texts(".search-result .category"));
    }

    [Fact]
    public async Task Replies_posted_in_parallel_are_all_found_while_others_search()
    {
        var members = new List<TestBrowser>();
        for (var i = 0; i < 4; i++) members.Add(await _app.NewMemberAsync($"Writer{i}", $"writer{i}@example.org"));
        var (topicUrl, _) = await members[0].TopicAsync("Busy topic", "Start of the busy topic.");
        using var reader = _app.NewBrowser();

        var writes = members.SelectMany((m, i) => Enumerable.Range(0, 8).Select(n => (m, Text: $"parallelword reply w{i}n{n}")))
            .Select(w => Task.Run(() => w.m.ReplyIdAsync(topicUrl, w.Text))).ToList();
        var reads = Enumerable.Range(0, 8).Select(_ => Task.Run(() => reader.SearchAsync("parallelword"))).ToList();
        await Task.WhenAll(writes);
        foreach (var read in reads) Assert.Equal(HttpStatusCode.OK, (await read).Status);

        var found = await reader.SearchAsync("parallelword");
        Assert.Contains("32", found.Text(".search-summary"));
        foreach (var m in members) m.Dispose();
    }
}
