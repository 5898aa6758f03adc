using ForumServer.Core.Media;

namespace ForumServer.Media;

/// <summary>Deletes uploads that no post took up within the configured lifetime (24 hours by default).</summary>
public sealed class MediaSweeper(MediaService media, MediaOptions options, TimeProvider time, ILogger<MediaSweeper> logger) : BackgroundService
{
    /// <summary>Completed sweeps; the next wait is already on the clock when this counts up (tests move the clock).</summary>
    public int Runs => _runs;
    private int _runs;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var removed = await media.RemoveStaleUploadsAsync();
                if (removed > 0) logger.LogInformation("Removed {Count} uploads never attached to a post", removed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sweeping unattached uploads failed; trying again next round");
            }
            var next = Task.Delay(options.SweepInterval, time, stoppingToken);
            Interlocked.Increment(ref _runs);
            try { await next; }
            catch (OperationCanceledException) { return; }
        }
    }
}
