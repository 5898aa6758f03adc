using ForumServer.Core.Lists;

namespace ForumServer.Lists;

/// <summary>Seeds the lists, then queues scheduled issues when they fall due and resumes interrupted sends.</summary>
public sealed class IssueDispatcher(IListStore store, IssueService issues, ListOptions options, ILogger<IssueDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(15);
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>Called when a manager presses send, so the send starts at once rather than at the next poll.</summary>
    public void Wake()
    {
        if (_signal.CurrentCount == 0) _signal.Release();
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.SeedListsAsync(MailingList.Defaults);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var queued = await issues.EnqueueDueAsync(options.EnqueueBatchSize, stoppingToken);
                if (queued > 0) logger.LogInformation("Queued {Count} list messages", queued);
                await _signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Queuing list issues failed; trying again shortly");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
