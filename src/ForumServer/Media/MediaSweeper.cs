using ForumServer.Core.Media;

namespace ForumServer.Media;

/// <summary>Deletes uploads that no post took up within the configured lifetime (24 hours by default).</summary>
public sealed class MediaSweeper(MediaService media, MediaOptions options, TimeProvider time, ILogger<MediaSweeper> logger) : BackgroundService
{
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
            try { await Task.Delay(options.SweepInterval, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
