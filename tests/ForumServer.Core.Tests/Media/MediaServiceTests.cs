using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Media;
using ForumServer.Storage.LiteDb;
using ForumServer.Tests.Media;
using Microsoft.Extensions.Time.Testing;

namespace ForumServer.Core.Tests.Media;

/// <summary>The media service over a real LiteDB file and real files on disk.</summary>
public sealed class MediaServiceTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ForumDatabase _db;
    private readonly DiskMediaStore _files;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly MediaOptions _options = new() { MaxPhotoBytes = 64 * 1024, MaxVideoBytes = 32 * 1024, UploadsPerHour = 100 };
    private readonly MediaService _media;
    private readonly ForumService _forum;
    private readonly Actor _alice = new("alice-id", "Alice", CanPost: true, IsModerator: false);
    private readonly Actor _bob = new("bob-id", "Bob", CanPost: true, IsModerator: false);
    private readonly Actor _mod = new("mod-id", "Mod", CanPost: true, IsModerator: true);
    private readonly int _categoryId;

    public MediaServiceTests()
    {
        _db = new ForumDatabase(Path.Combine(_folder.Path, "forum.db"));
        _files = new DiskMediaStore(Path.Combine(_folder.Path, "media"));
        _media = new MediaService(new LiteMediaItemStore(_db), _files, new ImageProcessor(_options), _options, _time);
        var store = new LiteForumStore(_db);
        _forum = new ForumService(store, new PostRenderer(), new ForumEventPublisher([new MediaPostEvents(_media, store)]), _time);
        _categoryId = _forum.CreateCategoryAsync("General", "").Result.Value!.Id;
    }

    public void Dispose()
    {
        _db.Dispose();
        _folder.Dispose();
    }

    private string[] FilesOnDisk() => Directory.Exists(_files.Root) ? Directory.GetFiles(_files.Root, "*", SearchOption.AllDirectories) : [];

    private async Task<MediaItem> UploadAsync(Actor actor, byte[] bytes)
    {
        var result = await _media.UploadAsync(actor, new MemoryStream(bytes));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }

    [Fact]
    public async Task Photo_is_stored_as_three_variants_under_generated_keys()
    {
        var item = await UploadAsync(_alice, TestMedia.PhoneJpegWithGps());

        Assert.True(MediaItem.IsValidId(item.Id));
        Assert.Equal(3, FilesOnDisk().Length);
        Assert.All(FilesOnDisk(), f => Assert.StartsWith(item.Id, Path.GetFileName(f)));
        Assert.Equal(FilesOnDisk().Sum(f => new FileInfo(f).Length), item.Bytes);
        Assert.All(FilesOnDisk(), f => Assert.False(TestMedia.Contains(File.ReadAllBytes(f), "Exif")));
    }

    [Fact]
    public async Task Refusals_name_what_is_accepted_and_store_nothing()
    {
        foreach (var bytes in new[] { TestMedia.Html(), TestMedia.Svg(), TestMedia.PngBomb(), [.. TestMedia.Mp4(), .. TestMedia.Html()], Array.Empty<byte>() })
        {
            var result = await _media.UploadAsync(_alice, new MemoryStream(bytes));
            Assert.False(result.Succeeded);
            Assert.Equal("Files", result.Errors[0].Field);
        }
        Assert.Contains("Accepted: JPEG, PNG, WebP or GIF photos and MP4 or WebM videos",
            (await _media.UploadAsync(_alice, new MemoryStream(TestMedia.Html()))).Errors[0].Message);
        Assert.Empty(FilesOnDisk());
        Assert.Equal(0, _db.Media.Count());
    }

    [Fact]
    public async Task Over_size_photo_and_video_are_refused_with_the_limit()
    {
        var photo = await _media.UploadAsync(_alice, new MemoryStream([.. TestMedia.Jpeg(8, 8), .. new byte[100 * 1024]]));
        Assert.Equal("The photo is too large: at most 64 KB per photo.", photo.Errors.Single().Message);
        var video = await _media.UploadAsync(_alice, new MemoryStream(TestMedia.Mp4(40 * 1024)));
        Assert.Equal("The video is too large: at most 32 KB per video.", video.Errors.Single().Message);
        Assert.Empty(FilesOnDisk());
    }

    [Fact]
    public async Task Member_over_quota_is_refused_and_others_are_not()
    {
        _options.MemberQuotaBytes = 12 * 1024;
        await UploadAsync(_alice, TestMedia.Mp4(8 * 1024));

        var refused = await _media.UploadAsync(_alice, new MemoryStream(TestMedia.Mp4(8 * 1024)));

        Assert.StartsWith("Your storage is full", refused.Errors.Single().Message);
        Assert.Single(FilesOnDisk());
        await UploadAsync(_bob, TestMedia.Mp4(8 * 1024));
    }

    [Fact]
    public async Task Uploads_per_hour_are_limited_per_member()
    {
        _options.UploadsPerHour = 2;
        await UploadAsync(_alice, TestMedia.WebM());
        await UploadAsync(_alice, TestMedia.WebM());
        var third = await _media.UploadAsync(_alice, new MemoryStream(TestMedia.WebM()));
        Assert.Equal("You can upload at most 2 files per hour. Please try again later.", third.Errors.Single().Message);

        _time.Advance(TimeSpan.FromMinutes(61));
        await UploadAsync(_alice, TestMedia.WebM());
    }

    [Fact]
    public async Task Unconfirmed_member_cannot_upload()
    {
        var result = await _media.UploadAsync(_alice with { CanPost = false }, new MemoryStream(TestMedia.Mp4()));
        Assert.True(result.Forbidden);
    }

    [Fact]
    public async Task Saving_a_post_attaches_referenced_uploads_and_removing_it_deletes_their_files()
    {
        var photo = await UploadAsync(_alice, TestMedia.PhoneJpegWithGps());
        var video = await UploadAsync(_alice, TestMedia.Mp4());
        var bobs = await UploadAsync(_bob, TestMedia.WebM());
        var markdown = $"Look\n\n{MediaReferences.MarkdownFor(photo, "me.jpg")}\n\n{MediaReferences.MarkdownFor(video, "clip.mp4")}\n\n![x](/media/{bobs.Id})\n";

        var topic = (await _forum.CreateTopicAsync(_alice, _categoryId, "Holiday", markdown)).Value!;

        var post = (await new LiteForumStore(_db).ListPostsAsync(topic.Id, 0, 1))[0];
        Assert.Equal(post.Id, (await _media.GetAsync(photo.Id))!.PostId);
        Assert.Equal(post.Id, (await _media.GetAsync(video.Id))!.PostId);
        Assert.Null((await _media.GetAsync(bobs.Id))!.PostId); // someone else's upload is never taken over
        Assert.Contains("<video controls=\"\" preload=\"metadata\" src=\"/media/" + video.Id + "\">", post.Html);
        Assert.Contains($"<img src=\"/media/{photo.Id}\"", post.Html);
        Assert.Equal(5, FilesOnDisk().Length);

        await _forum.RemovePostAsync(_alice, post.Id);

        Assert.Null(await _media.GetAsync(photo.Id));
        Assert.Null(await _media.GetAsync(video.Id));
        Assert.Single(FilesOnDisk()); // only Bob's
    }

    [Fact]
    public async Task Editing_a_post_can_add_media_and_too_many_are_refused()
    {
        _options.MaxFilesPerPost = 2;
        var a = await UploadAsync(_alice, TestMedia.Mp4());
        var b = await UploadAsync(_alice, TestMedia.Mp4());
        var markdown = $"![a](/media/{a.Id}) ![b](/media/{b.Id})";
        Assert.Empty(await _media.CheckPostAsync(_alice, markdown, 0));
        var errors = await _media.CheckPostAsync(_alice, markdown, 1);
        Assert.Equal("A post can have at most 2 photos and videos (this one would have 3).", errors.Single().Message);

        var topic = (await _forum.CreateTopicAsync(_alice, _categoryId, "T", "text")).Value!;
        var post = (await new LiteForumStore(_db).ListPostsAsync(topic.Id, 0, 1))[0];
        await _forum.EditPostAsync(_alice, post.Id, markdown);
        Assert.Equal(post.Id, (await _media.GetAsync(b.Id))!.PostId);
    }

    [Fact]
    public async Task Uploads_never_attached_are_removed_after_24_hours()
    {
        var orphan = await UploadAsync(_alice, TestMedia.PhoneJpegWithGps());
        var used = await UploadAsync(_alice, TestMedia.Mp4());
        await _forum.CreateTopicAsync(_alice, _categoryId, "T", $"![v](/media/{used.Id})");

        _time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await _media.RemoveStaleUploadsAsync());
        Assert.Equal(4, FilesOnDisk().Length);

        _time.Advance(TimeSpan.FromHours(1.5));
        Assert.Equal(1, await _media.RemoveStaleUploadsAsync());
        Assert.Null(await _media.GetAsync(orphan.Id));
        Assert.NotNull(await _media.GetAsync(used.Id));
        Assert.Single(FilesOnDisk());
    }

    [Fact]
    public async Task Item_is_deleted_by_its_uploader_or_a_moderator_only_and_account_removal_takes_all()
    {
        var one = await UploadAsync(_alice, TestMedia.Mp4());
        await UploadAsync(_alice, TestMedia.WebM());
        await UploadAsync(_alice, TestMedia.PhoneJpegWithGps());
        await UploadAsync(_bob, TestMedia.WebM());

        Assert.True((await _media.DeleteAsync(_bob, one.Id)).Forbidden);
        Assert.True((await _media.DeleteAsync(_mod, one.Id)).Succeeded);
        Assert.Null(await _media.GetAsync(one.Id));

        Assert.Equal(2, await _media.DeleteAllOfMemberAsync(_alice.Id));
        Assert.Single(FilesOnDisk());
        Assert.Equal(1, _db.Media.Count());
    }
}
