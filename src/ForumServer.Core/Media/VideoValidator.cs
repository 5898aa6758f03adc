using System.Buffers.Binary;

namespace ForumServer.Core.Media;

/// <summary>
/// Checks that a video is what its magic bytes claim by walking its container structure: for MP4 every top-level
/// box from the first byte to the last (ftyp first, a moov present, sizes adding up exactly); for WebM the EBML
/// header with DocType "webm" followed by a Segment that fits the file. Trailing or foreign bytes fail the walk.
/// </summary>
public static class VideoValidator
{
    public static bool IsValid(Stream video, MediaFormat format)
    {
        video.Position = 0;
        try
        {
            return format switch
            {
                MediaFormat.Mp4 => IsValidMp4(video),
                MediaFormat.WebM => IsValidWebM(video),
                _ => false,
            };
        }
        catch (EndOfStreamException)
        {
            return false;
        }
        finally
        {
            video.Position = 0;
        }
    }

    private static bool IsValidMp4(Stream s)
    {
        var length = s.Length;
        long position = 0;
        var first = true;
        var sawMovie = false;
        Span<byte> header = stackalloc byte[16];
        while (position < length)
        {
            if (length - position < 8) return false;
            s.Position = position;
            s.ReadExactly(header[..8]);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = header[4..8];
            foreach (var c in type) if (c is < 0x20 or > 0x7E) return false;
            var headerSize = 8;
            if (size == 1)
            {
                s.ReadExactly(header[8..16]);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..16]);
                headerSize = 16;
            }
            else if (size == 0) size = length - position;
            if (size < headerSize || size > length - position) return false;

            if (first)
            {
                if (!type.SequenceEqual("ftyp"u8) || size < 16) return false;
                first = false;
            }
            if (type.SequenceEqual("moov"u8)) sawMovie = true;
            position += size;
        }
        return !first && sawMovie;
    }

    private static bool IsValidWebM(Stream s)
    {
        var length = s.Length;
        if (ReadId(s) != 0x1A45DFA3) return false;
        var headerSize = ReadSize(s, out var unknown);
        if (unknown || (long)headerSize > length - s.Position) return false;
        var headerEnd = s.Position + (long)headerSize;
        var docType = "";
        while (s.Position < headerEnd)
        {
            var id = ReadId(s);
            var size = ReadSize(s, out var unknownChild);
            if (unknownChild || (long)size > headerEnd - s.Position) return false;
            if (id == 0x4282)
            {
                var buffer = new byte[(int)Math.Min(size, 32)];
                s.ReadExactly(buffer);
                docType = MediaSniffer.Ascii(buffer).TrimEnd('\0');
                s.Position += (long)size - buffer.Length;
            }
            else s.Position += (long)size;
        }
        if (docType != "webm") return false;

        if (ReadId(s) != 0x18538067) return false;
        var segmentSize = ReadSize(s, out var unknownSegment);
        if (unknownSegment) return s.Position < length; // live recordings leave the size open
        return (long)segmentSize == length - s.Position;
    }

    private static uint ReadId(Stream s)
    {
        var first = ReadByte(s);
        var width = LeadingWidth(first);
        if (width is 0 or > 4) throw new EndOfStreamException();
        uint value = first;
        for (var i = 1; i < width; i++) value = (value << 8) | ReadByte(s);
        return value;
    }

    private static ulong ReadSize(Stream s, out bool unknown)
    {
        var first = ReadByte(s);
        var width = LeadingWidth(first);
        if (width == 0) throw new EndOfStreamException();
        ulong value = (ulong)(first & (0xFF >> width));
        var allOnes = value == (ulong)(0xFF >> width);
        for (var i = 1; i < width; i++)
        {
            var b = ReadByte(s);
            allOnes &= b == 0xFF;
            value = (value << 8) | b;
        }
        unknown = allOnes;
        return value;
    }

    private static int LeadingWidth(byte first)
    {
        for (var i = 0; i < 8; i++)
            if ((first & (0x80 >> i)) != 0) return i + 1;
        return 0;
    }

    private static byte ReadByte(Stream s)
    {
        var b = s.ReadByte();
        if (b < 0) throw new EndOfStreamException();
        return (byte)b;
    }
}
