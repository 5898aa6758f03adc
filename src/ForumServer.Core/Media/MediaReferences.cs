using System.Text.RegularExpressions;

namespace ForumServer.Core.Media;

/// <summary>Finds the media a post's Markdown refers to (<c>/media/{id}</c> URLs) and writes such references.</summary>
public static partial class MediaReferences
{
    public static IReadOnlyList<string> In(string? markdown) =>
        string.IsNullOrEmpty(markdown) ? [] : Pattern().Matches(markdown).Select(m => m.Groups[1].Value).Distinct().ToList();

    public static string UrlOf(MediaItem item, string? variant = null) =>
        variant is null ? $"/media/{item.Id}" : $"/media/{item.Id}/{variant}";

    /// <summary>Markdown that shows the item in a post: an image linking to the full size, or a video player.</summary>
    public static string MarkdownFor(MediaItem item, string? name)
    {
        var alt = Clean(name);
        return item.Kind == MediaKind.Photo
            ? $"[![{alt}]({UrlOf(item)})]({UrlOf(item, MediaVariant.Original)})"
            : $"<video controls preload=\"metadata\" src=\"{UrlOf(item)}\"></video>";
    }

    private static string Clean(string? name)
    {
        var stem = Path.GetFileNameWithoutExtension(name ?? "");
        var safe = new string(stem.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.').Take(80).ToArray()).Trim();
        return safe.Length == 0 ? "photo" : safe;
    }

    [GeneratedRegex(@"/media/([0-9a-f]{32})(?![0-9a-f])")]
    private static partial Regex Pattern();
}
