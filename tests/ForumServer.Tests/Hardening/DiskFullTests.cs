using System.Diagnostics;
using System.Net;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Media;

namespace ForumServer.Tests.Hardening;

/// <summary>
/// The media folder is a small tmpfs (mounted by the test, which runs as root as CI does): uploads that do not
/// fit are refused with a clear 507, leave no partial files, and lose nothing that was already stored.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("forumserver-diskfull-").FullName;
    private readonly string _media;
    private readonly ForumApp _app;

    public DiskFullTests()
    {
        _media = Path.Combine(_folder, "media");
        Directory.CreateDirectory(_media);
        Run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", _media);
        _app = new ForumApp(dataFolder: _folder);
    }

    [Fact]
    public async Task Upload_onto_a_full_disk_is_refused_clearly_without_partial_files_and_keeps_earlier_media()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var kept = (await alice.UploadOkAsync(new UploadedFile("first.mp4", TestMedia.Mp4(5_000), "video/mp4")))[0].Id;
        var keptBytes = await (await alice.Client.GetAsync($"/media/{kept}")).Content.ReadAsByteArrayAsync();
        var before = MediaFiles();

        // One request: a small video that fits, then one that cannot. All or nothing: neither stays.
        var refused = await alice.UploadAsync(
            new UploadedFile("small.mp4", TestMedia.Mp4(4_000), "video/mp4"),
            new UploadedFile("big.mp4", TestMedia.Mp4(400_000), "video/mp4"));
        Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
        var detail = await MediaClient.ProblemDetailAsync(refused);
        Assert.StartsWith("big.mp4: The server could not store the file (No space left on device", detail);
        Assert.EndsWith("Nothing was saved; please try again later.", detail);
        Assert.Equal(before, MediaFiles());
        Assert.DoesNotContain(MediaFiles(), f => f.EndsWith(".part", StringComparison.Ordinal));

        // The same through the reply form with the file attached: the form says why, and no post is stored.
        var topic = (await alice.CreateTopicAsync(1, "Holiday", "Pictures below")).Location!;
        var page = await alice.GetAsync(topic);
        var token = page.Document.QuerySelector("form#reply input[name=__af]")?.GetAttribute("value")
                    ?? page.Document.QuerySelector("form#reply input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var tokenName = page.Document.QuerySelector("form#reply input[type=hidden][value='" + token + "']")!.GetAttribute("name")!;
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), tokenName },
            { new StringContent("With a video"), "Input.Body" },
        };
        var file = new ByteArrayContent(TestMedia.Mp4(400_000));
        file.Headers.ContentType = new("video/mp4");
        form.Add(file, "Input.Files", "big.mp4");
        var action = page.Document.QuerySelector("form#reply")!.GetAttribute("action") ?? topic;
        var reply = await alice.Client.PostAsync(action, form);
        var replyPage = await TestBrowser.Page.ReadAsync(reply, action);
        Assert.NotEqual(HttpStatusCode.Redirect, reply.StatusCode);
        Assert.Contains("The server could not store the file (No space left on device", replyPage.Html);
        Assert.DoesNotContain("With a video", (await alice.GetAsync(topic)).Document.QuerySelector(".posts")!.TextContent);
        Assert.Equal(before, MediaFiles());

        // Earlier media is intact and served; once there is room again the same upload goes through.
        Assert.Equal(keptBytes, await (await alice.Client.GetAsync($"/media/{kept}")).Content.ReadAsByteArrayAsync());
        Run("mount", "-o", "remount,size=4m", _media);
        var retried = await alice.UploadOkAsync(new UploadedFile("big.mp4", TestMedia.Mp4(400_000), "video/mp4"));
        Assert.Single(retried);
    }

    private string[] MediaFiles() => Directory.GetFiles(_media, "*", SearchOption.AllDirectories).Order().ToArray();

    private static void Run(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed ({process.StandardError.ReadToEnd().Trim()}): this test needs root to mount a small tmpfs.");
    }

    public void Dispose()
    {
        _app.Dispose();
        try { Run("umount", _media); } catch (InvalidOperationException) { }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
