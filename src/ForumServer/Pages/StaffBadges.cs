using System.Text.Encodings.Web;
using ForumServer.Core.Localization;
using Microsoft.AspNetCore.Html;

namespace ForumServer.Pages;

/// <summary>"Moderator" or "Administrator" beside a staff member's name: a word, not only a colour.</summary>
public static class StaffBadges
{
    public static IHtmlContent For(string? role)
    {
        if (role is null) return HtmlString.Empty;
        var label = HtmlEncoder.Default.Encode(EnumLabels.Role(role));
        var title = HtmlEncoder.Default.Encode(Texts.T("Staff: {0}", EnumLabels.Role(role)));
        return new HtmlString($"<span class=\"badge staff\" title=\"{title}\">{label}</span>");
    }
}
