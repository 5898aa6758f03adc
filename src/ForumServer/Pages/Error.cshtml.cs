using ForumServer.Core.Localization;
using ForumServer.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages;

[AllowAnonymous, IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[ForumServer.Accounts.AllowWhileSuspended]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    /// <summary>What exactly was wrong, when the code that refused the request said so.</summary>
    public string? Detail { get; private set; }

    /// <summary>Where "Try again" leads: the page that was refused (or, for a refused form, the page with the form).</summary>
    public string? RetryPath { get; private set; }

    public void OnGet(int code) => Describe(code);
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        Detail = ErrorDetail.Get(HttpContext);
        (Heading, Explanation) = code switch
        {
            400 => (Texts.T("Bad request"), Texts.T("The request could not be understood. Go back and check what you entered.")),
            403 => (Texts.T("Not allowed"), Texts.T("You do not have permission to do that.")),
            404 => (Texts.T("Not found"), Texts.T("There is nothing at this address. It may have been removed, or the link is wrong.")),
            413 => (Texts.T("Too large"), Texts.T("What you sent is larger than this server accepts.")),
            429 => (Texts.T("Too many requests"), Texts.T("You have sent too many requests in a short time. Wait a minute and try again.")),
            _ when code >= 500 => (Texts.T("Something went wrong"), Texts.T("The server could not complete the request. Nothing you entered was half-saved; try again.")),
            _ => ("Error", Texts.T("The request ended with status {0}.", code)),
        };
        var original = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>();
        if (code is 429 or >= 500 && original is not null)
            RetryPath = HttpMethods.IsGet(Request.Method) ? original.OriginalPath + original.OriginalQueryString : SameSitePath(Request.Headers.Referer);
        // Re-executed status pages keep the original status; a direct visit shows the page as a 404.
        if (original is null
            && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
    }

    /// <summary>The path of a Referer on this site, never another site's address.</summary>
    private string? SameSitePath(string? referer) =>
        Uri.TryCreate(referer, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, Request.Host.Value, StringComparison.OrdinalIgnoreCase)
        && uri.AbsolutePath.StartsWith('/') && !uri.AbsolutePath.StartsWith("//", StringComparison.Ordinal)
            ? uri.PathAndQuery
            : null;
}
