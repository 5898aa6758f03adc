using System.Net;
using ForumServer.Core.Curation;
using ForumServer.Core.Forum;
using ForumServer.Core.Moderation;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Moderation;

namespace ForumServer.Tests.Community;

/// <summary>Accepted answers and pinned topics.</summary>
public sealed class CurationTests : IDisposable
{
    private readonly TimedForumApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Only_the_topic_author_or_a_moderator_marks_a_reply_as_answer_and_only_in_question_categories()
    {
        using var admin = await _app.NewAdministratorAsync("Admin", "admin@example.org");
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var bob = await _app.NewMemberAsync("Bob", "bob@example.org");
        using var carol = await _app.NewMemberAsync("Carol", "carol@example.org");
        using var mo = await _app.NewModeratorAsync("Mo", "mo@example.org");
        var topic = (await alice.CreateTopicAsync(1, "How do I start?", "Question.")).Location!;
        await bob.ReplyAsync(topic, "Run `dotnet run`.");
        await carol.ReplyAsync(topic, "Read the README.");
        var ids = (await alice.GetAsync(topic)).PostIds();
        var (first, bobs, carols) = (ids[0], ids[1], ids[2]);

        // Not a questions category yet: no button, and a forged post is refused.
        Assert.Null((await alice.GetAsync(topic)).Document.QuerySelector("form.accept-form"));
        var early = await alice.PostFormAsync($"/p/{bobs}/accept", new() { ["accept"] = "true" });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("only in question categories", await early.Content.ReadAsStringAsync());

        var categories = await admin.GetAsync("/admin/categories");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(categories, "form.questions-form")).Status);
        Assert.True((await _app.Service<IForumStore>().GetCategoryAsync(1))!.IsQuestions);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PostFormAsync("/admin/categories/1/questions", new() { ["questions"] = "false" })).StatusCode);

        // Other members may not; the author may not mark the question itself.
        Assert.Null((await carol.GetAsync(topic)).Document.QuerySelector("form.accept-form"));
        Assert.Equal(HttpStatusCode.Forbidden, (await carol.PostFormAsync($"/p/{carols}/accept", new() { ["accept"] = "true" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.PostFormAsync($"/p/{first}/accept", new() { ["accept"] = "true" })).StatusCode);
        Assert.False((await _app.Service<IForumStore>().GetTopicAsync(TopicId(topic)))!.IsSolved);

        var page = await alice.GetAsync(topic);
        var accepted = await alice.SubmitAsync(page, $"#post-{bobs} form.accept-form");
        Assert.Equal(HttpStatusCode.Redirect, accepted.Status);
        using var anon = _app.NewBrowser();
        var shown = await anon.GetAsync(topic);
        var box = shown.Document.QuerySelector($"#post-{first} .accepted-answer")!;
        Assert.Contains("Run", box.QuerySelector(".post-body")!.TextContent);
        Assert.EndsWith($"#post-{bobs}", box.QuerySelector("a.go-to-answer")!.GetAttribute("href"));
        Assert.Equal("Bob", box.QuerySelector(".author")!.TextContent);
        Assert.NotNull(shown.Document.QuerySelector($"#post-{bobs} .answer-mark"));
        Assert.NotNull((await anon.GetAsync("/")).Document.QuerySelector(".topic-row.solved .badge.solved"));
        var bobId = await _app.MemberIdAsync("bob@example.org");
        Assert.Equal("1 accepted answer", (await anon.GetAsync($"/u/{bobId}/bob")).Text(".stat-answers"));

        // A moderator moves the mark to another reply.
        Assert.Equal(HttpStatusCode.Redirect, (await mo.PostFormAsync($"/p/{carols}/accept", new() { ["accept"] = "true" })).StatusCode);
        Assert.Equal(carols, (await _app.Service<IForumStore>().GetTopicAsync(TopicId(topic)))!.AcceptedPostId);
    }

    [Fact]
    public async Task Moderators_pin_topics_to_their_category_or_the_front_page_until_a_date()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var mo = await _app.NewModeratorAsync("Mo", "mo@example.org");
        var rules = (await alice.CreateTopicAsync(1, "Forum rules", "Be kind.")).Location!;
        _app.Time.Advance(TimeSpan.FromMinutes(1));
        var news = (await alice.CreateTopicAsync(1, "Big news", "Read this.")).Location!;
        _app.Time.Advance(TimeSpan.FromMinutes(1));
        await alice.CreateTopicAsync(1, "Latest chatter", "Hi.");

        using var anon = _app.NewBrowser();
        Assert.Equal(["Latest chatter", "Big news", "Forum rules"], (await anon.GetAsync("/c/1/general")).Texts(".topic-title"));

        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync($"/t/{TopicId(rules)}/pin")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PostFormAsync($"/t/{TopicId(rules)}/pin", new() { ["scope"] = "Global" })).StatusCode);

        var form = await mo.GetAsync($"/t/{TopicId(rules)}/pin");
        Assert.Equal(HttpStatusCode.Redirect, (await mo.SubmitAsync(form, "form.pin-form", new() { ["scope"] = "Category" })).Status);
        var until = _app.Time.GetUtcNow().AddDays(2).ToString("yyyy-MM-dd");
        form = await mo.GetAsync($"/t/{TopicId(news)}/pin");
        Assert.Equal(HttpStatusCode.Redirect, (await mo.SubmitAsync(form, "form.pin-form", new() { ["scope"] = "Global", ["until"] = until })).Status);

        var category = await anon.GetAsync("/c/1/general");
        Assert.Equal(2, category.Document.QuerySelectorAll(".pinned-topics .topic-row").Length);
        Assert.Equal(["Latest chatter"], category.Texts(".topic-list:not(.pinned-topics) .topic-title"));
        var front = await anon.GetAsync("/");
        Assert.Equal(["Big news"], front.Texts(".pinned-topics .topic-title"));
        Assert.Equal("Big news", front.Texts(".topic-title").First());

        // Bad input: a date in the past or not a date is refused and nothing changes.
        form = await mo.GetAsync($"/t/{TopicId(rules)}/pin");
        var past = await mo.SubmitAsync(form, "form.pin-form", new() { ["scope"] = "Global", ["until"] = "2001-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, past.Status);
        Assert.Contains("must be in the future", past.Text(".errors"));
        var garbage = await mo.SubmitAsync(form, "form.pin-form", new() { ["scope"] = "Global", ["until"] = "next tuesday" });
        Assert.Equal(HttpStatusCode.BadRequest, garbage.Status);
        var nonsense = await mo.SubmitAsync(form, "form.pin-form", new() { ["scope"] = "Sideways" });
        Assert.Equal(HttpStatusCode.BadRequest, nonsense.Status);
        Assert.Contains("Choose where the topic is pinned.", nonsense.Text(".errors"));
        Assert.Equal(Core.Forum.PinScope.Category, (await _app.Service<IForumStore>().GetTopicAsync(TopicId(rules)))!.Pin);
        Assert.Contains(await _app.Service<IModerationStore>().ListAuditAsync(0, 20), a => a.Action == CurationService.PinAction);

        // The front-page pin ends at its date.
        _app.Time.Advance(TimeSpan.FromDays(3));
        Assert.Empty((await alice.GetAsync("/")).Texts(".pinned-topics .topic-title")); // signed in: never a cached page
    }

    private static int TopicId(string url) => int.Parse(url.Split('/')[2]);
}
