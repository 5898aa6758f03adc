using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ForumServer.Tests.Localization;

/// <summary>
/// The translation files against the source: no two keys that the resource build would merge (it compares keys
/// ignoring case and drops one), every English text a page or the code translates has an Italian and a German
/// entry, and every translation keeps the placeholders of its English key.
/// </summary>
public sealed partial class ResourceKeyTests
{
    private static readonly string Root = FindRoot();

    [Theory]
    [InlineData("it")]
    [InlineData("de")]
    public void No_two_keys_differ_only_in_case(string language)
    {
        var duplicates = Keys(language).GroupBy(k => k, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(duplicates.Count == 0, $"SharedResource.{language}.resx has keys the build would merge: {string.Join("; ", duplicates)}");
    }

    [Theory]
    [InlineData("it")]
    [InlineData("de")]
    public void Every_translated_text_in_pages_and_code_has_an_entry(string language)
    {
        var keys = Keys(language).ToHashSet(StringComparer.Ordinal);
        var missing = SourceTexts().Where(t => !keys.Contains(t.Text)).Select(t => $"{t.File}: \"{t.Text}\"").Distinct().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} texts have no {language} translation:\n{string.Join("\n", missing)}");
    }

    [Theory]
    [InlineData("it")]
    [InlineData("de")]
    public void Translations_keep_the_placeholders_of_their_key(string language)
    {
        var wrong = Entries(language).Where(e => !Placeholders(e.Key).SetEquals(Placeholders(e.Value)))
            .Select(e => $"\"{e.Key}\" -> \"{e.Value}\"").ToList();
        Assert.True(wrong.Count == 0, $"Placeholders differ:\n{string.Join("\n", wrong)}");
    }

    [Fact]
    public void The_source_scan_finds_the_texts_it_checks()
    {
        // Guards the test itself: a broken pattern would find nothing and pass everything.
        var texts = SourceTexts().Select(t => t.Text).ToHashSet();
        Assert.Contains("Recent topics", texts);
        Assert.Contains("{0} posts", texts);
        Assert.Contains("Title must be at most {0} characters (it has {1}).", texts);
        Assert.True(texts.Count > 200, $"only {texts.Count} texts found");
    }

    private static IEnumerable<string> Keys(string language) => Entries(language).Select(e => e.Key);

    private static IEnumerable<KeyValuePair<string, string>> Entries(string language) =>
        XDocument.Load(Path.Combine(Root, "src", "ForumServer.Core", "Localization", $"SharedResource.{language}.resx"))
            .Root!.Elements("data")
            .Select(d => new KeyValuePair<string, string>((string)d.Attribute("name")!, (string?)d.Element("value") ?? ""));

    private static HashSet<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>Literal English texts passed to the page localizer, <c>Texts.T</c>, <c>Texts.Plural</c> and <c>FieldError.Of</c>.</summary>
    private static IEnumerable<(string File, string Text)> SourceTexts()
    {
        var src = Path.Combine(Root, "src");
        foreach (var file in Directory.EnumerateFiles(src, "*.cshtml", SearchOption.AllDirectories)
                     .Concat(Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") ||
                file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")) continue;
            var code = File.ReadAllText(file);
            var name = Path.GetRelativePath(Root, file);
            foreach (Match m in PageText().Matches(code)) yield return (name, Unescape(m.Groups[1].Value));
            foreach (Match m in CodeText().Matches(code)) yield return (name, Unescape(m.Groups[1].Value));
            foreach (Match m in PluralText().Matches(code))
            {
                yield return (name, Unescape(m.Groups[1].Value));
                yield return (name, Unescape(m.Groups[2].Value));
            }
        }
    }

    private static string Unescape(string literal) => literal.Replace("\\\"", "\"").Replace("\\\\", "\\");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ForumServer.sln"))) return dir.FullName;
        throw new InvalidOperationException("ForumServer.sln not found above the test output folder.");
    }

    [GeneratedRegex(@"(?<![\w.])T\[""((?:[^""\\]|\\.)+)""")]
    private static partial Regex PageText();

    [GeneratedRegex(@"(?:Texts\.T\(|FieldError\.Of\([^,()]+,\s*)""((?:[^""\\]|\\.)+)""")]
    private static partial Regex CodeText();

    [GeneratedRegex(@"Texts\.Plural\([^,]+,\s*""((?:[^""\\]|\\.)+)"",\s*""((?:[^""\\]|\\.)+)""")]
    private static partial Regex PluralText();

    [GeneratedRegex(@"\{(\d+)(?:[:,][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
