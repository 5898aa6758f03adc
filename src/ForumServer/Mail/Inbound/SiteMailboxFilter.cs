using ForumServer.Core.Inbound;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Storage;

namespace ForumServer.Mail.Inbound;

/// <summary>Accepts RCPT TO only for the site's own addresses; SmtpServer answers 550 for the rest.</summary>
internal sealed class SiteMailboxFilter(IServiceScopeFactory scopes, ILogger logger) : IMailboxFilter
{
    public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

    public async Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var accepted = await scope.ServiceProvider.GetRequiredService<InboundMailHandler>().AcceptsRecipientAsync(to.AsAddress());
        if (!accepted) logger.LogInformation("Inbound SMTP refused a recipient that is not an address of this site.");
        return accepted;
    }
}
