using System.Net;
using System.Text.Json;
using ForumServer.Core.Accounts;
using ForumServer.Core.Inbound;
using ForumServer.Core.Lists;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Hardening;

/// <summary>
/// Someone registers with another person's address and never confirms it: their export shows none of that person's
/// data kept by address, and removing their account leaves that person's subscription and mail alone.
/// </summary>
public sealed class AddressJoinTests : IDisposable
{
    private readonly ForumApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_unconfirmed_address_joins_no_subscription_or_contact_mail_to_the_account_in_export_or_removal()
    {
        const string victim = "victim@example.org";
        using var owner = _app.NewBrowser();
        var subscribed = await owner.SubmitAsync(await owner.GetAsync("/lists"), "#list-news form.subscribe", new() { ["email"] = victim });
        Assert.Equal(HttpStatusCode.OK, subscribed.Status);
        var confirm = await owner.GetAsync(Mailbox.LinkIn(await _app.Mailbox.WaitForAsync(victim, "Confirm your subscription")));
        Assert.Equal(HttpStatusCode.OK, (await owner.SubmitAsync(confirm, "form.confirm")).Status);
        // Arranged as the inbound listener stores it: mail the victim sent to the contact address.
        await _app.Service<IContactMessageStore>().AddAsync(new ContactMessage
        {
            FromAddress = victim, FromName = "Victim", Subject = "My health question", Text = "Private words of the real owner", ReceivedAt = DateTimeOffset.UtcNow,
        });
        var lists = _app.Service<IListStore>();
        Assert.Equal(SubscriptionState.Confirmed, Assert.Single(await lists.ListForAddressAsync(victim)).State);

        using var mallory = _app.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await mallory.RegisterAsync("Mallory", victim)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await mallory.SignInAsync(victim)).Status); // never confirms

        var export = await mallory.Client.GetAsync("/privacy/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var json = await export.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(json);
        Assert.Equal(0, document.RootElement.GetProperty("listSubscriptions").GetArrayLength());
        Assert.Equal(0, document.RootElement.GetProperty("contactMessages").GetArrayLength());
        Assert.DoesNotContain("Private words", json);
        Assert.DoesNotContain("health question", json);

        var settings = await mallory.GetAsync("/account/settings");
        var removed = await mallory.SubmitAsync(settings, "form.remove-account", new() { ["Input.Password"] = Flows.Password });
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Equal(0, await _app.Service<IMemberStore>().CountAsync());

        Assert.Equal(SubscriptionState.Confirmed, Assert.Single(await lists.ListForAddressAsync(victim)).State);
        Assert.Single(await _app.Service<IContactMessageStore>().ListFromAddressAsync(victim));
    }
}
