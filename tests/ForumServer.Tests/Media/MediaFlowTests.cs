using System.Diagnostics;
using System.Net;
using ForumServer.Tests.Infrastructure;
using SkiaSharp;
using Xunit.Abstractions;

namespace ForumServer.Tests.Media;

/// <summary>
/// Photos and videos from upload to page. The tests share one app, each with a member of its own; the tests that
/// count the files in the media folder are in <see cref="MediaStorageTests"/>, on an app per test.
/// </summary>
public sealed class MediaFlowTests(SharedForumApp app, ITestOutputHelper output) : IClassFixture<SharedForumApp>
{
    private readonly ForumApp _app = app;

    private string[] MediaFiles() => MediaStorageTests.MediaFiles(_app);

    [Fact]
    public async Task Phone_photo_and_short_video_show_in_the_topic_and_served_photos_carry_no_location_data()
    {
        using var alice = await _app.NewMemberAsync("AlicePhoto", "alice.photo@example.org");
        var items = await alice.UploadOkAsync(MediaClient.PhonePhoto(), MediaClient.Mp4Video());
        var (photoId, videoId) = (items[0].Id, items[1].Id);

        var created = await alice.CreateTopicAsync(1, "Holiday", $"At the lake.\n\n{items[0].Markdown}\n\n{items[1].Markdown}\n");
        Assert.Equal(HttpStatusCode.Redirect, created.Status);

        using var anon = _app.NewBrowser();
        var topic = await anon.GetAsync(created.Location!);
        Assert.Equal($"/media/{photoId}", topic.Document.QuerySelector(".post-body img")!.GetAttribute("src"));
        Assert.Equal($"/media/{photoId}/original", topic.Document.QuerySelector(".post-body a:has(img)")!.GetAttribute("href"));
        var video = topic.Document.QuerySelector(".post-body video")!;
        Assert.True(video.HasAttribute("controls"));
        Assert.Equal($"/media/{videoId}", video.GetAttribute("src"));

        foreach (var url in new[] { $"/media/{photoId}", $"/media/{photoId}/original", $"/media/{photoId}/display", $"/media/{photoId}/thumb" })
        {
            var response = await anon.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.StartsWith("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
            Assert.NotNull(response.Headers.ETag);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            foreach (var secret in new[] { "Exif", TestMedia.CameraMake, TestMedia.CameraModel, TestMedia.Comment })
                Assert.False(TestMedia.Contains(bytes, secret), $"{url} contains {secret}");
            using var bitmap = SKBitmap.Decode(bytes);
            Assert.Equal((20, 40), (bitmap.Width, bitmap.Height)); // turned upright
        }
        foreach (var file in MediaFiles())
            Assert.False(TestMedia.Contains(await File.ReadAllBytesAsync(file), TestMedia.CameraMake), file);

        var served = await anon.Client.GetAsync($"/media/{videoId}");
        Assert.Equal("video/mp4", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TestMedia.Mp4(), await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Range_request_on_a_video_returns_exactly_the_requested_bytes_and_etag_gives_304()
    {
        using var alice = await _app.NewMemberAsync("AliceRange", "alice.range@example.org");
        var video = TestMedia.Mp4(20_000);
        var id = (await alice.UploadOkAsync(new UploadedFile("v.mp4", video, "video/mp4")))[0].Id;
        using var anon = _app.NewBrowser();

        using var range = new HttpRequestMessage(HttpMethod.Get, $"/media/{id}");
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(1000, 1999);
        var partial = await anon.Client.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal($"bytes 1000-1999/{video.Length}", partial.Content.Headers.ContentRange!.ToString());
        Assert.Equal(video[1000..2000], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes", partial.Headers.AcceptRanges.Single());

        var full = await anon.Client.GetAsync($"/media/{id}");
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/media/{id}");
        again.Headers.IfNoneMatch.Add(full.Headers.ETag!);
        var notModified = await anon.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Jpeg_html_polyglot_is_served_as_the_reencoded_image_only()
    {
        using var alice = await _app.NewMemberAsync("AlicePoly", "alice.poly@example.org");
        var polyglot = TestMedia.Jpeg(32, 32).Concat(TestMedia.Html()).ToArray();
        var id = (await alice.UploadOkAsync(new UploadedFile("poly.jpg", polyglot, "text/html")))[0].Id;

        var served = await alice.Client.GetAsync($"/media/{id}/original");

        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.False(TestMedia.Contains(await served.Content.ReadAsByteArrayAsync(), "<script"));
    }

    [Fact]
    public async Task Unconfirmed_member_cannot_upload_and_sees_no_file_input()
    {
        using var bob = _app.NewBrowser();
        await bob.RegisterAsync("BobUnconfirmed", "bob.unconfirmed@example.org");
        await bob.SignInAsync("bob.unconfirmed@example.org");
        var token = (await bob.GetAsync("/account/settings")).Document.QuerySelector("input[name=__af]")!.GetAttribute("value");

        var refused = await bob.Client.PostAsync("/media", MediaClient.Form(token, MediaClient.PhonePhoto()));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Confirm your email address before you upload.", await MediaClient.ProblemDetailAsync(refused));
        Assert.Null((await bob.GetAsync("/c/1/new")).Document.QuerySelector("input[type=file]"));
    }

    [Fact]
    public async Task Twelve_megapixel_phone_photo_uploads_and_is_served_at_display_size()
    {
        using var alice = await _app.NewMemberAsync("AliceBig", "alice.big@example.org");
        var jpeg = TestMedia.TwelveMegapixelJpeg();
        await alice.UploadOkAsync(new UploadedFile("warm.jpg", TestMedia.Jpeg(64, 64), "image/jpeg"));

        var clock = Stopwatch.StartNew();
        var items = await alice.UploadOkAsync(new UploadedFile("big.jpg", jpeg, "image/jpeg"));
        clock.Stop();

        output.WriteLine($"Upload and processing of a 12 MP JPEG ({jpeg.Length / 1024} KiB) through POST /media: {clock.ElapsedMilliseconds} ms");
        Assert.Single(items);
        var served = await alice.Client.GetAsync($"/media/{items[0].Id}");
        Assert.Equal(System.Net.HttpStatusCode.OK, served.StatusCode);
        using var bitmap = SkiaSharp.SKBitmap.Decode(await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(1600, Math.Max(bitmap.Width, bitmap.Height));
    }
}

/// <summary>
/// What uploads and deletions leave in the media folder: each test counts every file there, so each has an app
/// (and a media folder) of its own.
/// </summary>
public sealed class MediaStorageTests : IDisposable
{
    private readonly ForumApp _app = new();

    public void Dispose() => _app.Dispose();

    private string[] MediaFiles() => MediaFiles(_app);

    internal static string[] MediaFiles(ForumApp app)
    {
        var folder = Path.Combine(app.DataFolder, "media");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    [Fact]
    public async Task Post_form_takes_files_without_javascript()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var form = MediaClient.Form(await alice.TokenFromAsync(), MediaClient.PhonePhoto(), new("movie.webm", TestMedia.WebM(), "video/webm"));
        // The form's own file field, not the script's.
        form = Rename(form, "files", "Input.Files");
        form.Add(new StringContent("Photos from the trip"), "Input.Title");
        form.Add(new StringContent("Here they are."), "Input.Body");

        var created = await alice.Client.PostAsync("/c/1/new", form);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var topic = await alice.GetAsync(created.Headers.Location!.OriginalString);
        Assert.Equal("Here they are.", topic.Document.QuerySelector(".post-body p")!.TextContent);
        Assert.Single(topic.Document.QuerySelectorAll(".post-body img"));
        Assert.Single(topic.Document.QuerySelectorAll(".post-body video[controls]"));
        Assert.Equal(4, MediaFiles().Length); // photo: original, display, thumbnail; video: original
    }

    [Fact]
    public async Task Post_form_with_a_bad_file_shows_the_error_beside_the_field_and_stores_nothing()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var form = Rename(MediaClient.Form(await alice.TokenFromAsync(), MediaClient.PhonePhoto(), new("notes.jpg", TestMedia.Html(), "image/jpeg")), "files", "Input.Files");
        form.Add(new StringContent("Title"), "Input.Title");
        form.Add(new StringContent("Body"), "Input.Body");

        var response = await alice.Client.PostAsync("/c/1/new", form);
        var page = await TestBrowser.Page.ReadAsync(response, "/c/1/new");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("notes.jpg: This file type is not accepted. Accepted: JPEG, PNG, WebP or GIF photos and MP4 or WebM videos.",
            page.Text("[data-valmsg-for='Input.Files']"));
        Assert.Empty(MediaFiles());
        Assert.Equal("Title", page.Document.QuerySelector("input[name='Input.Title']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Content_not_matching_an_accepted_type_is_refused_with_what_is_accepted_and_nothing_is_stored()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var cases = new[]
        {
            (new UploadedFile("cat.jpg", TestMedia.Html(), "image/jpeg"), "cat.jpg: This file type is not accepted. Accepted: JPEG, PNG, WebP or GIF photos and MP4 or WebM videos."),
            (new UploadedFile("logo.svg", TestMedia.Svg(), "image/svg+xml"), "logo.svg: This file type is not accepted. Accepted: JPEG, PNG, WebP or GIF photos and MP4 or WebM videos."),
            (new UploadedFile("huge.png", TestMedia.PngBomb(), "image/png"), "huge.png: The image is 100,000 x 100,000 pixels; at most 40 megapixels are accepted."),
            (new UploadedFile("clip.mp4", [.. TestMedia.Mp4(), .. TestMedia.Html()], "video/mp4"), "clip.mp4: The video's content is not a valid MP4 file with at least one track holding samples. Accepted: JPEG, PNG, WebP or GIF photos and MP4 or WebM videos."),
        };
        foreach (var (file, message) in cases)
        {
            var response = await alice.UploadAsync(file);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(message, await MediaClient.ProblemDetailAsync(response));
        }
        Assert.Empty(MediaFiles());
    }

    [Fact]
    public async Task Anonymous_visitor_and_request_without_antiforgery_token_are_refused()
    {
        using var anon = _app.NewBrowser();
        var anonymous = await anon.Client.PostAsync("/media", MediaClient.Form(null, MediaClient.PhonePhoto()));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Sign in to upload photos and videos.", await MediaClient.ProblemDetailAsync(anonymous));

        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var forged = await alice.Client.PostAsync("/media", MediaClient.Form(null, MediaClient.PhonePhoto()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("antiforgery token", await MediaClient.ProblemDetailAsync(forged));
        Assert.Empty(MediaFiles());
    }

    [Fact]
    public async Task Deleting_the_post_deletes_its_files_on_disk()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var items = await alice.UploadOkAsync(MediaClient.PhonePhoto(), MediaClient.Mp4Video());
        var created = await alice.CreateTopicAsync(1, "Soon gone", "Hi");
        var replied = await alice.ReplyAsync(created.Location!, $"{items[0].Markdown}\n\n{items[1].Markdown}");
        Assert.Equal(HttpStatusCode.Redirect, replied.Status);
        Assert.Equal(4, MediaFiles().Length);

        var topic = await alice.FollowAsync(replied);
        var confirmDelete = await alice.GetAsync(topic.Document.QuerySelector(".post:nth-of-type(2) .post-actions a.delete")!.GetAttribute("href")!);
        var deleted = await alice.SubmitAsync(confirmDelete, ".delete-confirm form");

        Assert.Equal(HttpStatusCode.Redirect, deleted.Status);
        Assert.Empty(MediaFiles());
        Assert.Equal(HttpStatusCode.NotFound, (await alice.Client.GetAsync($"/media/{items[0].Id}")).StatusCode);
    }

    [Fact]
    public async Task Uploader_deletes_a_single_item_from_the_edit_page()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var items = await alice.UploadOkAsync(MediaClient.Mp4Video());
        var created = await alice.CreateTopicAsync(1, "With video", items[0].Markdown);
        var topic = await alice.GetAsync(created.Location!);
        var edit = await alice.GetAsync(topic.Document.QuerySelector(".post-actions a")!.GetAttribute("href")!);

        var deleted = await alice.SubmitAsync(edit, ".attached-media form");

        Assert.Equal(HttpStatusCode.Redirect, deleted.Status);
        Assert.Empty(MediaFiles());
    }

    private static MultipartFormDataContent Rename(MultipartFormDataContent form, string from, string to)
    {
        var renamed = new MultipartFormDataContent();
        foreach (var part in form)
        {
            var disposition = part.Headers.ContentDisposition!;
            if (disposition.Name?.Trim('"') == from) disposition.Name = $"\"{to}\"";
            renamed.Add(part);
        }
        return renamed;
    }
}
