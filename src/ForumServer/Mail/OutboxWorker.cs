using ForumServer.Core.Mail;
using Microsoft.Extensions.Options;

namespace ForumServer.Mail;

/// <summary>Sends what the outbox holds; a message is marked sent only after the transport accepted it.</summary>
public sealed class OutboxWorker(
    Outbox outbox, IOutboxStore store, IMailTransport transport, IOptions<MailOptions> options,
    TimeProvider time, ILogger<OutboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = await store.ListDueAsync(time.GetUtcNow(), options.Value.BatchSize);
            foreach (var message in due)
            {
                if (stoppingToken.IsCancellationRequested) return;
                await SendOneAsync(message, stoppingToken);
            }
            if (due.Count == 0)
            {
                try { await outbox.WaitForWorkAsync(Poll, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task SendOneAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        message.Attempts++;
        try
        {
            var mime = MessageFactory.Create(message);
            await transport.SendAsync(mime, message.EnvelopeFrom ?? message.FromAddress, message.To, cancellationToken);
            message.State = OutboxState.Sent;
            message.SentAt = time.GetUtcNow();
            message.LastError = null;
        }
        catch (PermanentDeliveryException e)
        {
            message.State = OutboxState.Failed;
            message.LastError = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Transient: try again later, backing off exponentially up to an hour.
            var delay = TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, message.Attempts - 1)));
            message.NextAttemptAt = time.GetUtcNow() + delay;
            message.LastError = e.Message;
            logger.LogWarning("Outbox message {Id} failed (attempt {Attempts}), retrying in {Delay}: {Error}", message.Id, message.Attempts, delay, e.Message);
        }
        await store.UpdateAsync(message);
    }
}
