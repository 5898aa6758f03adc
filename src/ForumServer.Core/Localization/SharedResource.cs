using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Resources;

namespace ForumServer.Core.Localization;

/// <summary>
/// Marker for the one set of translations (SharedResource.it.resx, SharedResource.de.resx beside this file). Keys
/// are the English texts, so a missing translation shows English rather than a key.
/// </summary>
public sealed class SharedResource;

/// <summary>Translations for code outside a request (emails), and the cultures the forum speaks.</summary>
public static class Texts
{
    public const string DefaultLanguage = "en";
    public static readonly IReadOnlyList<string> Languages = ["en", "it", "de"];

    private static readonly ResourceManager Resources = new(typeof(SharedResource).FullName!, typeof(SharedResource).Assembly);

    // The translations read once per culture into frozen tables: ResourceManager takes a lock on every lookup, and
    // with a few hundred lookups per page that lock was the busiest frame of a loaded server.
    private static readonly ConcurrentDictionary<string, FrozenDictionary<string, string>> Tables = new(StringComparer.Ordinal);

    /// <summary>The English text in the current UI culture, formatted with <paramref name="args"/> if any.</summary>
    public static string T(string english, params object?[] args)
    {
        var culture = CultureInfo.CurrentUICulture;
        var text = Find(english, culture) ?? english;
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }

    /// <summary>The translation of <paramref name="english"/> in <paramref name="culture"/> or its parents, or null.</summary>
    public static string? Find(string english, CultureInfo culture)
    {
        for (var c = culture; ; c = c.Parent)
        {
            if (TableOf(c.Name).TryGetValue(english, out var text) && text.Length > 0) return text;
            if (c.Name.Length == 0) return null;
        }
    }

    /// <summary>Every text of <paramref name="culture"/> and its parents, the nearest culture first.</summary>
    public static IEnumerable<KeyValuePair<string, string>> All(CultureInfo culture)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var c = culture; ; c = c.Parent)
        {
            foreach (var entry in TableOf(c.Name))
                if (seen.Add(entry.Key)) yield return entry;
            if (c.Name.Length == 0) yield break;
        }
    }

    private static FrozenDictionary<string, string> TableOf(string cultureName) => Tables.GetOrAdd(cultureName, Load);

    private static FrozenDictionary<string, string> Load(string cultureName)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var culture = cultureName.Length == 0 ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(cultureName);
            if (Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false) is { } set)
                foreach (System.Collections.DictionaryEntry entry in set)
                    if (entry.Key is string key && entry.Value is string value) texts[key] = value;
        }
        catch (MissingManifestResourceException) { }
        catch (CultureNotFoundException) { }
        return texts.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// <paramref name="one"/> or <paramref name="other"/> (English templates with {0} for the count), translated, then
    /// formatted with <paramref name="count"/>. English, Italian and German all use "one" for exactly 1.
    /// </summary>
    public static string Plural(int count, string one, string other) => T(count == 1 ? one : other, count);

    /// <summary>A supported language for a code such as "it-CH", or null.</summary>
    public static string? Supported(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var language = code.Split('-', '_')[0].Trim().ToLowerInvariant();
        return Languages.Contains(language) ? language : null;
    }

    /// <summary>
    /// Switches the current culture to <paramref name="language"/> until disposed, for writing an email in its
    /// recipient's language; an empty or unknown language keeps the current culture (the request's).
    /// </summary>
    public static IDisposable Use(string? language)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        if (Supported(language) is { } supported)
        {
            var culture = CultureInfo.GetCultureInfo(supported);
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }
        return new Restore(previous.CurrentCulture, previous.CurrentUICulture);
    }

    /// <summary>The language emails for the current request or job are written in.</summary>
    public static string CurrentLanguage => Supported(CultureInfo.CurrentUICulture.Name) ?? DefaultLanguage;

    private sealed class Restore(CultureInfo culture, CultureInfo uiCulture) : IDisposable
    {
        public void Dispose()
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
