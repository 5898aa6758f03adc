using ForumServer.Core.Moderation;

namespace ForumServer.Moderation;

/// <summary>At start-up, finishes account removals an earlier run began and did not end (see <see cref="AccountEraser"/>).</summary>
public sealed class PendingErasureWorker(IServiceScopeFactory scopes, ILogger<PendingErasureWorker> log) : BackgroundService
{
    /// <summary>Completes once the start-up pass has run, for tests to wait on.</summary>
    public Task Done => _done.Task;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var finished = await scope.ServiceProvider.GetRequiredService<AccountEraser>().ResumePendingAsync();
            if (finished > 0) log.LogInformation("Finished {Count} account removals an earlier run had started", finished);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Finishing interrupted account removals failed; they are retried at the next start or when removed again");
        }
        finally
        {
            _done.TrySetResult();
        }
    }
}
