using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages;

[AllowAnonymous, IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int code) => Describe(code);
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Heading, Explanation) = code switch
        {
            400 => ("Bad request", "The request could not be understood. Go back and check what you entered."),
            403 => ("Not allowed", "You do not have permission to do that."),
            404 => ("Not found", "There is nothing at this address. It may have been removed, or the link is wrong."),
            413 => ("Too large", "What you sent is larger than this server accepts."),
            429 => ("Too many requests", "You have sent too many requests in a short time. Wait a minute and try again."),
            _ when code >= 500 => ("Something went wrong", "The server could not complete the request. Nothing you entered was half-saved; try again."),
            _ => ("Error", $"The request ended with status {code}."),
        };
        // Re-executed status pages keep the original status; a direct visit shows the page as a 404.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null
            && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
