using System.Net;
using System.Net.Http.Headers;
using ForumServer.Core.Accounts;
using ForumServer.Core.Moderation;
using ForumServer.Core.Profiles;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Media;
using ForumServer.Tests.Moderation;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace ForumServer.Tests.Community;

public sealed class AvatarTests : IDisposable
{
    private readonly ForumApp _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<TestBrowser.Page> UploadAsync(TestBrowser browser, byte[] bytes, string name, string type)
    {
        var page = await browser.GetAsync("/account/profile");
        var token = page.Document.QuerySelector("form.avatar-upload input[name=__af]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent { { new StringContent(token), "__af" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        form.Add(file, "avatar", name);
        var response = await browser.Client.PostAsync("/account/profile?handler=Avatar", form);
        return await TestBrowser.Page.ReadAsync(response, "/account/profile");
    }

    private string[] AvatarFiles() =>
        Directory.Exists(Path.Combine(_app.DataFolder, "media", "av"))
            ? Directory.GetFiles(Path.Combine(_app.DataFolder, "media", "av")) : [];

    [Fact]
    public async Task Without_upload_the_avatar_is_generated_initials_on_a_colour_from_the_member_id()
    {
        using var alice = await _app.NewMemberAsync("Alice Liddell", "alice@example.org");
        var id = await _app.MemberIdAsync("alice@example.org");
        using var anon = _app.NewBrowser();
        var response = await anon.Client.GetAsync($"/u/{id}/avatar/m");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        var svg = await response.Content.ReadAsStringAsync();
        Assert.Contains(">AL</text>", svg);
        Assert.Contains(DefaultAvatar.ColourOf(id), svg);
        Assert.DoesNotContain("alice@", svg);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.Client.GetAsync($"/u/{id}/avatar/huge")).StatusCode);
    }

    [Fact]
    public async Task Upload_that_is_not_an_image_is_refused_with_a_message_and_nothing_is_stored()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        foreach (var (bytes, name, type) in new[] { (TestMedia.Html(), "me.jpg", "image/jpeg"), (TestMedia.Svg(), "me.svg", "image/svg+xml"), (TestMedia.Mp4(), "me.png", "image/png"), ([], "empty.png", "image/png") })
        {
            var refused = await UploadAsync(alice, bytes, name, type);
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            var expected = bytes.Length == 0 ? "Choose an image file." : "The file is not an image. Accepted: JPEG, PNG, WebP, GIF.";
            Assert.Contains(expected, refused.Text(".errors"));
        }
        Assert.Empty(AvatarFiles());
        var id = await _app.MemberIdAsync("alice@example.org");
        Assert.False((await _app.Service<IProfileStore>().GetAsync(id))?.HasAvatar ?? false);
    }

    [Fact]
    public async Task Uploaded_photo_becomes_three_square_sizes_without_metadata_and_goes_with_the_account()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        var saved = await UploadAsync(alice, TestMedia.PhoneJpegWithGps(), "phone.jpg", "image/jpeg");
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("Your avatar is saved.", saved.Text("[role=status]"));
        var id = await _app.MemberIdAsync("alice@example.org");

        using var anon = _app.NewBrowser();
        foreach (var (size, expected) in new[] { ("s", 20), ("m", 20), ("l", 20) })
        {
            var response = await anon.Client.GetAsync($"/u/{id}/avatar/{size}");
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            foreach (var secret in new[] { "Exif", TestMedia.CameraMake, TestMedia.CameraModel, TestMedia.Comment })
                Assert.False(TestMedia.Contains(bytes, secret), $"{size} contains {secret}");
            using var bitmap = SKBitmap.Decode(bytes);
            Assert.Equal((expected, expected), (bitmap.Width, bitmap.Height)); // 20 x 40 upright photo: centre square
        }
        Assert.Equal(3, AvatarFiles().Length);

        // Removing the account removes the files; the URL falls back to the generated default.
        var settings = await alice.GetAsync("/account/settings");
        var removed = await alice.SubmitAsync(settings, "form.remove-account", new() { ["Input.RemovalMode"] = "Anonymize", ["Input.Password"] = Flows.Password });
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Empty(AvatarFiles());
        Assert.Null(await _app.Service<IProfileStore>().GetAsync(id));
        Assert.Equal("image/svg+xml", (await anon.Client.GetAsync($"/u/{id}/avatar/s")).Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_moderator_removes_an_avatar_and_the_audit_log_says_who_but_a_member_cannot()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var bob = await _app.NewMemberAsync("Bob", "bob@example.org");
        using var mo = await _app.NewModeratorAsync("Mo", "mo@example.org");
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(alice, TestMedia.Jpeg(64, 64), "a.jpg", "image/jpeg")).Status);
        var id = await _app.MemberIdAsync("alice@example.org");
        var profileUrl = $"/u/{id}/alice";

        Assert.Null((await bob.GetAsync(profileUrl)).Document.QuerySelector("form.remove-avatar"));
        var refused = await bob.PostFormAsync($"{profileUrl}?handler=RemoveAvatar", new() { ["reason"] = "no" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(3, AvatarFiles().Length);

        var page = await mo.GetAsync(profileUrl);
        var done = await mo.SubmitAsync(page, "form.remove-avatar", new() { ["reason"] = "Offensive picture" });
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Empty(AvatarFiles());
        var audit = await _app.Service<IModerationStore>().ListAuditAsync(0, 10);
        var entry = Assert.Single(audit, a => a.Action == ProfileService.RemoveAvatarAction);
        Assert.Equal(await _app.MemberIdAsync("mo@example.org"), entry.ActorId);
        Assert.Equal(id, entry.ItemId);
        Assert.Equal("Offensive picture", entry.Reason);
    }
}
