using System.Globalization;
using System.Text;
using ForumServer.Core.Localization;

namespace ForumServer.Core.Accounts;

/// <summary>
/// What a public display name may look like: NFKC-normalized (full-width letters become plain ones), without
/// invisible, format or bidi-control characters, and not confusable with another member's name: uniqueness is
/// decided on <see cref="Skeleton"/>, which maps look-alike letters (UTS #39 style) to one form.
/// </summary>
public static class DisplayNameRules
{
    public const int MinLength = 2;
    public const int MaxLength = 32;

    /// <summary>The form a name is stored in: NFKC, trimmed.</summary>
    public static string Clean(string? name) => (name ?? "").Normalize(NormalizationForm.FormKC).Trim();

    /// <summary>Returns an error message, or null when the name is acceptable.</summary>
    public static string? Check(string? name)
    {
        var trimmed = Clean(name);
        if (trimmed.Length < MinLength)
            return Texts.T("Display name must be at least {0} characters.", MinLength);
        if (trimmed.Length > MaxLength)
            return Texts.T("Display name must be at most {0} characters.", MaxLength);
        if (trimmed.Any(c => char.IsControl(c) || c is '<' or '>' or '@'))
            return Texts.T("Display name may not contain control characters, '<', '>' or '@'.");
        if (trimmed.Any(IsInvisible))
            return Texts.T("Display name may not contain invisible characters or text-direction controls (such as zero-width spaces or right-to-left overrides).");
        if (Skeleton(trimmed).Length < MinLength)
            return Texts.T("Display name must be at least {0} characters.", MinLength);
        return null;
    }

    /// <summary>
    /// The confusables skeleton: NFKC, then every letter that looks like a Latin one (Cyrillic, Greek, digits,
    /// capital I and l) mapped to it, lower-cased, 'rn' read as 'm', marks and separators dropped. Two names with the
    /// same skeleton look alike and cannot both exist.
    /// </summary>
    public static string Skeleton(string? name)
    {
        var text = Clean(name);
        var mapped = new StringBuilder(text.Length);
        foreach (var c in text) mapped.Append(Confusables.TryGetValue(c, out var to) ? to : char.ToLowerInvariant(c));
        var decomposed = mapped.ToString().Normalize(NormalizationForm.FormD);
        var skeleton = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark) continue;
            if (char.IsWhiteSpace(c) || c is '.' or '_' or '-' or '\'' or '·') continue;
            skeleton.Append(Confusables.TryGetValue(c, out var to) ? to : c);
        }
        // Capital I passes for l and is the upper case of i: all three are one letter here.
        return skeleton.ToString().Replace("rn", "m", StringComparison.Ordinal).Replace("vv", "w", StringComparison.Ordinal).Replace('i', 'l');
    }

    private static bool IsInvisible(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.PrivateUse
        || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800' // Hangul fillers and the braille blank look empty
        || c is >= '\uFE00' and <= '\uFE0F'; // variation selectors

    // A compact table of the common look-alikes (no maintained confusables package exists on NuGet): the Latin letter
    // each one is mistaken for, lower case.
    private static readonly Dictionary<char, char> Confusables = Build(
        // Cyrillic
        "аa", "Аa", "вb", "Вb", "сc", "Сc", "ԁd", "еe", "Еe", "ёe", "Ёe", "һh", "Һh", "Нh", "іi", "Іl", "їi", "јj", "Јj",
        "кk", "Кk", "ӏl", "Ӏl", "мm", "Мm", "пn", "оo", "Оo", "рp", "Рp", "ԛq", "ѕs", "Ѕs", "тt", "Тt", "уy", "Уy", "ԝw",
        "Ԝw", "хx", "Хx", "ьb", "ɡg", "ԍg",
        // Greek
        "αa", "Αa", "βb", "Βb", "εe", "Εe", "ηn", "Ηh", "ιi", "Ιl", "κk", "Κk", "Μm", "νv", "Νn", "οo", "Οo", "ρp", "Ρp",
        "τt", "Τt", "υu", "Υy", "χx", "Χx", "ζz", "Ζz", "ωw",
        // Latin and digits that pass for other Latin letters
        "Il", "ıi", "ǀl", "|l", "0o", "1l", "5s", "ℓl");

    private static Dictionary<char, char> Build(params string[] pairs) => pairs.ToDictionary(p => p[0], p => p[1]);
}
