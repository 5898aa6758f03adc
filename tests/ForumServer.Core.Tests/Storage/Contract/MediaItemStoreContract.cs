using ForumServer.Core.Media;

namespace ForumServer.Core.Tests.Storage.Contract;

/// <summary>What every <see cref="Core.Storage.IMediaItemStore"/> must do.</summary>
public abstract class MediaItemStoreContract : StoreContract
{
    private async Task<MediaItem> AddAsync(string owner, long bytes, DateTimeOffset at, int? postId = null)
    {
        var item = new MediaItem { OwnerId = owner, Kind = MediaKind.Photo, Bytes = bytes, CreatedAt = at, PostId = postId, Width = 10, Height = 10 };
        item.Variants.Add(new MediaVariant { Name = MediaVariant.Original, Key = item.Id + "/o", ContentType = "image/png", Bytes = bytes });
        await Stores.Media.AddAsync(item);
        return item;
    }

    [Fact]
    public async Task Items_are_found_by_id_owner_and_post()
    {
        var a = await AddAsync("alice", 100, T0);
        var b = await AddAsync("alice", 50, T0.AddHours(1), postId: 7);
        await AddAsync("bob", 10, T0);

        Assert.Equal("image/png", (await Stores.Media.GetAsync(a.Id))!.Variants[0].ContentType);
        Assert.Equal(new[] { a.Id, b.Id }.Order(), (await Stores.Media.GetManyAsync([b.Id, a.Id, a.Id, "missing"])).Select(i => i.Id).Order());
        Assert.Equal([b.Id], (await Stores.Media.ListOfPostAsync(7)).Select(i => i.Id));
        Assert.Equal(2, (await Stores.Media.ListOfOwnerAsync("alice")).Count);
        Assert.Equal(150, await Stores.Media.TotalBytesOfOwnerAsync("alice"));
        Assert.Equal(1, await Stores.Media.CountUploadsSinceAsync("alice", T0.AddMinutes(30)));
    }

    [Fact]
    public async Task Unattached_items_are_listed_until_a_post_takes_them()
    {
        var old = await AddAsync("alice", 1, T0);
        var fresh = await AddAsync("alice", 1, T0.AddDays(2));
        await AddAsync("alice", 1, T0, postId: 3);

        Assert.Equal([old.Id], (await Stores.Media.ListUnattachedBeforeAsync(T0.AddDays(1), 10)).Select(i => i.Id));

        await Stores.Media.SetPostAsync([old.Id, fresh.Id], 9);
        Assert.Empty(await Stores.Media.ListUnattachedBeforeAsync(T0.AddDays(3), 10));
        Assert.Equal(2, (await Stores.Media.ListOfPostAsync(9)).Count);

        await Stores.Media.SetPostAsync([old.Id], null);
        await Stores.Media.DeleteAsync(fresh.Id);
        Assert.Equal([old.Id], (await Stores.Media.ListUnattachedBeforeAsync(T0.AddDays(3), 10)).Select(i => i.Id));
        Assert.Null(await Stores.Media.GetAsync(fresh.Id));
    }
}
