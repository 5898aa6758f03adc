using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Http;

/// <summary>
/// What exactly was wrong with a refused request, shown by the error page under its general explanation. The status
/// code page is re-executed on the same request, so the text travels in <see cref="HttpContext.Items"/>.
/// </summary>
public static class ErrorDetail
{
    private const string Key = "ForumServer.ErrorDetail";

    /// <summary>Sets the (already translated) detail the error page shows.</summary>
    public static void Set(HttpContext context, string detail) => context.Items[Key] = detail;

    public static string? Get(HttpContext context) => context.Items.TryGetValue(Key, out var v) ? v as string : null;

    /// <summary>A 400 page that says what was wrong (<paramref name="detail"/> is already translated).</summary>
    public static IActionResult BadInput(this PageModel model, string detail) => Result(model.HttpContext, StatusCodes.Status400BadRequest, detail);

    public static IActionResult Result(HttpContext context, int status, string detail)
    {
        Set(context, detail);
        return new StatusCodeResult(status);
    }
}
