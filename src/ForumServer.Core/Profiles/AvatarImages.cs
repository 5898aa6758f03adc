using ForumServer.Core.Media;
using SkiaSharp;

namespace ForumServer.Core.Profiles;

/// <summary>
/// Turns an uploaded photo into the three square avatar files. The media pipeline's <see cref="ImageProcessor"/>
/// decides whether it is an image and re-encodes it without metadata; this only crops the centre square and scales.
/// </summary>
public sealed class AvatarImages(ImageProcessor processor)
{
    public const string Accepted = "JPEG, PNG, WebP, GIF";
    private static readonly SKSamplingOptions Sampling = new(SKCubicResampler.Mitchell);

    public (IReadOnlyList<(int Size, byte[] Bytes)> Files, string ContentType, string? Error) Make(byte[] upload)
    {
        var format = MediaSniffer.Detect(upload.AsSpan(0, Math.Min(upload.Length, MediaSniffer.HeaderLength)));
        if (format == MediaFormat.Unknown || MediaSniffer.KindOf(format) != MediaKind.Photo)
            return ([], "", $"The file is not an image. Accepted: {Accepted}.");
        var processed = processor.Process(upload, format);
        if (!processed.Succeeded) return ([], "", processed.Error);

        var clean = processed.Variants[0];
        using var bitmap = SKBitmap.Decode(clean.Bytes);
        if (bitmap is null) return ([], "", $"The file is not an image. Accepted: {Accepted}.");
        var side = Math.Min(bitmap.Width, bitmap.Height);
        var crop = new SKRectI((bitmap.Width - side) / 2, (bitmap.Height - side) / 2, (bitmap.Width - side) / 2 + side, (bitmap.Height - side) / 2 + side);
        using var square = new SKBitmap();
        if (!bitmap.ExtractSubset(square, crop)) return ([], "", $"The file is not an image. Accepted: {Accepted}.");

        var opaque = bitmap.AlphaType == SKAlphaType.Opaque;
        var (encodeAs, contentType) = opaque ? (SKEncodedImageFormat.Jpeg, "image/jpeg") : (SKEncodedImageFormat.Png, "image/png");
        var files = new List<(int, byte[])>();
        foreach (var size in AvatarSizes.All)
        {
            var target = Math.Min(size, side);
            using var scaled = square.Resize(new SKImageInfo(target, target, square.ColorType, square.AlphaType), Sampling);
            using var image = SKImage.FromBitmap(scaled ?? square);
            using var data = image.Encode(encodeAs, 85);
            files.Add((size, data.ToArray()));
        }
        return (files, contentType, null);
    }
}
