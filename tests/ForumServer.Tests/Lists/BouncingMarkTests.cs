using System.Net;
using ForumServer.Core.Accounts;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Core.Moderation;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Lists;

/// <summary>The bouncing mark as list managers and returning subscribers meet it.</summary>
public sealed class BouncingMarkTests : IDisposable
{
    private readonly ForumApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task MarkBouncingAsync(string email) =>
        _app.Service<IBounceStore>().RecordPermanentFailureAsync(email, "550 5.1.1 user unknown", 1, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_bouncing_address_that_subscribes_again_gets_its_confirmation_and_confirming_clears_the_mark()
    {
        await MarkBouncingAsync("back@example.org");
        using var visitor = _app.NewBrowser();

        var lists = await visitor.GetAsync("/lists");
        await visitor.SubmitAsync(lists, "#list-announce form.subscribe", new() { ["email"] = "back@example.org" });

        var mail = await _app.Mailbox.WaitForAsync("back@example.org", "Confirm your subscription to Announce");
        var page = await visitor.GetAsync(Mailbox.LinkIn(mail));
        Assert.Equal(HttpStatusCode.OK, (await visitor.SubmitAsync(page, "form.confirm")).Status);

        Assert.False(await _app.Service<IBounceStore>().IsBouncingAsync("back@example.org"));
        await _app.Mailbox.WaitForAsync("back@example.org", "Welcome to Announce");
    }

    [Fact]
    public async Task List_manager_sees_the_bouncing_mark_and_clears_it_and_the_audit_log_keeps_who_without_the_address()
    {
        await _app.AddConfirmedAsync("announce", ["full@example.org", "fine@example.org"]);
        await MarkBouncingAsync("full@example.org");
        using var manager = await _app.WithRoleAsync(await _app.NewMemberAsync("Mona", "mona@example.org"), "mona@example.org", Roles.ListManager);

        var page = await manager.GetAsync("/lists/manage/subscribers/announce");
        var rows = page.Document.QuerySelectorAll(".subscribers tbody tr");
        Assert.NotNull(rows.Single(r => r.TextContent.Contains("full@example.org")).QuerySelector(".bouncing"));
        Assert.Null(rows.Single(r => r.TextContent.Contains("fine@example.org")).QuerySelector(".bouncing"));

        var cleared = await manager.FollowAsync(await manager.SubmitAsync(page, ".subscribers form"));

        Assert.Contains("The bouncing mark is cleared", cleared.Text("[role=status]"));
        Assert.Empty(cleared.Document.QuerySelectorAll(".subscribers .bouncing"));
        Assert.False(await _app.Service<IBounceStore>().IsBouncingAsync("full@example.org"));
        var entry = (await _app.Service<IModerationStore>().ListAuditAsync(0, 10)).Single(e => e.Action == "bounce.cleared");
        Assert.DoesNotContain("full@example.org", $"{entry.ItemId} {entry.Reason}");

        // A member without the role cannot clear marks.
        using var other = await _app.NewMemberAsync("Otto", "otto@example.org");
        var token = (await other.GetAsync("/lists")).Document.QuerySelector("input[name=__af]")!.GetAttribute("value")!;
        var refused = await other.PostRawAsync("/lists/manage/subscribers/announce?handler=ClearBounce", new() { ["__af"] = token, ["email"] = "full@example.org" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
