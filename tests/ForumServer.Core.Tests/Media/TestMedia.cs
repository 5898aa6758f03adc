using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace ForumServer.Tests.Media;

/// <summary>Builds the files the media tests upload, byte by byte, so every test knows exactly what went in.</summary>
public static class TestMedia
{
    public const string CameraMake = "ForumTestCam";
    public const string CameraModel = "GpsLeakModel";
    public const string Comment = "secret-comment-4711";

    /// <summary>A 40 x 20 JPEG, left half red and right half blue, stored rotated: EXIF orientation 6 says "turn 90 degrees clockwise".</summary>
    public static byte[] PhoneJpegWithGps() => InsertAfterSoi(Jpeg(40, 20, 95), ExifSegment(orientation: 6), CommentSegment(Comment));

    public static byte[] Jpeg(int width, int height, int quality = 90)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 2f, height, red);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    /// <summary>A photo-like 4000 x 3000 image (12 megapixels) with gradients and noise, so the encoder has real work.</summary>
    public static byte[] TwelveMegapixelJpeg()
    {
        const int w = 4000, h = 3000;
        using var bitmap = new SKBitmap(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var pixels = new int[w * h];
        var random = new Random(12);
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var noise = random.Next(32);
                uint r = (uint)((x * 255 / w + noise) & 0xFF), g = (uint)((y * 255 / h + noise) & 0xFF), b = (uint)(((x + y) * 128 / (w + h) + noise) & 0xFF);
                pixels[y * w + x] = unchecked((int)(0xFF000000 | (b << 16) | (g << 8) | r));
            }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 92);
        return InsertAfterSoi(data.ToArray(), ExifSegment(orientation: 1));
    }

    /// <summary>A PNG whose header claims 100,000 x 100,000 pixels (40 GB decoded) with a few bytes of image data.</summary>
    public static byte[] PngBomb()
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, 100_000);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 100_000);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        Chunk(output, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(new byte[4096]);
            Chunk(output, "IDAT", compressed.ToArray());
        }
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>
    /// An MP4 with its essential top-level boxes: ftyp, moov (mvhd and one trak whose sample table counts one sample)
    /// and mdat of <paramref name="mediaBytes"/>; <paramref name="samples"/> 0 or <paramref name="withTrack"/> false make a fake.
    /// </summary>
    public static byte[] Mp4(int mediaBytes = 5000, int samples = 1, bool withTrack = true, byte[]? freeBox = null)
    {
        using var output = new MemoryStream();
        Box(output, "ftyp", [.. "isom"u8, 0, 0, 2, 0, .. "isomiso2mp41"u8]);
        var mvhd = new byte[100];
        BinaryPrimitives.WriteUInt32BigEndian(mvhd.AsSpan(12), 1000); // timescale
        BinaryPrimitives.WriteUInt32BigEndian(mvhd.AsSpan(20), 0x00010000); // rate 1.0
        BinaryPrimitives.WriteUInt16BigEndian(mvhd.AsSpan(24), 0x0100); // volume 1.0
        BinaryPrimitives.WriteUInt32BigEndian(mvhd.AsSpan(96), 2); // next track id
        using (var moov = new MemoryStream())
        {
            Box(moov, "mvhd", mvhd);
            if (withTrack)
            {
                var stsz = new byte[12];
                BinaryPrimitives.WriteUInt32BigEndian(stsz.AsSpan(4), (uint)mediaBytes); // every sample this size
                BinaryPrimitives.WriteUInt32BigEndian(stsz.AsSpan(8), (uint)samples);
                Box(moov, "trak", Boxed("mdia", Boxed("minf", Boxed("stbl", Boxed("stsz", stsz)))));
            }
            Box(output, "moov", moov.ToArray());
        }
        if (freeBox is not null) Box(output, "free", freeBox);
        Box(output, "mdat", Pattern(mediaBytes));
        return output.ToArray();
    }

    /// <summary>
    /// A WebM: EBML header with DocType "webm" and a Segment holding Info, Tracks with one TrackEntry and a Cluster
    /// whose SimpleBlock carries <paramref name="fillerBytes"/>; <paramref name="voidBytes"/> adds a Void element.
    /// </summary>
    public static byte[] WebM(int fillerBytes = 3000, bool withTracks = true, bool withCluster = true, byte[]? voidBytes = null)
    {
        using var header = new MemoryStream();
        header.Write([0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2, 0x81, 0x04, 0x42, 0xF3, 0x81, 0x08]);
        header.Write([0x42, 0x82, 0x84, .. "webm"u8, 0x42, 0x87, 0x81, 0x02, 0x42, 0x85, 0x81, 0x02]);
        using var segment = new MemoryStream();
        segment.Write([0x15, 0x49, 0xA9, 0x66, 0x84, 0x2A, 0xD7, 0xB1, 0x80 | 0x00]); // Info { TimecodeScale (empty) }
        if (withTracks) segment.Write([0x16, 0x54, 0xAE, 0x6B, 0x85, 0xAE, 0x83, 0xD7, 0x81, 0x01]); // Tracks { TrackEntry { TrackNumber 1 } }
        if (voidBytes is not null) Element(segment, [0xEC], voidBytes);
        if (withCluster)
        {
            using var cluster = new MemoryStream();
            cluster.Write([0xE7, 0x81, 0x00]); // Timecode 0
            Element(cluster, [0xA3], [0x81, 0x00, 0x00, 0x80, .. Pattern(fillerBytes)]); // SimpleBlock, track 1, keyframe
            Element(segment, [0x1F, 0x43, 0xB6, 0x75], cluster.ToArray());
        }
        using var output = new MemoryStream();
        output.Write([0x1A, 0x45, 0xDF, 0xA3, (byte)(0x80 | header.Length)]);
        header.WriteTo(output);
        Element(output, [0x18, 0x53, 0x80, 0x67], segment.ToArray());
        return output.ToArray();
    }

    /// <summary>An EBML element with a 4-byte size.</summary>
    private static void Element(Stream output, byte[] id, byte[] payload)
    {
        output.Write(id);
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(size, 0x10000000 | (uint)payload.Length);
        output.Write(size);
        output.Write(payload);
    }

    private static byte[] Boxed(string type, byte[] payload)
    {
        using var output = new MemoryStream();
        Box(output, type, payload);
        return output.ToArray();
    }

    public static byte[] Svg() => "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"10\" height=\"10\"/></svg>"u8.ToArray();

    public static byte[] Html() => "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray();

    public static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;

    /// <summary>The marker bytes (0xE0..0xFE) of every JPEG segment before the image data.</summary>
    public static List<byte> JpegMarkers(byte[] jpeg)
    {
        var markers = new List<byte>();
        var i = 2;
        while (i + 4 <= jpeg.Length && jpeg[i] == 0xFF)
        {
            var marker = jpeg[i + 1];
            markers.Add(marker);
            if (marker == 0xDA) break; // start of scan: image data follows
            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 2));
        }
        return markers;
    }

    private static byte[] InsertAfterSoi(byte[] jpeg, params byte[][] segments) =>
        [.. jpeg.AsSpan(0, 2), .. segments.SelectMany(s => s), .. jpeg.AsSpan(2)];

    private static byte[] CommentSegment(string text)
    {
        var body = Encoding.ASCII.GetBytes(text);
        var segment = new byte[4 + body.Length];
        segment[0] = 0xFF; segment[1] = 0xFE;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + body.Length));
        body.CopyTo(segment, 4);
        return segment;
    }

    /// <summary>An APP1 "Exif" segment: IFD0 with Make, Model, Orientation and a GPS IFD with latitude and longitude.</summary>
    private static byte[] ExifSegment(ushort orientation)
    {
        var tiff = new byte[190];
        var t = tiff.AsSpan();
        "II"u8.CopyTo(t);
        BinaryPrimitives.WriteUInt16LittleEndian(t[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(t[4..], 8);
        const int gpsIfd = 62, make = 116, model = 129, lat = 142, lon = 166;
        Ifd(t[8..], [(0x010F, 2, 13, make), (0x0110, 2, 13, model), (0x0112, 3, 1, orientation), (0x8825, 4, 1, gpsIfd)]);
        Ifd(t[gpsIfd..], [(0x0001, 2, 2, 'N'), (0x0002, 5, 3, lat), (0x0003, 2, 2, 'E'), (0x0004, 5, 3, lon)]);
        Encoding.ASCII.GetBytes(CameraMake + "\0").CopyTo(t[make..]);
        Encoding.ASCII.GetBytes(CameraModel + "\0").CopyTo(t[model..]);
        Rationals(t[lat..], (45, 1), (27, 1), (53123, 1000));
        Rationals(t[lon..], (9, 1), (11, 1), (24789, 1000));

        byte[] body = [.. "Exif\0\0"u8, .. tiff];
        var segment = new byte[4 + body.Length];
        segment[0] = 0xFF; segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + body.Length));
        body.CopyTo(segment, 4);
        return segment;

        static void Ifd(Span<byte> at, (ushort Tag, ushort Type, uint Count, uint Value)[] entries)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)entries.Length);
            for (var i = 0; i < entries.Length; i++)
            {
                var e = at[(2 + 12 * i)..];
                BinaryPrimitives.WriteUInt16LittleEndian(e, entries[i].Tag);
                BinaryPrimitives.WriteUInt16LittleEndian(e[2..], entries[i].Type);
                BinaryPrimitives.WriteUInt32LittleEndian(e[4..], entries[i].Count);
                if (entries[i].Type == 3) BinaryPrimitives.WriteUInt16LittleEndian(e[8..], (ushort)entries[i].Value);
                else BinaryPrimitives.WriteUInt32LittleEndian(e[8..], entries[i].Value);
            }
            BinaryPrimitives.WriteUInt32LittleEndian(at[(2 + 12 * entries.Length)..], 0);
        }

        static void Rationals(Span<byte> at, params (uint N, uint D)[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(at[(8 * i)..], values[i].N);
                BinaryPrimitives.WriteUInt32LittleEndian(at[(8 * i + 4)..], values[i].D);
            }
        }
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        output.Write(length);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        output.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        output.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    private static void Box(Stream output, string type, byte[] payload)
    {
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(size, (uint)(8 + payload.Length));
        output.Write(size);
        output.Write(Encoding.ASCII.GetBytes(type));
        output.Write(payload);
    }

    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = (byte)(i * 7 % 251);
        return bytes;
    }
}
