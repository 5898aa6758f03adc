using System.Net;
using ForumServer.Core.Mail;
using ForumServer.Storage.LiteDb;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Moderation;

namespace ForumServer.Tests.Hardening;

/// <summary>
/// However many forms someone fills in, one address gets at most the configured number of on-demand mails an hour,
/// counted across flows and +tag variants; the pages answer the same whether or not the address has an account.
/// </summary>
public sealed class RecipientMailLimitTests : IDisposable
{
    private readonly TimedForumApp _app = new(new() { ["MailLimits:PerRecipientPerHour"] = "3" });

    public void Dispose() => _app.Dispose();

    private int QueuedTo(string address) =>
        _app.Service<ForumDatabase>().Outbox.FindAll().Count(m => RecipientMailLimiter.Normalize(m.To) == address);

    private static async Task<TestBrowser.Page> ForgotAsync(TestBrowser browser, string email) =>
        await browser.SubmitAsync(await browser.GetAsync("/account/forgot-password"), "main form", new() { ["Input.Email"] = email });

    [Fact]
    public async Task Mail_to_one_address_is_capped_per_hour_across_flows_and_tag_variants_and_pages_do_not_tell()
    {
        using (await _app.NewMemberAsync("Alice", "alice@example.org")) { } // 1: the confirmation
        using var attacker = _app.NewBrowser();
        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var page = await ForgotAsync(attacker, "alice@example.org");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            answers.Add(page.Text(".notice"));
        }
        Assert.Equal(HttpStatusCode.OK, (await attacker.RegisterAsync("Alice Again", "alice@example.org")).Status); // "already registered" mail
        Assert.Equal(3, QueuedTo("alice@example.org"));

        // An address without an account gets the very same answer.
        var unknown = await ForgotAsync(attacker, "nobody@example.org");
        Assert.Equal(answers[0], unknown.Text(".notice"));
        Assert.Contains("only a few such messages an hour", unknown.Text(".notice"));
        Assert.All(answers, a => Assert.Equal(answers[0], a));

        // +tag and case variants count as one address, on the list forms too.
        foreach (var variant in new[] { "bob+1@example.org", "Bob+2@Example.org", "bob+three@example.org", "bob@example.org", "BOB@example.org" })
            Assert.Equal(HttpStatusCode.OK, (await attacker.SubmitAsync(await attacker.GetAsync("/lists"), "#list-news form.subscribe", new() { ["email"] = variant })).Status);
        Assert.Equal(3, QueuedTo("bob@example.org"));

        // An hour later the address can be mailed again.
        _app.Time.Advance(TimeSpan.FromMinutes(61));
        await ForgotAsync(attacker, "alice@example.org");
        Assert.Equal(4, QueuedTo("alice@example.org"));
    }
}
