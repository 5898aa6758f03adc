using System.Net;
using ForumServer.Media;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Lists;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ForumServer.Tests.Media;

/// <summary>The <c>Media</c> limits from configuration, and the sweeping of unattached uploads on a fake clock.</summary>
public sealed class MediaLimitTests : IDisposable
{
    private readonly FakeTimeApp _app = new(new()
    {
        ["Media:MaxPhotoBytes"] = "20000",
        ["Media:MaxVideoBytes"] = "30000",
        ["Media:MemberQuotaBytes"] = "50000",
    });

    public void Dispose() => _app.Dispose();

    private string[] MediaFiles()
    {
        var folder = Path.Combine(_app.DataFolder, "media");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    [Fact]
    public async Task Over_size_files_are_refused_with_the_limit_in_the_message()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");

        var photo = await alice.UploadAsync(new UploadedFile("big.jpg", [.. TestMedia.Jpeg(8, 8), .. new byte[25_000]], "image/jpeg"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, photo.StatusCode);
        Assert.Equal("big.jpg: The photo is too large: at most 19.5 KB per photo.", await MediaClient.ProblemDetailAsync(photo));

        var video = await alice.UploadAsync(new UploadedFile("long.webm", TestMedia.WebM(40_000), "video/webm"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, video.StatusCode);
        Assert.Equal("long.webm: The video is too large: at most 29.3 KB per video.", await MediaClient.ProblemDetailAsync(video));
        Assert.Empty(MediaFiles());
    }

    [Fact]
    public async Task Request_declaring_a_body_above_the_limit_is_refused_before_it_is_read()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var token = await alice.TokenFromAsync();
        var body = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        body.Headers.ContentType = new("multipart/form-data") { Parameters = { new("boundary", "x") } };

        var response = await alice.Client.PostAsync("/media", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.StartsWith("The upload is too large", await MediaClient.ProblemDetailAsync(response));
        Assert.NotEmpty(token);
    }

    [Fact]
    public async Task Member_over_quota_is_refused_and_nothing_more_is_stored()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        await alice.UploadOkAsync(new UploadedFile("a.mp4", TestMedia.Mp4(20_000), "video/mp4"));
        await alice.UploadOkAsync(new UploadedFile("b.mp4", TestMedia.Mp4(20_000), "video/mp4"));

        var third = await alice.UploadAsync(new UploadedFile("c.mp4", TestMedia.Mp4(20_000), "video/mp4")); // each MP4 with its track: 20,200 bytes

        Assert.Equal(HttpStatusCode.BadRequest, third.StatusCode);
        Assert.StartsWith("c.mp4: Your storage is full: you use 39.5 KB of 48.8 KB", await MediaClient.ProblemDetailAsync(third));
        Assert.Equal(2, MediaFiles().Length);
    }

    [Fact]
    public async Task Upload_never_attached_to_a_post_is_removed_by_the_background_job_after_24_hours()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var orphan = (await alice.UploadOkAsync(MediaClient.PhonePhoto()))[0];
        var used = (await alice.UploadOkAsync(MediaClient.Mp4Video()))[0];
        await alice.CreateTopicAsync(1, "Keeps its video", used.Markdown);
        Assert.Equal(4, MediaFiles().Length);

        // After the sweep at 23 hours (waited for, not slept on), both uploads are still there.
        var sweeper = _app.Services.GetServices<IHostedService>().OfType<MediaSweeper>().Single();
        await ListTestKit.WaitUntilAsync(() => Task.FromResult(sweeper.Runs > 0));
        var before = sweeper.Runs;
        _app.Time.Advance(TimeSpan.FromHours(23));
        await ListTestKit.WaitUntilAsync(() => Task.FromResult(sweeper.Runs > before));
        Assert.Equal(4, MediaFiles().Length);

        _app.Time.Advance(TimeSpan.FromHours(1.5));
        await Eventually.UntilAsync(() => MediaFiles().Length <= 1, TimeSpan.FromSeconds(10), () => $"{MediaFiles().Length} media files are left.");

        Assert.Single(MediaFiles());
        Assert.Equal(HttpStatusCode.NotFound, (await alice.Client.GetAsync($"/media/{orphan.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.Client.GetAsync($"/media/{used.Id}")).StatusCode);
    }

    private sealed class FakeTimeApp(Dictionary<string, string?> settings) : ForumApp(settings)
    {
        public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureMore(IWebHostBuilder builder) =>
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}
