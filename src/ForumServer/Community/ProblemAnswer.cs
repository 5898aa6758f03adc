using Microsoft.AspNetCore.Mvc;

namespace ForumServer.Community;

/// <summary>ProblemDetails answers for the JSON handlers of pages (page models have no <c>Problem()</c> of their own).</summary>
public static class ProblemAnswer
{
    public static IActionResult Of(string detail, int status) => new ObjectResult(new ProblemDetails { Status = status, Detail = detail })
    {
        StatusCode = status,
        ContentTypes = { "application/problem+json" },
    };
}
