using System.Buffers;
using ForumServer.Core.Inbound;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ForumServer.Mail.Inbound;

/// <summary>Parses each received message and hands it to <see cref="InboundMailHandler"/>; the outcome becomes the answer to DATA.</summary>
internal sealed class SiteMessageStore(IServiceScopeFactory scopes, ILogger logger) : IMessageStore
{
    public async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        using var raw = new MemoryStream(buffer.ToArray(), writable: false);
        if (!InboundMessageParser.TryParse(raw, out var message, out var error))
        {
            logger.LogInformation("Inbound SMTP refused a malformed message: {Error}", error);
            return new SmtpResponse((SmtpReplyCode)554, "5.6.0 " + error);
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var outcomes = await scope.ServiceProvider.GetRequiredService<InboundMailHandler>()
                .HandleAsync(transaction.To.Select(t => t.AsAddress()).ToList(), message!);
            foreach (var outcome in outcomes) logger.LogInformation("Inbound mail: {Kind} ({Detail})", outcome.Kind, outcome.Detail);
            if (outcomes.Count > 0 && outcomes.All(o => o.Kind == InboundOutcomeKind.Refused))
                return new SmtpResponse((SmtpReplyCode)550, "5.7.1 " + string.Join(" ", outcomes.Select(o => o.Detail).Distinct()));
            return SmtpResponse.Ok;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The sender keeps the message and tries again; the listener goes on serving.
            logger.LogError(e, "Inbound mail could not be handled");
            return new SmtpResponse((SmtpReplyCode)451, "4.3.0 The message could not be handled now; try again later.");
        }
    }
}
