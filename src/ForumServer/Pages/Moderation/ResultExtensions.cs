using ForumServer.Core.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Moderation;

public static class ResultExtensions
{
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
