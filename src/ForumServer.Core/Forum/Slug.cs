using System.Globalization;
using System.Text;

namespace ForumServer.Core.Forum;

/// <summary>URL-friendly form of a title: lower-case ASCII letters, digits and dashes.</summary>
public static class Slug
{
    public static string From(string text, int maxLength = 60)
    {
        var normalized = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(normalized.Length);
        var dash = false;
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else if (!dash && sb.Length > 0)
            {
                sb.Append('-');
                dash = true;
            }
            if (sb.Length >= maxLength) break;
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "topic" : slug;
    }
}
