using System.Net;
using ForumServer.Core.Media;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Media;

/// <summary>Fake videos, the hourly upload limit under parallel uploads, and the bounded line of photos being processed.</summary>
public sealed class MediaHardeningTests
{
    private static string[] MediaFiles(ForumApp app)
    {
        var folder = Path.Combine(app.DataFolder, "media");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    private static async Task<int> StoredItemsAsync(ForumApp app) =>
        (await app.Service<IMediaItemStore>().ListUnattachedBeforeAsync(DateTimeOffset.MaxValue, 1000)).Count;

    [Theory]
    [InlineData("no-track")]
    [InlineData("no-samples")]
    [InlineData("webm-no-tracks")]
    [InlineData("webm-no-cluster")]
    public async Task Video_without_a_track_holding_samples_is_refused_and_nothing_is_stored(string kind)
    {
        using var app = new ForumApp();
        using var alice = await app.NewMemberAsync("Alice", "alice@example.org");
        var file = kind switch
        {
            "no-track" => new UploadedFile("fake.mp4", TestMedia.Mp4(withTrack: false, freeBox: TestMedia.Html()), "video/mp4"),
            "no-samples" => new UploadedFile("fake.mp4", TestMedia.Mp4(samples: 0), "video/mp4"),
            "webm-no-tracks" => new UploadedFile("fake.webm", TestMedia.WebM(withTracks: false), "video/webm"),
            _ => new UploadedFile("fake.webm", TestMedia.WebM(withCluster: false), "video/webm"),
        };

        var response = await alice.UploadAsync(file);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not a valid", await MediaClient.ProblemDetailAsync(response));
        Assert.Contains("at least one track holding samples", await MediaClient.ProblemDetailAsync(response));
        Assert.Empty(MediaFiles(app));
        Assert.Equal(0, await StoredItemsAsync(app));
    }

    [Fact]
    public async Task Html_hidden_in_a_free_box_of_a_real_video_is_never_served()
    {
        using var app = new ForumApp();
        using var alice = await app.NewMemberAsync("Alice", "alice@example.org");
        var video = TestMedia.Mp4(freeBox: TestMedia.Html());

        var items = await alice.UploadOkAsync(new UploadedFile("clip.mp4", video, "video/mp4"));

        using var anon = app.NewBrowser();
        var served = await anon.Client.GetAsync($"/media/{items[0].Id}");
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.Equal("video/mp4", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(video.Length, bytes.Length);
        Assert.False(TestMedia.Contains(bytes, "<script"));
        Assert.False(TestMedia.Contains(bytes, "<html"));
        // The ETag names the bytes served, not the ones uploaded.
        var again = new HttpRequestMessage(HttpMethod.Get, $"/media/{items[0].Id}");
        again.Headers.IfNoneMatch.Add(served.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anon.Client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Eighty_parallel_uploads_of_one_member_against_a_limit_of_60_store_exactly_60()
    {
        using var app = new ForumApp(new() { ["Media:UploadsPerHour"] = "60", ["Media:MaxQueuedProcessing"] = "200" });
        using var alice = await app.NewMemberAsync("Alice", "alice@example.org");
        var token = await alice.TokenFromAsync();
        var photo = TestMedia.Jpeg(32, 32);

        var responses = await Task.WhenAll(Enumerable.Range(0, 80).Select(i => Task.Run(() =>
            alice.Client.PostAsync("/media", MediaClient.Form(token, new UploadedFile($"p{i}.jpg", photo, "image/jpeg"))))));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        var answers = string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Count()}x {(int)g.Key}"))
            + " " + string.Join(" | ", (await Task.WhenAll(responses.Where(r => r.StatusCode != HttpStatusCode.Created).Select(MediaClient.ProblemDetailAsync))).Distinct());
        Assert.True(statuses.Count(s => s == HttpStatusCode.Created) == 60, answers);
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.BadRequest));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.BadRequest))
            Assert.Contains("You can upload at most 60 files per hour", await MediaClient.ProblemDetailAsync(refused));
        Assert.Equal(60, await StoredItemsAsync(app));
        Assert.Equal(60 * 3, MediaFiles(app).Length);
    }

    [Fact]
    public async Task When_the_processing_line_is_full_an_upload_gets_503_with_retry_after_and_nothing_is_stored()
    {
        using var app = new ForumApp(new() { ["Media:MaxConcurrentProcessing"] = "1", ["Media:MaxQueuedProcessing"] = "0" });
        using var alice = await app.NewMemberAsync("Alice", "alice@example.org");
        var token = await alice.TokenFromAsync();
        var photo = TestMedia.TwelveMegapixelJpeg();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            alice.Client.PostAsync("/media", MediaClient.Form(token, new UploadedFile($"big{i}.jpg", photo, "image/jpeg"))))));

        var busy = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(responses.Length, busy.Count + created);
        Assert.NotEmpty(busy);
        foreach (var response in busy)
        {
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Contains("The server is busy processing other photos", await MediaClient.ProblemDetailAsync(response));
        }
        Assert.Equal(created, await StoredItemsAsync(app));
        Assert.Equal(created * 3, MediaFiles(app).Length);
    }
}
