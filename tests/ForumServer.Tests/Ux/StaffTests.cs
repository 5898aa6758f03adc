using System.Net;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Moderation;

namespace ForumServer.Tests.Ux;

/// <summary>
/// Role grants keep people signed in and take effect at once; staff are named as such beside their posts. The tests
/// share one app; each has members (and member-list rows) of its own.
/// </summary>
public sealed class StaffTests(SharedForumApp app) : IClassFixture<SharedForumApp>
{
    private readonly ForumApp _app = app;

    private static async Task<TestBrowser.Page> SubmitRowFormAsync(TestBrowser admin, string name, string formSelector)
    {
        var members = await admin.GetAsync("/admin/members");
        var row = members.Document.QuerySelectorAll("tr").First(r => r.TextContent.Contains(name));
        var form = row.QuerySelector(formSelector)!;
        form.Id = "row-form";
        return await admin.SubmitAsync(members, "#row-form");
    }

    [Fact]
    public async Task Granting_moderator_keeps_the_member_signed_in_and_their_next_request_has_the_role()
    {
        using var admin = await _app.NewAdministratorAsync("AdaGrant", "ada.grant@example.org");
        using var bob = await _app.NewMemberAsync("BobGrant", "bob.grant@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync("/moderation")).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitRowFormAsync(admin, "BobGrant", "form[action*='handler=Grant']")).Status);

        var queue = await bob.GetAsync("/moderation");
        Assert.Equal(HttpStatusCode.OK, queue.Status);
        var settings = await bob.GetAsync("/account/settings");
        Assert.Equal(HttpStatusCode.OK, settings.Status);
        Assert.Equal("bob.grant@example.org", settings.Text(".own-email"));
    }

    [Fact]
    public async Task An_administrator_granting_himself_a_role_stays_signed_in()
    {
        using var admin = await _app.NewAdministratorAsync("AdaSelf", "ada.self@example.org");

        var granted = await SubmitRowFormAsync(admin, "AdaSelf", "form.list-manager");
        Assert.Equal(HttpStatusCode.Redirect, granted.Status);

        var members = await admin.FollowAsync(granted);
        Assert.Equal(HttpStatusCode.OK, members.Status);
        var row = members.Document.QuerySelectorAll("tr").First(r => r.TextContent.Contains("AdaSelf"));
        Assert.Contains("List manager", row.TextContent);
        Assert.Equal("Revoke list manager", row.QuerySelector("form.list-manager button")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/lists/manage")).Status);
    }

    [Fact]
    public async Task Posts_and_profiles_of_staff_carry_a_badge_in_words_and_members_none()
    {
        using var admin = await _app.NewAdministratorAsync("AdaBadge", "ada.badge@example.org");
        using var bob = await _app.NewMemberAsync("BobBadge", "bob.badge@example.org");
        using var carol = await _app.NewMemberAsync("CarolBadge", "carol.badge@example.org");
        var topic = (await carol.CreateTopicAsync(1, "Who is who", "a question")).Location!;
        await bob.ReplyAsync(topic, "before the grant");
        await admin.ReplyAsync(topic, "an administrator's answer");
        await SubmitRowFormAsync(admin, "BobBadge", "form[action*='handler=Grant']");

        using var visitor = _app.NewBrowser();
        var page = await visitor.GetAsync(topic);
        var badges = page.Document.QuerySelectorAll(".post").Select(p => p.QuerySelector(".post-meta .badge.staff")?.TextContent.Trim()).ToList();
        Assert.Equal([null, "Moderator", "Administrator"], badges);

        var bobProfile = page.Document.QuerySelectorAll(".post .post-meta a.author").First(a => a.TextContent == "BobBadge").GetAttribute("href")!;
        Assert.Equal("Moderator", (await visitor.FollowAsync(await visitor.GetAsync(bobProfile))).Text(".profile .badge.staff"));
        var carolProfile = page.Document.QuerySelectorAll(".post .post-meta a.author").First(a => a.TextContent == "CarolBadge").GetAttribute("href")!;
        Assert.Null((await visitor.FollowAsync(await visitor.GetAsync(carolProfile))).Document.QuerySelector(".badge.staff"));

        using var italian = _app.NewBrowser();
        italian.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("it");
        Assert.Equal(["Moderatore", "Amministratore"], (await italian.GetAsync(topic)).Texts(".post-meta .badge.staff"));
    }
}
