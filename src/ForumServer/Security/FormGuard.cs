using System.ComponentModel.DataAnnotations;
using ForumServer.Core.Localization;
using ForumServer.Http;
using ForumServer.Pages;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace ForumServer.Security;

/// <summary>The <c>Forms</c> section: how large a form post without uploads may be.</summary>
public sealed class FormLimitOptions
{
    public const string Section = "Forms";

    /// <summary>Bytes of a form post on a page without uploads (pages with uploads use the Media limits).</summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>
/// Endpoint metadata of a page whose own filter sets the request body limits before <see cref="FormGuardFilter"/>
/// runs (the media upload pages): the form-size limit here does not apply to it.
/// </summary>
public interface ISetsOwnBodyLimits;

/// <summary>
/// Reads every page's form before antiforgery and binding do, so bad forms get a page saying what was wrong instead
/// of a 500: too large (declared or while reading, 413), unreadable (400), or a field with a control character such
/// as NUL (400, the field named). Runs right after an <see cref="ISetsOwnBodyLimits"/> filter has set its limits.
/// </summary>
public sealed class FormGuardFilter(IOptions<FormLimitOptions> options) : IAsyncAuthorizationFilter, IOrderedFilter
{
    public int Order => int.MinValue + 1;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (!request.HasFormContentType) return;
        // The error page re-executes on the same request; it must show, not refuse the form again.
        if (http.Features.Get<IStatusCodeReExecuteFeature>() is not null || http.Features.Get<IExceptionHandlerFeature>() is not null) return;

        var uploads = context.ActionDescriptor.EndpointMetadata.OfType<ISetsOwnBodyLimits>().Any();
        if (!uploads)
        {
            var limit = options.Value.MaxBodyBytes;
            if (request.ContentLength > limit)
            {
                context.Result = TooLarge(http, limit);
                return;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
            http.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
            {
                ValueLengthLimit = (int)Math.Min(int.MaxValue, limit),
                MultipartBodyLengthLimit = limit,
            }));
        }

        // Kept so that a field the framework refuses to decode (a %00) can be named from the raw body.
        // (On upload pages the Media limit already bounds the body; their file forms are multipart and not buffered here.)
        var urlEncoded = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        if (urlEncoded) request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: uploads ? long.MaxValue : options.Value.MaxBodyBytes);

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException e) when (e.InnerException is InvalidOperationException)
        {
            // The framework's decoder refuses an encoded NUL without saying in which field.
            context.Result = ControlCharacterIn(http, urlEncoded ? await FieldWithEncodedNulAsync(request) : null);
            return;
        }
        catch (InvalidDataException)
        {
            context.Result = ErrorDetail.Result(http, StatusCodes.Status413PayloadTooLarge,
                Texts.T("A field of the form is longer than this server accepts. Shorten it and send it again."));
            return;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Result = TooLarge(http, options.Value.MaxBodyBytes);
            return;
        }
        catch (BadHttpRequestException)
        {
            context.Result = ErrorDetail.Result(http, StatusCodes.Status400BadRequest, Texts.T("The form could not be read. Send it again."));
            return;
        }

        foreach (var (key, values) in form)
        {
            if (HasControlCharacter(key) || values.Any(v => v is not null && HasControlCharacter(v)))
            {
                context.Result = ControlCharacterIn(http, key);
                return;
            }
        }
    }

    private static Microsoft.AspNetCore.Mvc.IActionResult ControlCharacterIn(HttpContext http, string? field)
    {
        var name = field is null || field.Length > 64 || HasControlCharacter(field) ? "?" : field;
        return ErrorDetail.Result(http, StatusCodes.Status400BadRequest,
            Texts.T("The field {0} contains a control character (such as NUL) that is not allowed. Remove it and send the form again.", name));
    }

    /// <summary>The name of the first field of a buffered url-encoded body whose value has a %00, or null.</summary>
    private static async Task<string?> FieldWithEncodedNulAsync(HttpRequest request)
    {
        if (!request.Body.CanSeek) return null;
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        foreach (var pair in body.Split('&'))
        {
            var equals = pair.IndexOf('=');
            var (key, value) = equals < 0 ? (pair, "") : (pair[..equals], pair[(equals + 1)..]);
            if (key.Contains("%00", StringComparison.Ordinal) || value.Contains("%00", StringComparison.Ordinal))
                return Uri.UnescapeDataString(key.Replace('+', ' '));
        }
        return null;
    }

    /// <summary>C0 controls and DEL, except tab and line breaks, which text areas legitimately send.</summary>
    public static bool HasControlCharacter(string value)
    {
        foreach (var c in value)
            if ((c < ' ' && c is not '\t' and not '\n' and not '\r') || c == '\u007f') return true;
        return false;
    }

    private static Microsoft.AspNetCore.Mvc.IActionResult TooLarge(HttpContext http, long limit) =>
        ErrorDetail.Result(http, StatusCodes.Status413PayloadTooLarge,
            Texts.T("The form is larger than this server accepts (at most {0} KB). Shorten what you entered and send it again.", limit / 1024));
}
