using System.Globalization;
using ForumServer.Core.Localization;
using Microsoft.Extensions.Localization;

namespace ForumServer.Localization;

/// <summary>
/// Pages, data annotations and emails all read the one set of translations through <see cref="Texts"/>, whose
/// tables need no lock (the framework's ResourceManager localizer locks on every lookup).
/// </summary>
public sealed class TextsLocalizerFactory : IStringLocalizerFactory
{
    private static readonly TextsLocalizer Localizer = new();

    public IStringLocalizer Create(Type resourceSource) => Localizer;

    public IStringLocalizer Create(string baseName, string location) => Localizer;
}

public sealed class TextsLocalizer : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var text = Texts.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, text ?? name, resourceNotFound: text is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var text = Texts.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, text ?? name, arguments), resourceNotFound: text is null);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        Texts.All(CultureInfo.CurrentUICulture).Select(e => new LocalizedString(e.Key, e.Value));
}
