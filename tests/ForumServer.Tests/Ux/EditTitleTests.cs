using System.Net;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Ux;

/// <summary>
/// The edit page of a topic's opening post also renames the topic, by the rules of a new topic's title. The tests
/// share one app; each has a member and a topic of its own.
/// </summary>
public sealed class EditTitleTests(SharedForumApp app) : IClassFixture<SharedForumApp>
{
    private readonly ForumApp _app = app;

    [Fact]
    public async Task Editing_the_opening_post_renames_the_topic_and_replies_have_no_title_field()
    {
        using var bob = await _app.NewMemberAsync("BobRename", "bob.rename@example.org");
        var topicUrl = (await bob.CreateTopicAsync(1, "Teh title", "first")).Location!;
        await bob.ReplyAsync(topicUrl, "second");
        var topic = await bob.GetAsync(topicUrl);
        var edits = topic.Document.QuerySelectorAll(".post .post-actions a[href$='/edit']").Select(a => a.GetAttribute("href")!).ToList();

        var edit = await bob.GetAsync(edits[0]);
        Assert.Equal("Teh title", edit.Document.QuerySelector("input[name='Input.Title']")!.GetAttribute("value"));
        Assert.Equal(["Forum", "General", "Teh title"], edit.Texts(".breadcrumbs a"));
        Assert.Null((await bob.GetAsync(edits[1])).Document.QuerySelector("input[name='Input.Title']"));

        var saved = await bob.FollowAsync(await bob.SubmitAsync(edit, "form.editor", new() { ["Input.Title"] = "The title" }));
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Equal("The title", saved.Text("h1 .topic-title-text"));
        Assert.EndsWith("/the-title", new Uri(saved.Url, UriKind.RelativeOrAbsolute).OriginalString.Split('#')[0].Split('?')[0]);
        Assert.Contains("The title", (await bob.GetAsync("/c/1/general")).Texts("a.topic-title"));
    }

    [Fact]
    public async Task A_bad_title_on_the_edit_page_names_the_rule_and_changes_nothing()
    {
        using var bob = await _app.NewMemberAsync("BobKeep", "bob.keep@example.org");
        var topicUrl = (await bob.CreateTopicAsync(1, "Keep me", "first")).Location!;
        var edit = await bob.GetAsync((await bob.GetAsync(topicUrl)).Document.QuerySelector(".post .post-actions a[href$='/edit']")!.GetAttribute("href")!);

        var empty = await bob.SubmitAsync(edit, "form.editor", new() { ["Input.Title"] = "  ", ["Input.Body"] = "changed" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal("Title is required.", empty.Text("[data-valmsg-for='Input.Title']"));
        var tooLong = await bob.SubmitAsync(edit, "form.editor", new() { ["Input.Title"] = new string('x', 201) });
        Assert.Equal("Title must be at most 200 characters (it has 201).", tooLong.Text("[data-valmsg-for='Input.Title']"));

        var page = await bob.GetAsync(topicUrl);
        Assert.Equal("Keep me", page.Text("h1 .topic-title-text"));
        Assert.Equal("first", page.Text(".post .post-body"));
    }
}
