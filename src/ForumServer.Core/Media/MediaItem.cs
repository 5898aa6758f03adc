namespace ForumServer.Core.Media;

public enum MediaKind { Photo, Video }

/// <summary>An uploaded photo or video. Its files are named by server-generated keys, never by the client's file name.</summary>
public sealed class MediaItem
{
    /// <summary>32 lowercase hex digits from a cryptographic random source; also the URL of the item.</summary>
    public string Id { get; set; } = NewId();
    public string OwnerId { get; set; } = "";

    /// <summary>The post it belongs to; null until the post that references it is saved.</summary>
    public int? PostId { get; set; }
    public MediaKind Kind { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<MediaVariant> Variants { get; set; } = [];

    /// <summary>Bytes stored for this item, all variants together (what counts against the quota).</summary>
    public long Bytes { get; set; }

    public MediaVariant? Variant(string name) => Variants.FirstOrDefault(v => v.Name == name);

    /// <summary>What a post shows: the display size of a photo, the video itself.</summary>
    public MediaVariant Main => Variant(Kind == MediaKind.Photo ? MediaVariant.Display : MediaVariant.Original) ?? Variants[0];

    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public static bool IsValidId(string? id) =>
        id is { Length: 32 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}

/// <summary>One stored file of a media item.</summary>
public sealed class MediaVariant
{
    public const string Original = "original";
    public const string Display = "display";
    public const string Thumbnail = "thumb";

    public string Name { get; set; } = "";

    /// <summary>The key in the <see cref="IMediaStore"/>.</summary>
    public string Key { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Bytes { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>Hash of the stored bytes, used as the HTTP entity tag.</summary>
    public string Hash { get; set; } = "";
}
