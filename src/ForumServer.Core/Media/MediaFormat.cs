using System.Text;

namespace ForumServer.Core.Media;

public enum MediaFormat { Unknown, Jpeg, Png, WebP, Gif, Mp4, WebM }

/// <summary>Tells a file's format from its first bytes (magic numbers), never from its name or the client's type.</summary>
public static class MediaSniffer
{
    public const int HeaderLength = 64;

    public static MediaFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return MediaFormat.Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return MediaFormat.Png;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return MediaFormat.Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return MediaFormat.WebP;
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8)) return MediaFormat.Mp4;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3])) return MediaFormat.WebM;
        return MediaFormat.Unknown;
    }

    public static MediaKind KindOf(MediaFormat format) => format is MediaFormat.Mp4 or MediaFormat.WebM ? MediaKind.Video : MediaKind.Photo;

    public static string ContentTypeOf(MediaFormat format) => format switch
    {
        MediaFormat.Jpeg => "image/jpeg",
        MediaFormat.Png => "image/png",
        MediaFormat.WebP => "image/webp",
        MediaFormat.Gif => "image/gif",
        MediaFormat.Mp4 => "video/mp4",
        MediaFormat.WebM => "video/webm",
        _ => "application/octet-stream",
    };

    public static string ExtensionOf(string contentType) => contentType switch
    {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        "image/gif" => "gif",
        "video/mp4" => "mp4",
        "video/webm" => "webm",
        _ => "bin",
    };

    internal static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);
}
