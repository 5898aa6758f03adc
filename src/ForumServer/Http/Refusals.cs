using ForumServer.Core.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Http;

/// <summary>
/// The one way a page refuses a request: the same page again with its status code (400 unless said otherwise) and,
/// where given, what was wrong beside the fields or above the form. Messages are already translated.
/// </summary>
public static class Refusals
{
    /// <summary>The page again with <paramref name="status"/>; its model already says what was wrong.</summary>
    public static PageResult Refused(this PageModel page, int status = StatusCodes.Status400BadRequest)
    {
        page.Response.StatusCode = status;
        return page.Page();
    }

    /// <summary>The page again with <paramref name="message"/> above the form.</summary>
    public static PageResult Refused(this PageModel page, string message, int status = StatusCodes.Status400BadRequest)
    {
        page.ModelState.AddModelError("", message);
        return page.Refused(status);
    }

    /// <summary>
    /// Turns a refused operation into its HTTP answer: 403, 404, or the page again with the errors beside the
    /// fields (400). Returns null when the operation succeeded.
    /// </summary>
    public static IActionResult? Refusal<T>(this PageModel page, OperationResult<T> result, Func<IActionResult> showAgain, string prefix = "")
    {
        if (result.Forbidden) return page.StatusCode(StatusCodes.Status403Forbidden);
        if (result.NotFound) return page.NotFound();
        if (result.Succeeded) return null;
        foreach (var error in result.Errors)
            page.ModelState.AddModelError(error.Field.Length == 0 ? "" : prefix.Length == 0 ? error.Field : $"{prefix}.{error.Field}", error.Text);
        page.Response.StatusCode = StatusCodes.Status400BadRequest;
        return showAgain();
    }
}
