using ForumServer.Core.Localization;
using ForumServer.Core.Media;
using ForumServer.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ForumServer.Media;

/// <summary>
/// Sets the body limit of a request that may carry uploads from the <c>Media</c> settings, before anything reads the
/// body: a declared Content-Length above it is refused at once, and the server stops reading a body that grows past it.
/// </summary>
public static class MediaRequestLimits
{
    /// <summary>False when the request declares a body larger than allowed.</summary>
    public static bool Apply(HttpContext context, MediaOptions options)
    {
        var limit = options.MaxRequestBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        if (context.Request.HasFormContentType)
            context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions
            {
                MultipartBodyLengthLimit = limit,
                ValueLengthLimit = 1024 * 1024,
            }));
        return !(context.Request.ContentLength > limit);
    }

    public static string TooLargeMessage(MediaOptions options) =>
        Texts.T("The upload is too large: at most {0:0.#} MB per photo and {1:0.#} MB per video.", options.MaxPhotoBytes / (1024.0 * 1024), options.MaxVideoBytes / (1024.0 * 1024));
}

/// <summary>Marks a page whose forms may carry photos and videos; applies <see cref="MediaRequestLimits"/> ahead of antiforgery and binding.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AcceptsMediaUploadsAttribute : Attribute, IAuthorizationFilter, IOrderedFilter, ISetsOwnBodyLimits
{
    public int Order => int.MinValue;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (!HttpMethods.IsPost(context.HttpContext.Request.Method)) return;
        var options = context.HttpContext.RequestServices.GetRequiredService<MediaOptions>();
        if (!MediaRequestLimits.Apply(context.HttpContext, options))
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status413PayloadTooLarge,
                Content = MediaRequestLimits.TooLargeMessage(options),
                ContentType = "text/plain; charset=utf-8",
            };
    }
}
