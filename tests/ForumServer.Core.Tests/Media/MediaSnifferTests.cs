using ForumServer.Core.Media;
using ForumServer.Tests.Media;

namespace ForumServer.Core.Tests.Media;

public sealed class MediaSnifferTests
{
    [Fact]
    public void Formats_are_told_by_their_first_bytes()
    {
        Assert.Equal(MediaFormat.Jpeg, MediaSniffer.Detect(TestMedia.Jpeg(4, 4)));
        Assert.Equal(MediaFormat.Png, MediaSniffer.Detect(TestMedia.PngBomb()));
        Assert.Equal(MediaFormat.Mp4, MediaSniffer.Detect(TestMedia.Mp4()));
        Assert.Equal(MediaFormat.WebM, MediaSniffer.Detect(TestMedia.WebM()));
        Assert.Equal(MediaFormat.Gif, MediaSniffer.Detect("GIF89a\x01\0\x01\0"u8));
        Assert.Equal(MediaFormat.WebP, MediaSniffer.Detect("RIFF\0\0\0\0WEBPVP8 "u8));
        Assert.Equal(MediaFormat.Unknown, MediaSniffer.Detect(TestMedia.Html()));
        Assert.Equal(MediaFormat.Unknown, MediaSniffer.Detect(TestMedia.Svg()));
    }

    [Fact]
    public void Well_formed_videos_pass_the_container_walk()
    {
        Assert.True(VideoValidator.IsValid(new MemoryStream(TestMedia.Mp4()), MediaFormat.Mp4));
        Assert.True(VideoValidator.IsValid(new MemoryStream(TestMedia.WebM()), MediaFormat.WebM));
    }

    [Fact]
    public void Videos_with_foreign_bytes_or_cut_short_fail_the_container_walk()
    {
        var html = "<html><script>alert(1)</script></html>"u8.ToArray();
        Assert.False(VideoValidator.IsValid(new MemoryStream([.. TestMedia.Mp4(), .. html]), MediaFormat.Mp4));
        Assert.False(VideoValidator.IsValid(new MemoryStream(TestMedia.Mp4()[..^10]), MediaFormat.Mp4));
        Assert.False(VideoValidator.IsValid(new MemoryStream([.. TestMedia.WebM(), .. html]), MediaFormat.WebM));
        Assert.False(VideoValidator.IsValid(new MemoryStream(TestMedia.WebM()[..^10]), MediaFormat.WebM));
        var noMovie = TestMedia.Mp4();
        "free"u8.CopyTo(noMovie.AsSpan(32)); // moov renamed: no movie header anywhere
        Assert.False(VideoValidator.IsValid(new MemoryStream(noMovie), MediaFormat.Mp4));
    }

    [Fact]
    public void Videos_without_a_track_with_samples_or_without_media_are_refused()
    {
        Assert.False(VideoValidator.IsValid(new MemoryStream(TestMedia.Mp4(withTrack: false)), MediaFormat.Mp4));
        Assert.False(VideoValidator.IsValid(new MemoryStream(TestMedia.Mp4(samples: 0)), MediaFormat.Mp4));
        Assert.False(VideoValidator.IsValid(new MemoryStream(TestMedia.WebM(withTracks: false)), MediaFormat.WebM));
        Assert.False(VideoValidator.IsValid(new MemoryStream(TestMedia.WebM(withCluster: false)), MediaFormat.WebM));
    }

    [Fact]
    public void Bytes_in_unchecked_boxes_are_blanked_and_offsets_kept()
    {
        var html = "<html><script>alert(1)</script></html>"u8.ToArray();
        foreach (var (bytes, format) in new[] { (TestMedia.Mp4(freeBox: html), MediaFormat.Mp4), (TestMedia.WebM(voidBytes: html), MediaFormat.WebM) })
        {
            using var stream = new MemoryStream();
            stream.Write(bytes);
            Assert.Equal((true, true), VideoValidator.Check(stream, format));
            var after = stream.ToArray();
            Assert.Equal(bytes.Length, after.Length);
            Assert.False(TestMedia.Contains(after, "<script"), format.ToString());
            Assert.True(VideoValidator.IsValid(new MemoryStream(after), format));
        }
        using var clean = new MemoryStream();
        clean.Write(TestMedia.Mp4());
        Assert.Equal((true, false), VideoValidator.Check(clean, MediaFormat.Mp4));
    }
}
