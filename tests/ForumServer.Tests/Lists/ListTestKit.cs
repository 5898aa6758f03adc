using System.Security.Cryptography;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Lists;
using ForumServer.Tests.Infrastructure;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace ForumServer.Tests.Lists;

/// <summary>Shared steps of the list tests.</summary>
public static class ListTestKit
{
    /// <summary>Writes an issue and sends it at once, as a list manager would from the issue page.</summary>
    public static async Task<ListIssue> SendIssueAsync(this ForumApp app, string listId, string subject, string body)
    {
        var issues = app.Service<IssueService>();
        var draft = await issues.SaveDraftAsync(null, listId, subject, body, "manager");
        Assert.True(draft.Succeeded);
        await issues.ScheduleAsync(draft.Value!.Id, null);
        app.Service<IssueDispatcher>().Wake();
        return draft.Value;
    }

    /// <summary>Confirmed subscribers added straight to the store, as an import would.</summary>
    public static async Task AddConfirmedAsync(this ForumApp app, string listId, IEnumerable<string> emails)
    {
        var now = DateTimeOffset.UtcNow;
        var batch = emails.Select(e => new Subscription
        {
            ListId = listId, Email = e, Key = Subscription.KeyFor(listId, e), Token = ListTokens.New(),
            State = SubscriptionState.Confirmed, CreatedAt = now, ConfirmedAt = now,
        }).ToList();
        await app.Service<IListStore>().AddSubscriptionsAsync(batch);
    }

    public static async Task<Subscription?> SubscriptionAsync(this ForumApp app, string listId, string email) =>
        await app.Service<IListStore>().FindSubscriptionAsync(listId, email);

    /// <summary>
    /// Waits until the outbox holds no pending message: every mail has its outcome stored, so a duplicate would
    /// already have arrived. Replaces "wait a moment and see that nothing else came".
    /// </summary>
    public static Task WaitForOutboxDrainedAsync(this ForumApp app) =>
        WaitUntilAsync(async () => (await app.Service<IOutboxStore>().ListDueAsync(DateTimeOffset.MaxValue, 100_000)).Count == 0);

    public static Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 15) =>
        Eventually.UntilAsync(condition, TimeSpan.FromSeconds(seconds), () => "Condition not met in time.");
}

/// <summary>A DKIM key pair on disk and a verifier that finds its public key as DNS would.</summary>
public sealed class DkimKey : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public DkimKey()
    {
        File.WriteAllText(FilePath, _rsa.ExportRSAPrivateKeyPem());
    }

    public string FilePath { get; } = Path.Combine(Path.GetTempPath(), $"dkim-{Guid.NewGuid():N}.pem");
    public string TxtRecord => $"v=DKIM1; k=rsa; p={Convert.ToBase64String(_rsa.ExportSubjectPublicKeyInfo())}";

    public Dictionary<string, string?> Settings(string domain, string selector) => new()
    {
        ["Mail:Dkim:PrivateKeyFile"] = FilePath, ["Mail:Dkim:Domain"] = domain, ["Mail:Dkim:Selector"] = selector,
    };

    public bool Verifies(MimeMessage message)
    {
        var signature = message.Headers.First(h => h.Id == HeaderId.DkimSignature);
        return new DkimVerifier(new Locator(TxtRecord)).Verify(message, signature);
    }

    public void Dispose()
    {
        _rsa.Dispose();
        File.Delete(FilePath);
    }

    private sealed class Locator(string txt) : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            GetPublicKey(txt);

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(GetPublicKey(txt));
    }
}
