using System.Threading.RateLimiting;
using ForumServer.Core.Mail;
using Microsoft.Extensions.Options;

namespace ForumServer.Mail;

/// <summary>
/// Sends what the outbox holds over several connections at a capped rate. A message is marked sent only after the
/// transport accepted it; transient failures back off exponentially; permanent ones are recorded against the address.
/// Every server runs one: each round claims a batch for this process (<see cref="Owner"/>) for
/// <see cref="MailOptions.ClaimSeconds"/>, so servers sharing a database send disjoint messages together, and the
/// claimed-but-unsent messages of a server that died are sent by another once the claim runs out.
/// </summary>
public sealed class OutboxWorker(
    Outbox outbox, IOutboxStore store, IBounceStore bounces, IMailTransport transport, OptionalSigner signer,
    IOptions<MailOptions> options, TimeProvider time, ILogger<OutboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private readonly ContentCache _contents = new(store);
    private readonly ClaimCompletions _completions = new(store);

    /// <summary>This process's sender id, written on the messages it claims: host, process id and a random part.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var limiter = settings.MessagesPerSecond > 0 ? CreateLimiter(settings.MessagesPerSecond) : null;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Connections };
        logger.LogInformation("Outbox sender {Owner} started", Owner);
        var attemptsSinceEmpty = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var sent = await RunRoundAsync(settings, limiter, parallel, stoppingToken);
                    attemptsSinceEmpty += sent;
                    if (sent > 0) continue;
                    var next = await store.NextAttemptAtAsync();
                    if (next is null && attemptsSinceEmpty > 0)
                    {
                        // Every outcome is stored and nothing waits for a retry (tests of a whole process wait for this line).
                        logger.LogDebug("Outbox empty after {Attempts} send attempts", attemptsSinceEmpty);
                        attemptsSinceEmpty = 0;
                    }
                    await outbox.WaitForWorkAsync(Until(next), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // A storage fault must not stop the whole server: log it and try again after a pause.
                    logger.LogError(e, "An outbox round failed; trying again in {Delay}", Poll);
                    await Task.Delay(Poll, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (transport is IAsyncDisposable disposable) await disposable.DisposeAsync();
        }
    }

    /// <summary>Sends one round of claimed messages; returns how many were claimed.</summary>
    private async Task<int> RunRoundAsync(MailOptions settings, RateLimiter? limiter, ParallelOptions parallel, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var claim = TimeSpan.FromSeconds(settings.ClaimSeconds);
        var due = await store.ClaimDueAsync(Owner, now, now + claim, settings.BatchSize);
        // No send starts in the second half of the claim, so the last ones end before another server may take the
        // messages over; what is left goes back to the queue at once, as does everything on shutdown.
        var lastStart = now + claim / 2;
        // Looked up once per round rather than per message: an address marked bouncing mid-round is skipped from the next.
        var bouncing = due.Count == 0 ? null : await bounces.FindBouncingAsync(due.Where(m => !m.DespiteBouncing).Select(m => m.To).ToList());
        await Parallel.ForEachAsync(due, parallel, async (message, _) =>
        {
            if (await MayStartAsync(limiter, lastStart, stoppingToken))
                await SendOneAsync(message, bouncing!, settings, stoppingToken);
            else
                message.NextAttemptAt = time.GetUtcNow();
            // Each outcome is stored before this connection sends its next message, so a hard kill (power loss,
            // SIGKILL) re-sends at most the messages the SMTP server had not yet accepted, never a whole round.
            if (!await _completions.CompleteAsync(message))
                logger.LogWarning("Outbox message {Id} was claimed by another sender after this one's claim ran out; its outcome here is dropped", message.Id);
        });
        return due.Count;
    }

    private async Task<bool> MayStartAsync(RateLimiter? limiter, DateTimeOffset lastStart, CancellationToken stoppingToken)
    {
        if (stoppingToken.IsCancellationRequested || time.GetUtcNow() >= lastStart) return false;
        if (limiter is null) return true;
        try
        {
            using var lease = await limiter.AcquireAsync(1, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        return time.GetUtcNow() < lastStart;
    }

    /// <summary>How long to sleep until the next retry falls due (or new mail wakes the worker), never longer than the poll.</summary>
    private TimeSpan Until(DateTimeOffset? next)
    {
        if (next is null) return Poll;
        var wait = next.Value - time.GetUtcNow();
        return wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : wait < Poll ? wait : Poll;
    }

    private static TokenBucketRateLimiter CreateLimiter(double perSecond)
    {
        // Refilled ten times a second so the rate stays smooth rather than bursting once a second.
        var perTick = Math.Max(1, (int)Math.Ceiling(perSecond / 10));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perTick,
            TokensPerPeriod = perTick,
            ReplenishmentPeriod = TimeSpan.FromSeconds(perTick / perSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    private async Task SendOneAsync(OutboundMessage message, IReadOnlySet<string> bouncing, MailOptions settings, CancellationToken cancellationToken)
    {
        if (!message.DespiteBouncing && bouncing.Contains(message.To.ToLowerInvariant()))
        {
            message.State = OutboxState.Failed;
            message.LastError = "Skipped: the address is marked bouncing.";
            return;
        }
        message.Attempts++;
        try
        {
            var content = message.ContentId is null ? null
                : await _contents.GetAsync(message.ContentId) ?? throw new InvalidOperationException($"Mail content '{message.ContentId}' is missing.");
            var mime = MessageFactory.Create(message, content);
            signer.Signer?.Sign(mime);
            // Not cancelled on shutdown: a send cut off after the server accepted it would go out again on restart.
            await transport.SendAsync(mime, message.EnvelopeFrom ?? message.FromAddress, message.To, CancellationToken.None);
            message.State = OutboxState.Sent;
            message.SentAt = time.GetUtcNow();
            message.LastError = null;
        }
        catch (PermanentDeliveryException e)
        {
            message.State = OutboxState.Failed;
            message.LastError = e.Message;
            var nowBouncing = await bounces.RecordPermanentFailureAsync(message.To, e.Message, settings.BouncingAfter, time.GetUtcNow());
            logger.LogWarning("Outbox message {Id} refused for good{Bouncing}: {Error}", message.Id, nowBouncing ? " (address now bouncing)" : "", e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            message.LastError = e.Message;
            if (message.Attempts >= settings.MaxAttempts)
            {
                message.State = OutboxState.Failed;
                logger.LogError("Outbox message {Id} failed {Attempts} times, giving up: {Error}", message.Id, message.Attempts, e.Message);
            }
            else
            {
                var delay = settings.RetryDelay * Math.Pow(2, message.Attempts - 1);
                if (delay > settings.MaxRetryDelay) delay = settings.MaxRetryDelay;
                message.NextAttemptAt = time.GetUtcNow() + delay;
                logger.LogWarning("Outbox message {Id} failed (attempt {Attempts}), retrying in {Delay}: {Error}", message.Id, message.Attempts, delay, e.Message);
            }
        }
    }

    /// <summary>The few shared bodies in use at a time (an issue being sent), read once instead of per message.</summary>
    private sealed class ContentCache(IOutboxStore store)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, MailContent?> _items = new();

        public async Task<MailContent?> GetAsync(string id)
        {
            if (_items.TryGetValue(id, out var cached)) return cached;
            if (_items.Count > 32) _items.Clear();
            var content = await store.FindContentAsync(id);
            _items[id] = content;
            return content;
        }
    }
}
