using System.Buffers.Binary;

namespace ForumServer.Core.Media;

/// <summary>
/// Checks that a video is what its magic bytes claim by walking its container structure, and that it holds a real
/// track with samples. MP4/MOV: top-level boxes from the first byte to the last (ftyp first, sizes adding up
/// exactly), a moov whose trak has a sample table with at least one sample (stsz/stz2, or trun in fragments), and an
/// mdat. WebM: the EBML header with DocType "webm", then a Segment that fits the file with a Tracks element holding a
/// TrackEntry and at least one Cluster. Bytes in containers that are not checked (MP4 free/skip/unknown top-level
/// boxes, WebM Void, Attachments and unknown elements) are overwritten with zeros when the stream is writable, so the
/// file served back carries nothing but checked structure and media data; offsets stay as they were.
/// </summary>
public static class VideoValidator
{
    private static readonly string[] KeptBoxes = ["ftyp", "moov", "mdat", "moof", "mfra", "styp", "sidx"];

    private static readonly uint[] KeptSegmentChildren =
    [
        0x114D9B74, // SeekHead
        0x1549A966, // Info
        0x1654AE6B, // Tracks
        0x1F43B675, // Cluster
        0x1C53BB6B, // Cues
        0x1043A770, // Chapters
        0x1254C367, // Tags
    ];

    /// <summary>Whether the video is valid; when it is and the stream is writable, unchecked bytes are zeroed.</summary>
    public static bool IsValid(Stream video, MediaFormat format) => Check(video, format).Valid;

    /// <summary>Validates, blanks what was not checked, and tells whether any byte changed.</summary>
    public static (bool Valid, bool Changed) Check(Stream video, MediaFormat format)
    {
        video.Position = 0;
        var blank = new List<(long Start, long End)>();
        try
        {
            var valid = format switch
            {
                MediaFormat.Mp4 => IsValidMp4(video, blank),
                MediaFormat.WebM => IsValidWebM(video, blank),
                _ => false,
            };
            if (!valid) return (false, false);
            if (!video.CanWrite || blank.Count == 0) return (true, false);
            var zeros = new byte[81920];
            foreach (var (start, end) in blank)
            {
                video.Position = start;
                for (var left = end - start; left > 0; left -= Math.Min(left, zeros.Length))
                    video.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
            }
            video.Flush();
            return (true, true);
        }
        catch (EndOfStreamException)
        {
            return (false, false);
        }
        finally
        {
            video.Position = 0;
        }
    }

    private readonly record struct Box(string Type, long Start, long PayloadStart, long End);

    /// <summary>The boxes between <paramref name="start"/> and <paramref name="end"/>; null when their sizes do not add up exactly.</summary>
    private static List<Box>? BoxesIn(Stream s, long start, long end)
    {
        var boxes = new List<Box>();
        Span<byte> header = stackalloc byte[16];
        var position = start;
        while (position < end)
        {
            if (end - position < 8) return null;
            s.Position = position;
            s.ReadExactly(header[..8]);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = header[4..8];
            foreach (var c in type) if (c is < 0x20 or > 0x7E) return null;
            var headerSize = 8;
            if (size == 1)
            {
                if (end - position < 16) return null;
                s.ReadExactly(header[8..16]);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..16]);
                headerSize = 16;
            }
            else if (size == 0) size = end - position;
            if (size < headerSize || size > end - position) return null;
            boxes.Add(new Box(MediaSniffer.Ascii(type), position, position + headerSize, position + size));
            position += size;
        }
        return boxes;
    }

    private static bool IsValidMp4(Stream s, List<(long, long)> blank)
    {
        var boxes = BoxesIn(s, 0, s.Length);
        if (boxes is null || boxes.Count == 0 || boxes[0].Type != "ftyp" || boxes[0].End - boxes[0].Start < 16) return false;
        if (!boxes.Any(b => b.Type == "mdat")) return false;
        var movie = boxes.FirstOrDefault(b => b.Type == "moov");
        if (movie.Type is null) return false;
        var tracks = BoxesIn(s, movie.PayloadStart, movie.End)?.Where(b => b.Type == "trak").ToList();
        if (tracks is null || tracks.Count == 0) return false;
        var hasSamples = tracks.Any(t => SampleCount(s, t) > 0)
            || boxes.Where(b => b.Type == "moof").Any(m => FragmentSamples(s, m) > 0);
        if (!hasSamples) return false;
        foreach (var box in boxes.Where(b => !KeptBoxes.Contains(b.Type)))
            if (box.End > box.PayloadStart) blank.Add((box.PayloadStart, box.End));
        return true;
    }

    /// <summary>trak > mdia > minf > stbl > stsz or stz2: the sample count (0 when the path is missing).</summary>
    private static long SampleCount(Stream s, Box trak)
    {
        var box = trak;
        foreach (var step in new[] { "mdia", "minf", "stbl" })
        {
            var child = BoxesIn(s, box.PayloadStart, box.End)?.FirstOrDefault(b => b.Type == step);
            if (child?.Type is null) return 0;
            box = child.Value;
        }
        var table = BoxesIn(s, box.PayloadStart, box.End)?.FirstOrDefault(b => b.Type is "stsz" or "stz2");
        if (table?.Type is null) return 0;
        // stsz: version/flags, sample_size, sample_count; stz2: version/flags, reserved + field_size, sample_count.
        if (table.Value.End - table.Value.PayloadStart < 12) return 0;
        return ReadUInt32At(s, table.Value.PayloadStart + 8);
    }

    /// <summary>moof > traf > trun: the samples of one fragment.</summary>
    private static long FragmentSamples(Stream s, Box moof)
    {
        long total = 0;
        foreach (var traf in BoxesIn(s, moof.PayloadStart, moof.End)?.Where(b => b.Type == "traf") ?? [])
            foreach (var trun in BoxesIn(s, traf.PayloadStart, traf.End)?.Where(b => b.Type == "trun") ?? [])
                if (trun.End - trun.PayloadStart >= 8) total += ReadUInt32At(s, trun.PayloadStart + 4);
        return total;
    }

    private static uint ReadUInt32At(Stream s, long position)
    {
        Span<byte> value = stackalloc byte[4];
        s.Position = position;
        s.ReadExactly(value);
        return BinaryPrimitives.ReadUInt32BigEndian(value);
    }

    private static bool IsValidWebM(Stream s, List<(long, long)> blank)
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
        // Live recordings leave the segment size open: it then runs to the end of the file.
        if (!unknownSegment && (long)segmentSize != length - s.Position) return false;

        var tracks = 0;
        var clusters = 0;
        while (s.Position < length)
        {
            var id = ReadId(s);
            var size = ReadSize(s, out var unknownSize);
            var payload = s.Position;
            // Only a cluster may leave its size open (live recording); it then runs to the next cluster or the end.
            if (unknownSize && id != 0x1F43B675) return false;
            var end = unknownSize ? length : payload + (long)size;
            if (end > length) return false;
            if (id == 0x1654AE6B) tracks += CountChildren(s, payload, end, 0xAE);
            if (id == 0x1F43B675) clusters++;
            if (!KeptSegmentChildren.Contains(id) && end > payload) blank.Add((payload, end));
            if (unknownSize) break;
            s.Position = end;
        }
        return tracks > 0 && clusters > 0;
    }

    private static int CountChildren(Stream s, long start, long end, uint childId)
    {
        var count = 0;
        s.Position = start;
        while (s.Position < end)
        {
            var id = ReadId(s);
            var size = ReadSize(s, out var unknown);
            if (unknown || (long)size > end - s.Position) throw new EndOfStreamException();
            if (id == childId) count++;
            s.Position += (long)size;
        }
        return count;
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
