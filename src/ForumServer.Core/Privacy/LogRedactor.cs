using System.Net;
using System.Text.RegularExpressions;

namespace ForumServer.Core.Privacy;

/// <summary>
/// Blanks out IP addresses, email addresses (also URL-encoded, as in logged request URLs) and the display names of
/// members in log text. Names are words to it: "Ada" goes, "Adapter" stays.
/// </summary>
public sealed partial class LogRedactor
{
    public const string IpMark = "[ip]";
    public const string EmailMark = "[email]";
    public const string NameMark = "[name]";

    private Regex? _names;

    /// <summary>Replaces the set of names to blank out (the current members' display names).</summary>
    public void SetNames(IEnumerable<string> names)
    {
        var words = names.Select(n => n.Trim()).Where(n => n.Length >= 2).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(n => n.Length).Select(Regex.Escape).ToList();
        _names = words.Count == 0 ? null : new Regex(@"(?<![\p{L}\p{N}_])(?:" + string.Join("|", words) + @")(?![\p{L}\p{N}_])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        text = Email().Replace(text, EmailMark);
        text = IPv6Candidate().Replace(text, m => IsAddress(m.Value) ? IpMark : m.Value);
        text = IPv4().Replace(text, m => IsAddress(m.Value) ? IpMark : m.Value);
        if (_names is { } names) text = names.Replace(text, NameMark);
        return text;
    }

    private static bool IsAddress(string candidate) => IPAddress.TryParse(candidate.Trim('[', ']'), out _);

    [GeneratedRegex(@"[^\s@<>()\[\]""',;:=&?/\\]+(?:@|%40)[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    // Two or more colons among hex digits (with an optional IPv4 tail); confirmed by IPAddress.TryParse, so times
    // such as 12:30:45 stay.
    [GeneratedRegex(@"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.\d{1,3}){0,3}(?![\w:])")]
    private static partial Regex IPv6Candidate();

    [GeneratedRegex(@"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")]
    private static partial Regex IPv4();
}
