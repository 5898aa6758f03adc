using ForumServer.Core.Lists;
using ForumServer.Core.Moderation;
using ForumServer.Retention;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Moderation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ForumServer.Tests.Privacy;

/// <summary>The retention job on a fake clock: it removes exactly what the rules name, at the time they name it.</summary>
public sealed class RetentionTests : IDisposable
{
    private readonly TimedForumApp _app = new(new() { ["Forum:ContactAddress"] = "forum@example.org" });
    private readonly DateTimeOffset _start;

    public RetentionTests() => _start = _app.Time.GetUtcNow();

    public void Dispose() => _app.Dispose();

    private IListStore Lists => _app.Service<IListStore>();
    private IModerationStore Requests => _app.Service<IModerationStore>();
    private RetentionWorker Worker => _app.Services.GetServices<IHostedService>().OfType<RetentionWorker>().Single();

    [Fact]
    public async Task Retention_drops_unconfirmed_items_after_7_days_purges_expired_tokens_and_closed_requests_after_30_days()
    {
        using var mod = await _app.NewModeratorAsync("Mod", "mod@example.org");
        using var visitor = _app.NewBrowser();
        await SubscribeAsync(visitor, "announce", "stale@example.net");
        await SubscribeAsync(visitor, "news", "kept@example.net");
        var confirm = await visitor.GetAsync(Mailbox.LinkIn(await _app.Mailbox.WaitForAsync("kept@example.net", "Confirm your subscription")));
        await visitor.SubmitAsync(confirm, "form.confirm");
        var r1 = await FileAsync(visitor, "r1@example.net", confirmed: false);
        var r2 = await FileAsync(visitor, "r2@example.net", confirmed: true);
        var r3 = await FileAsync(visitor, "r3@example.net", confirmed: true);
        var r4 = await FileAsync(visitor, "r4@example.net", confirmed: true);
        await mod.SubmitAsync(await mod.GetAsync($"/moderation/requests/{r3}"), "form.complete", new() { ["note"] = "done" });
        await mod.SubmitAsync(await mod.GetAsync($"/moderation/requests/{r4}"), "form.reject", new() { ["reason"] = "Nothing of r4 is stored here." });
        Assert.Equal(DeletionRequestState.Done, (await Requests.GetDeletionRequestAsync(r3))!.State);
        Assert.Equal(DeletionRequestState.Rejected, (await Requests.GetDeletionRequestAsync(r4))!.State);

        await RunAtAsync(TimeSpan.FromDays(6));
        await SubscribeAsync(visitor, "announce", "fresh@example.net");
        var r5 = await FileAsync(visitor, "r5@example.net", confirmed: false);

        // Day 7: the first unconfirmed subscription and request are gone; everything else stays.
        await RunAtAsync(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.Null(await Lists.FindSubscriptionAsync("announce", "stale@example.net"));
        Assert.Equal(SubscriptionState.Confirmed, (await Lists.FindSubscriptionAsync("news", "kept@example.net"))!.State);
        var fresh = (await Lists.FindSubscriptionAsync("announce", "fresh@example.net"))!;
        Assert.NotNull(fresh.ConfirmTokenHash);
        Assert.Null(await Requests.GetDeletionRequestAsync(r1));
        Assert.NotNull(await Requests.GetDeletionRequestAsync(r5));
        foreach (var id in new[] { r2, r3, r4 })
        {
            var request = (await Requests.GetDeletionRequestAsync(id))!;
            Assert.Equal($"r{id}@example.net", request.Email);
            Assert.Null(request.ConfirmationTokenHash); // the used confirmation link is purged
            Assert.Null(request.PersonalDataPurgedAt);
        }

        // Day 8: the fresh subscription's 48-hour confirmation token has just expired; a late click still learns so.
        await RunAtAsync(TimeSpan.FromDays(8) + TimeSpan.FromMinutes(2));
        Assert.NotNull((await Lists.FindSubscriptionAsync("announce", "fresh@example.net"))!.ConfirmTokenHash);

        // Day 9: a day after expiry the token is purged; the subscription stays until its 7 days are up.
        await RunAtAsync(TimeSpan.FromDays(9) + TimeSpan.FromMinutes(2));
        fresh = (await Lists.FindSubscriptionAsync("announce", "fresh@example.net"))!;
        Assert.Equal(SubscriptionState.Pending, fresh.State);
        Assert.Null(fresh.ConfirmTokenHash);
        Assert.Null(fresh.ConfirmExpiresAt);

        // Day 29: closed requests keep their data until 30 days after the decision.
        await RunAtAsync(TimeSpan.FromDays(29));
        Assert.Equal("r3@example.net", (await Requests.GetDeletionRequestAsync(r3))!.Email);

        // Day 30: closed requests lose their personal data but stay as the record; the open one keeps everything.
        await RunAtAsync(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(5));
        foreach (var (id, state) in new[] { (r3, DeletionRequestState.Done), (r4, DeletionRequestState.Rejected) })
        {
            var closed = (await Requests.GetDeletionRequestAsync(id))!;
            Assert.Equal(state, closed.State);
            Assert.Equal("", closed.Email);
            Assert.Equal("", closed.Description);
            Assert.Null(closed.RejectionReason);
            Assert.NotNull(closed.DecidedAt);
            Assert.NotNull(closed.PersonalDataPurgedAt);
        }
        var open = (await Requests.GetDeletionRequestAsync(r2))!;
        Assert.Equal(("r2@example.net", "Please delete r2.", DeletionRequestState.Confirmed), (open.Email, open.Description, open.State));
        Assert.Null(await Lists.FindSubscriptionAsync("announce", "fresh@example.net"));
        Assert.Null(await Requests.GetDeletionRequestAsync(r5));
        Assert.Equal(SubscriptionState.Confirmed, (await Lists.FindSubscriptionAsync("news", "kept@example.net"))!.State);
        Assert.Equal(1, await Requests.CountOpenDeletionRequestsAsync());
    }

    private static async Task SubscribeAsync(TestBrowser browser, string list, string email)
    {
        var page = await browser.GetAsync("/lists");
        await browser.SubmitAsync(page, $"#list-{list} form.subscribe", new() { ["email"] = email });
    }

    private async Task<int> FileAsync(TestBrowser visitor, string email, bool confirmed)
    {
        var form = await visitor.GetAsync("/privacy/delete");
        await visitor.SubmitAsync(form, "form.visitor-request", new() { ["Input.Email"] = email, ["Input.Description"] = $"Please delete {email.Split('@')[0]}." });
        var mail = await _app.Mailbox.WaitForAsync(email, "Confirm your deletion request");
        var link = Mailbox.LinkIn(mail);
        var id = int.Parse(link.Split("id=")[1].Split('&')[0]);
        if (confirmed) await visitor.SubmitAsync(await visitor.GetAsync(link), "main form");
        return id;
    }

    /// <summary>Moves the clock to <paramref name="sinceStart"/> and waits for the job's run at that time.</summary>
    private async Task RunAtAsync(TimeSpan sinceStart)
    {
        await Eventually.UntilAsync(() => Worker.Runs > 0, TimeSpan.FromSeconds(10), () => "The retention job's start-up run did not happen.");
        var before = Worker.Runs;
        _app.Time.SetUtcNow(_start + sinceStart);
        await Eventually.UntilAsync(() => Worker.Runs != before, TimeSpan.FromSeconds(10), () => "The retention job did not run.");
    }
}
