using System.Diagnostics.CodeAnalysis;

namespace ForumServer.Security;

/// <summary>
/// The one check for a <c>returnUrl</c> before redirecting to it: a path on this site (not <c>//host</c> or
/// <c>/\host</c>), of bounded length, with no control characters (a CR/LF would break the Location header).
/// </summary>
public static class LocalUrl
{
    public const int MaxLength = 2048;

    public static bool IsSafe([NotNullWhen(true)] string? url) =>
        url is { Length: > 0 and <= MaxLength } && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    /// <summary><paramref name="url"/> when it is safe to redirect to, else <paramref name="fallback"/>.</summary>
    public static string OrElse(string? url, string fallback = "/") => IsSafe(url) ? url : fallback;
}
