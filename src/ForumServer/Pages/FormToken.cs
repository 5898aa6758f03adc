using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Html;

namespace ForumServer.Pages;

/// <summary>
/// The antiforgery field of a request, made once and reused by every small form on the page (a topic page has a
/// like form per post): the form tag helper would be activated and run for each of them.
/// </summary>
public static class FormToken
{
    private const string ItemKey = "forum:form-token";

    public static IHtmlContent Field(HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var found) && found is IHtmlContent field) return field;
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var encoder = System.Text.Encodings.Web.HtmlEncoder.Default;
        field = new HtmlString($"<input name=\"{encoder.Encode(tokens.FormFieldName)}\" type=\"hidden\" value=\"{encoder.Encode(tokens.RequestToken ?? "")}\">");
        http.Items[ItemKey] = field;
        return field;
    }
}
