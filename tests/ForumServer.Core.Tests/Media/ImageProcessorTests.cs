using System.Diagnostics;
using ForumServer.Core.Media;
using ForumServer.Tests.Media;
using SkiaSharp;
using Xunit.Abstractions;

namespace ForumServer.Core.Tests.Media;

public sealed class ImageProcessorTests(ITestOutputHelper output)
{
    private readonly ImageProcessor _processor = new(new MediaOptions { DisplaySize = 1600, ThumbnailSize = 320 });

    [Fact]
    public void Phone_photo_is_turned_upright_and_loses_exif_gps_camera_and_comment_in_every_variant()
    {
        var upload = TestMedia.PhoneJpegWithGps();
        Assert.True(TestMedia.Contains(upload, "Exif") && TestMedia.Contains(upload, TestMedia.CameraMake));

        var result = _processor.Process(upload, MediaFormat.Jpeg);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([MediaVariant.Original, MediaVariant.Display, MediaVariant.Thumbnail], result.Variants.Select(v => v.Name));
        foreach (var variant in result.Variants)
        {
            Assert.Equal("image/jpeg", variant.ContentType);
            Assert.False(TestMedia.Contains(variant.Bytes, "Exif"), $"{variant.Name} has EXIF");
            Assert.False(TestMedia.Contains(variant.Bytes, TestMedia.CameraMake), $"{variant.Name} has the camera make");
            Assert.False(TestMedia.Contains(variant.Bytes, TestMedia.CameraModel), $"{variant.Name} has the camera model");
            Assert.False(TestMedia.Contains(variant.Bytes, TestMedia.Comment), $"{variant.Name} has the comment");
            Assert.DoesNotContain((byte)0xE1, TestMedia.JpegMarkers(variant.Bytes)); // no APP1 (EXIF/XMP)
            Assert.DoesNotContain((byte)0xFE, TestMedia.JpegMarkers(variant.Bytes)); // no COM

            // Stored 40 wide and 20 high with "rotate 90 clockwise": upright it is 20 x 40, red on top, blue below.
            using var bitmap = SKBitmap.Decode(variant.Bytes);
            Assert.Equal((20, 40), (bitmap.Width, bitmap.Height));
            Assert.Equal((variant.Width, variant.Height), (20, 40));
            AssertClose(SKColors.Red, bitmap.GetPixel(10, 5));
            AssertClose(SKColors.Blue, bitmap.GetPixel(10, 35));
        }
    }

    [Fact]
    public void Png_header_claiming_100000_by_100000_pixels_is_refused_without_decoding()
    {
        var bomb = TestMedia.PngBomb();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = _processor.Process(bomb, MediaFormat.Png);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.False(result.Succeeded);
        Assert.Contains("100,000 x 100,000 pixels", result.Error);
        Assert.Contains("at most 40 megapixels", result.Error);
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Jpeg_html_polyglot_comes_out_as_pixels_only()
    {
        var polyglot = TestMedia.Jpeg(64, 64).Concat("<html><script>alert(1)</script></html>"u8.ToArray()).ToArray();

        var result = _processor.Process(polyglot, MediaFormat.Jpeg);

        Assert.True(result.Succeeded, result.Error);
        Assert.All(result.Variants, v => Assert.False(TestMedia.Contains(v.Bytes, "<script")));
    }

    [Fact]
    public void Large_photo_gets_display_size_and_thumbnail_with_aspect_kept()
    {
        var result = _processor.Process(TestMedia.Jpeg(3200, 1000), MediaFormat.Jpeg);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([(3200, 1000), (1600, 500), (320, 100)], result.Variants.Select(v => (v.Width, v.Height)));
    }

    [Fact]
    public void Content_that_does_not_match_the_sniffed_type_is_refused()
    {
        var result = _processor.Process(TestMedia.Jpeg(8, 8), MediaFormat.Png);
        Assert.False(result.Succeeded);
        Assert.Contains("Accepted: JPEG, PNG, WebP or GIF photos and MP4 or WebM videos", result.Error);
    }

    [Fact]
    public void Twelve_megapixel_phone_photo_gets_all_three_sizes()
    {
        var jpeg = TestMedia.TwelveMegapixelJpeg();
        _processor.Process(TestMedia.Jpeg(100, 100), MediaFormat.Jpeg); // warm up native code

        var clock = Stopwatch.StartNew();
        var result = _processor.Process(jpeg, MediaFormat.Jpeg);
        clock.Stop();

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((4000, 3000), (result.Variants[0].Width, result.Variants[0].Height));
        output.WriteLine($"12 MP JPEG ({jpeg.Length / 1024} KiB) processed in {clock.ElapsedMilliseconds} ms; " +
            string.Join(", ", result.Variants.Select(v => $"{v.Name} {v.Width}x{v.Height} {v.Bytes.Length / 1024} KiB")));
        // The time is reported, not asserted: speed is measured by bench/, never by timed unit tests.
        Assert.Equal(["original", "display", "thumb"], result.Variants.Select(v => v.Name));
        Assert.True(result.Variants[1].Width <= 1600 && result.Variants[2].Width <= 320);
    }

    private static void AssertClose(SKColor expected, SKColor actual)
    {
        Assert.True(Math.Abs(expected.Red - actual.Red) < 40 && Math.Abs(expected.Green - actual.Green) < 40 && Math.Abs(expected.Blue - actual.Blue) < 40,
            $"expected about {expected}, got {actual}");
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, MediaFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg, MediaFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp, MediaFormat.WebP)]
    public void Photo_larger_than_the_stored_size_is_kept_at_that_size_with_its_colours(SKEncodedImageFormat encoded, MediaFormat format)
    {
        var processor = new ImageProcessor(new MediaOptions { MaxStoredSize = 500, DisplaySize = 200, ThumbnailSize = 50 });
        using var bitmap = new SKBitmap(2003, 1001, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(200, 40, 90));
            using var paint = new SKPaint { Color = new SKColor(10, 220, 30) };
            canvas.DrawRect(0, 0, 1001, 1001, paint); // left half green
        }
        using var data = SKImage.FromBitmap(bitmap).Encode(encoded, 95);

        var result = processor.Process(data.ToArray(), format);

        Assert.True(result.Succeeded, result.Error);
        var original = result.Variants[0];
        Assert.True(Math.Max(original.Width, original.Height) <= 500, $"{original.Width}x{original.Height}");
        Assert.InRange(original.Width / (double)original.Height, 1.9, 2.1);
        using var kept = SKBitmap.Decode(original.Bytes);
        var left = kept.GetPixel(kept.Width / 4, kept.Height / 2);
        var right = kept.GetPixel(kept.Width * 3 / 4, kept.Height / 2);
        Assert.InRange(left.Green, 200, 240);
        Assert.InRange(right.Red, 180, 220);
    }
}
