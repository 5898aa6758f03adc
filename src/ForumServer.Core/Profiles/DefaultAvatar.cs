using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ForumServer.Core.Profiles;

/// <summary>
/// The avatar a member has until they upload one: their initials on a colour derived from the member id, as SVG
/// made here (no external service, which would leak who reads what).
/// </summary>
public static class DefaultAvatar
{
    public static string Svg(string memberId, string? displayName)
    {
        var initials = WebUtility.HtmlEncode(InitialsOf(displayName));
        var colour = ColourOf(memberId);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\" width=\"64\" height=\"64\" role=\"img\">" +
               $"<rect width=\"64\" height=\"64\" rx=\"8\" fill=\"{colour}\"/>" +
               "<text x=\"32\" y=\"33\" dy=\".35em\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"28\" font-weight=\"600\" fill=\"#ffffff\">" +
               $"{initials}</text></svg>";
    }

    /// <summary>Up to two letters: the first of the first two words of the name, upper case.</summary>
    public static string InitialsOf(string? displayName)
    {
        var words = (displayName ?? "").Split([' ', '-', '_', '.'], StringSplitOptions.RemoveEmptyEntries);
        var result = new StringBuilder();
        foreach (var word in words.Take(2))
        {
            var first = StringInfo.GetNextTextElementLength(word) is var n and > 0 ? word[..n] : "";
            result.Append(first.ToUpper(CultureInfo.InvariantCulture));
        }
        return result.Length == 0 ? "?" : result.ToString();
    }

    /// <summary>A mid-dark colour from the id's hash: white initials stay readable on every hue.</summary>
    public static string ColourOf(string memberId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(memberId ?? ""));
        var hue = (hash[0] << 8 | hash[1]) % 360;
        var (r, g, b) = FromHsl(hue, 0.55, 0.36);
        return $"#{r:x2}{g:x2}{b:x2}";
    }

    private static (int, int, int) FromHsl(double h, double s, double l)
    {
        var c = (1 - Math.Abs(2 * l - 1)) * s;
        var x = c * (1 - Math.Abs(h / 60 % 2 - 1));
        var m = l - c / 2;
        var (r, g, b) = h switch
        {
            < 60 => (c, x, 0.0),
            < 120 => (x, c, 0.0),
            < 180 => (0.0, c, x),
            < 240 => (0.0, x, c),
            < 300 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        return ((int)Math.Round((r + m) * 255), (int)Math.Round((g + m) * 255), (int)Math.Round((b + m) * 255));
    }
}
