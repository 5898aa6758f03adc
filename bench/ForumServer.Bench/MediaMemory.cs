using System.Diagnostics;
using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Media;
using ForumServer.Storage.LiteDb;
using SkiaSharp;

namespace ForumServer.Bench;

/// <summary>
/// Peak resident memory while 4 photos of 40 megapixels are uploaded at once through MediaService (real LiteDB file,
/// real disk store), for a small flat PNG (the 38 KB decompression trap) and a photo-like JPEG. Linux only: the peak
/// is VmHWM, reset through /proc/self/clear_refs before each run.
/// </summary>
public static class MediaMemory
{
    public static async Task<int> RunAsync()
    {
        const int side = 6324; // 39.99 MP
        var png = Flat(side, side, SKEncodedImageFormat.Png);
        var jpeg = PhotoLike(7296, 5480);
        Console.WriteLine($"PNG {side}x{side}: {png.Length / 1024} KiB; JPEG 7296x5480: {jpeg.Length / 1024} KiB");
        foreach (var concurrent in new[] { 2, 4 })
        {
            await MeasureAsync("PNG 40 MP", png, concurrent);
            await MeasureAsync("JPEG 40 MP", jpeg, concurrent);
        }
        return 0;
    }

    private static async Task MeasureAsync(string name, byte[] photo, int concurrent)
    {
        var folder = Directory.CreateTempSubdirectory("forum-media-bench-").FullName;
        try
        {
            var options = new MediaOptions { MaxPhotoBytes = 64 * 1024 * 1024, MaxConcurrentProcessing = concurrent, UploadsPerHour = 1000 };
            using var db = new ForumDatabase(Path.Combine(folder, "forum.db"));
            var media = new MediaService(new LiteMediaItemStore(db), new DiskMediaStore(Path.Combine(folder, "media")), new ImageProcessor(options), options, TimeProvider.System);
            var actor = new Actor("bench", "Bench", CanPost: true, IsModerator: false);
            await media.UploadAsync(actor, new MemoryStream(Flat(64, 64, SKEncodedImageFormat.Png))); // warm up
            GC.Collect(2, GCCollectionMode.Forced, true, true);
            GC.WaitForPendingFinalizers();
            var baseline = Rss("VmRSS");
            File.WriteAllText("/proc/self/clear_refs", "5");
            var clock = Stopwatch.StartNew();
            var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => media.UploadAsync(actor, new MemoryStream(photo)))));
            clock.Stop();
            var peak = Rss("VmHWM");
            var ok = results.Count(r => r.Succeeded);
            Console.WriteLine($"{name}, 4 parallel uploads, Media:MaxConcurrentProcessing={concurrent}: {ok}/4 stored, " +
                              $"peak working set {peak / 1024} MiB ({(peak - baseline) / 1024} MiB above the {baseline / 1024} MiB at rest, " +
                              $"{(peak - baseline) / 1024 / Math.Min(concurrent, 4)} MiB per photo in process), {clock.ElapsedMilliseconds} ms");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>KiB from /proc/self/status.</summary>
    private static long Rss(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    private static byte[] Flat(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(new SKColor(120, 160, 200));
        using var data = SKImage.FromBitmap(bitmap).Encode(format, 90);
        return data.ToArray();
    }

    private static byte[] PhotoLike(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint())
        {
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                [new SKColor(30, 80, 160), new SKColor(220, 180, 60), new SKColor(40, 140, 70)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, paint);
        }
        using var data = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}
