using System.Security.Cryptography;
using ForumServer.Core.Localization;
using SkiaSharp;

namespace ForumServer.Core.Media;

/// <summary>An encoded image ready to store.</summary>
public sealed record EncodedImage(string Name, byte[] Bytes, string ContentType, int Width, int Height);

/// <summary>The outcome of processing a photo: the variants to store, or why it was refused.</summary>
public sealed record ProcessedPhoto(IReadOnlyList<EncodedImage> Variants, string? Error)
{
    public bool Succeeded => Error is null;
    public static ProcessedPhoto Refused(string error) => new([], error);
}

/// <summary>
/// Decodes a photo with SkiaSharp and writes fresh files from the pixels alone: EXIF orientation applied, every
/// metadata block (EXIF, GPS, XMP, comments) left behind, plus a display size and a thumbnail. The pixel count is
/// read from the header and checked before any pixel memory is allocated.
/// </summary>
public sealed class ImageProcessor(MediaOptions options)
{
    private const int JpegQuality = 85;
    private static readonly SKSamplingOptions Sampling = new(SKCubicResampler.Mitchell);

    public ProcessedPhoto Process(byte[] data, MediaFormat claimed)
    {
        using var skData = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(skData);
        if (codec is null) return ProcessedPhoto.Refused(Texts.T("The file could not be read as an image. Accepted: {0}.", MediaOptions.Accepted));
        if (FormatOf(codec.EncodedFormat) != claimed)
            return ProcessedPhoto.Refused(Texts.T("The file's content does not match its image type. Accepted: {0}.", MediaOptions.Accepted));

        var info = codec.Info;
        var pixels = (long)info.Width * info.Height;
        if (info.Width <= 0 || info.Height <= 0 || pixels > options.MaxPhotoPixels)
            return ProcessedPhoto.Refused(
                Texts.T("The image is {0:N0} x {1:N0} pixels; at most {2:0.#} megapixels are accepted.", info.Width, info.Height, options.MaxPhotoPixels / 1_000_000.0));

        var decodeInfo = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888,
            info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        var decoded = Decode(codec, decodeInfo, out var result);
        if (decoded is null)
            return ProcessedPhoto.Refused(Texts.T("The image is damaged or incomplete ({0}). Accepted: {1}.", result, MediaOptions.Accepted));
        // A photo decoded whole (PNG, GIF) is brought to the stored size at once and its full-size pixels let go.
        if (Shrink(decoded, options.MaxStoredSize) is { } kept)
        {
            decoded.Dispose();
            decoded = kept;
        }
        using var upright = ApplyOrientation(decoded, codec.EncodedOrigin);
        if (!ReferenceEquals(upright, decoded)) decoded.Dispose();
        var (format, contentType) = OutputFormatOf(claimed);
        var variants = new List<EncodedImage>
        {
            Encode(MediaVariant.Original, upright, format, contentType),
        };
        using (var display = Shrink(upright, options.DisplaySize))
            variants.Add(Encode(MediaVariant.Display, display ?? upright, format, contentType));
        using (var thumb = Shrink(upright, options.ThumbnailSize))
            variants.Add(Encode(MediaVariant.Thumbnail, thumb ?? upright, format, contentType));
        return new ProcessedPhoto(variants, null);
    }

    /// <summary>
    /// The pixels, scaled down towards <see cref="MediaOptions.MaxStoredSize"/> while decoding where the codec allows:
    /// a larger JPEG is read one row at a time and averaged into the smaller bitmap, a WebP is scaled by its decoder,
    /// so memory follows the size kept, not the size claimed. Skia has no row decoding for PNG and GIF: those are
    /// decoded whole (4 bytes per pixel, bounded by <see cref="MediaOptions.MaxPhotoPixels"/> and by how many are
    /// processed at once).
    /// </summary>
    private SKBitmap? Decode(SKCodec codec, SKImageInfo full, out SKCodecResult result)
    {
        var factor = (Math.Max(full.Width, full.Height) + options.MaxStoredSize - 1) / options.MaxStoredSize;
        if (factor > 1)
        {
            if (codec.EncodedFormat == SKEncodedImageFormat.Webp)
            {
                // Skia's WebP decoder scales while decoding.
                var scaled = codec.GetScaledDimensions(1f / factor);
                if (scaled.Width < full.Width)
                {
                    var bitmap = new SKBitmap(full.WithSize(scaled.Width, scaled.Height));
                    result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
                    if (result == SKCodecResult.Success) return bitmap;
                    bitmap.Dispose();
                    return null;
                }
            }
            else if (codec.StartScanlineDecode(full) == SKCodecResult.Success && codec.ScanlineOrder == SKCodecScanlineOrder.TopDown)
                return DecodeByRows(codec, full, factor, out result);
        }
        var whole = new SKBitmap(full);
        result = codec.GetPixels(full, whole.GetPixels());
        if (result == SKCodecResult.Success) return whole;
        whole.Dispose();
        return null;
    }

    /// <summary>Box-averages each <paramref name="factor"/> x <paramref name="factor"/> block of rows as they are decoded.</summary>
    private static SKBitmap? DecodeByRows(SKCodec codec, SKImageInfo full, int factor, out SKCodecResult result)
    {
        int width = full.Width, height = full.Height;
        int targetWidth = (width + factor - 1) / factor, targetHeight = (height + factor - 1) / factor;
        var target = new SKBitmap(full.WithSize(targetWidth, targetHeight));
        var row = new byte[width * 4];
        var sums = new ulong[targetWidth * 4];
        var pixels = target.GetPixelSpan();
        var rowsInBlock = 0;
        var targetRow = 0;
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(row, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            for (var y = 0; y < height; y++)
            {
                if (codec.GetScanlines(handle.AddrOfPinnedObject(), 1, row.Length) != 1)
                {
                    target.Dispose();
                    result = SKCodecResult.IncompleteInput;
                    return null;
                }
                for (var x = 0; x < width; x++)
                {
                    var to = x / factor * 4;
                    var from = x * 4;
                    sums[to] += row[from];
                    sums[to + 1] += row[from + 1];
                    sums[to + 2] += row[from + 2];
                    sums[to + 3] += row[from + 3];
                }
                if (++rowsInBlock < factor && y < height - 1) continue;
                var line = pixels.Slice(targetRow * target.RowBytes, targetWidth * 4);
                for (var bx = 0; bx < targetWidth; bx++)
                {
                    var count = (ulong)rowsInBlock * (ulong)Math.Min(factor, width - bx * factor);
                    for (var c = 0; c < 4; c++)
                        line[bx * 4 + c] = (byte)((sums[bx * 4 + c] + count / 2) / count);
                }
                Array.Clear(sums);
                rowsInBlock = 0;
                targetRow++;
            }
        }
        finally
        {
            handle.Free();
        }
        result = SKCodecResult.Success;
        return target;
    }

    public static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..32];

    private static MediaFormat FormatOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => MediaFormat.Jpeg,
        SKEncodedImageFormat.Png => MediaFormat.Png,
        SKEncodedImageFormat.Webp => MediaFormat.WebP,
        SKEncodedImageFormat.Gif => MediaFormat.Gif,
        _ => MediaFormat.Unknown,
    };

    // Skia writes no GIF; a GIF becomes a PNG of its first frame.
    private static (SKEncodedImageFormat, string) OutputFormatOf(MediaFormat format) => format switch
    {
        MediaFormat.Jpeg => (SKEncodedImageFormat.Jpeg, "image/jpeg"),
        MediaFormat.WebP => (SKEncodedImageFormat.Webp, "image/webp"),
        _ => (SKEncodedImageFormat.Png, "image/png"),
    };

    private static EncodedImage Encode(string name, SKBitmap bitmap, SKEncodedImageFormat format, string contentType)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, JpegQuality)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode {format}.");
        return new EncodedImage(name, data.ToArray(), contentType, bitmap.Width, bitmap.Height);
    }

    /// <summary>A copy whose longest side is <paramref name="longest"/>, or null when the image is already that small.</summary>
    private static SKBitmap? Shrink(SKBitmap source, int longest)
    {
        var side = Math.Max(source.Width, source.Height);
        if (side <= longest) return null;
        var scale = (double)longest / side;
        var info = source.Info.WithSize(Math.Max(1, (int)Math.Round(source.Width * scale)), Math.Max(1, (int)Math.Round(source.Height * scale)));
        return source.Resize(info, Sampling) ?? throw new InvalidOperationException("SkiaSharp could not resize the image.");
    }

    private static SKBitmap ApplyOrientation(SKBitmap source, SKEncodedOrigin origin)
    {
        int w = source.Width, h = source.Height;
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        // Maps a source pixel (x, y) to where it belongs when the image is shown upright.
        SKMatrix? matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => null,
        };
        if (matrix is null) return source;
        var target = new SKBitmap(source.Info.WithSize(swaps ? h : w, swaps ? w : h));
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.Transparent);
        canvas.SetMatrix(matrix.Value);
        canvas.DrawBitmap(source, 0, 0);
        canvas.Flush();
        return target;
    }
}
