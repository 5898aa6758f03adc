using System.Net;
using ForumServer.Core.Lists;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Lists;

namespace ForumServer.Tests.Ux;

/// <summary>
/// A signed-in member sees which lists they receive and leaves them on the site: on /lists and in the settings. The
/// tests share one app; each has members (and subscriptions) of its own.
/// </summary>
public sealed class MemberListTests(SharedForumApp app) : IClassFixture<SharedForumApp>
{
    private readonly ForumApp _app = app;

    [Fact]
    public async Task Lists_page_offers_unsubscribe_for_a_subscribed_list_and_it_works()
    {
        using var bob = await _app.NewMemberAsync("BobLeaves", "bob.leaves@example.org");
        using var eve = await _app.NewMemberAsync("EveStays", "eve.stays@example.org");
        await bob.SubmitAsync(await bob.GetAsync("/lists"), "#list-news form.subscribe-member");

        var lists = await bob.GetAsync("/lists");
        Assert.Equal("Unsubscribe from News", lists.Text("#list-news form.unsubscribe-member button"));
        Assert.Null(lists.Document.QuerySelector("#list-news form.subscribe, #list-news form.subscribe-member"));
        Assert.NotNull(lists.Document.QuerySelector("#list-announce form.subscribe-member"));
        Assert.Null(lists.Document.QuerySelector("#list-announce form.unsubscribe-member"));
        Assert.Null((await eve.GetAsync("/lists")).Document.QuerySelector("form.unsubscribe-member"));

        var left = await bob.SubmitAsync(lists, "#list-news form.unsubscribe-member");
        Assert.Equal(HttpStatusCode.Redirect, left.Status);
        var after = await bob.FollowAsync(left);
        Assert.Contains("You left News", after.Text("[role=status]"));
        Assert.NotNull(after.Document.QuerySelector("#list-news form.subscribe-member"));
        Assert.Equal(SubscriptionState.Unsubscribed, (await _app.SubscriptionAsync("news", "bob.leaves@example.org"))!.State);
    }

    [Fact]
    public async Task Unsubscribe_needs_the_antiforgery_token_and_a_known_list()
    {
        using var bob = await _app.NewMemberAsync("BobForged", "bob.forged@example.org");
        await bob.SubmitAsync(await bob.GetAsync("/lists"), "#list-news form.subscribe-member");

        var forged = await bob.PostRawAsync("/lists?handler=Unsubscribe", new() { ["list"] = "news" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(SubscriptionState.Confirmed, (await _app.SubscriptionAsync("news", "bob.forged@example.org"))!.State);
        var unknown = await bob.SubmitAsync(await bob.GetAsync("/lists"), "#list-news form.unsubscribe-member", new() { ["list"] = "nope" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task Account_settings_list_the_subscriptions_with_unsubscribe()
    {
        using var bob = await _app.NewMemberAsync("BobSettings", "bob.settings@example.org");
        Assert.Contains("receives no mailing list", (await bob.GetAsync("/account/settings")).Text("#lists"));
        await bob.SubmitAsync(await bob.GetAsync("/lists"), "#list-announce form.subscribe-member");

        var settings = await bob.GetAsync("/account/settings");
        Assert.Equal(["Announce"], settings.Texts("#lists .subscriptions strong"));
        var left = await bob.SubmitAsync(settings, "#lists form.unsubscribe-member");
        Assert.Equal("/account/settings?left=announce#lists", left.Location);
        var after = await bob.FollowAsync(left);
        Assert.Contains("You left Announce", after.Text("#lists [role=status]"));
        Assert.Contains("receives no mailing list", after.Text("#lists"));
        Assert.Equal(SubscriptionState.Unsubscribed, (await _app.SubscriptionAsync("announce", "bob.settings@example.org"))!.State);
    }
}
