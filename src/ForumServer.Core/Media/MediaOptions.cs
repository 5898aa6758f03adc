using System.ComponentModel.DataAnnotations;

namespace ForumServer.Core.Media;

/// <summary>The <c>Media</c> section: how much members may upload and how photos are sized.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    [Range(1024, long.MaxValue)]
    public long MaxPhotoBytes { get; set; } = 10 * 1024 * 1024;

    [Range(1024, long.MaxValue)]
    public long MaxVideoBytes { get; set; } = 200 * 1024 * 1024;

    /// <summary>Photos whose header claims more pixels are refused before decoding (decompression bombs).</summary>
    [Range(1, 1_000_000_000)]
    public long MaxPhotoPixels { get; set; } = 40_000_000;

    [Range(1, 1000)]
    public int MaxFilesPerPost { get; set; } = 10;

    /// <summary>Total bytes one member may keep stored, all variants counted.</summary>
    [Range(1024, long.MaxValue)]
    public long MemberQuotaBytes { get; set; } = 1024L * 1024 * 1024;

    [Range(1, 100_000)]
    public int UploadsPerHour { get; set; } = 60;

    /// <summary>Longest side of the display variant shown in posts.</summary>
    [Range(64, 10_000)]
    public int DisplaySize { get; set; } = 1600;

    [Range(16, 2_000)]
    public int ThumbnailSize { get; set; } = 320;

    /// <summary>Longest side of the stored original; larger photos are scaled down while they are decoded.</summary>
    [Range(64, 20_000)]
    public int MaxStoredSize { get; set; } = 4096;

    /// <summary>Photos decoded at the same time; more uploads wait for a turn.</summary>
    [Range(1, 64)]
    public int MaxConcurrentProcessing { get; set; } = 2;

    /// <summary>Photos that may wait for a turn; beyond that an upload is answered 503 with Retry-After.</summary>
    [Range(0, 10_000)]
    public int MaxQueuedProcessing { get; set; } = 16;

    /// <summary>Uploads not attached to a post within this time are deleted.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan UnattachedLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the background job looks for unattached uploads.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The most one upload request may carry: the largest single file plus room for the form.</summary>
    public long MaxRequestBytes => Math.Max(MaxPhotoBytes, MaxVideoBytes) + 1024 * 1024;

    public const string Accepted = "JPEG, PNG, WebP or GIF photos and MP4 or WebM videos";
}
