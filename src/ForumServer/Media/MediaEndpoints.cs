using ForumServer.Accounts;
using ForumServer.Core.Localization;
using ForumServer.Core.Media;
using ForumServer.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Net.Http.Headers;

namespace ForumServer.Media;

/// <summary>Upload (<c>POST /media</c>), serving (<c>GET /media/{id}/{variant?}</c>) and deletion of photos and videos.</summary>
public static class MediaEndpoints
{
    public const string MediaCsp = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'";

    public static void MapMedia(this WebApplication app)
    {
        app.MapPost("/media", UploadAsync).DisableAntiforgery();
        app.MapGet("/media/{id}/{variant?}", ServeAsync);
        app.MapPost("/media/{id}/delete", DeleteAsync).DisableAntiforgery();
    }

    public sealed record Uploaded(string Id, string Kind, string Url, string ThumbnailUrl, int Width, int Height, string Markdown);

    private static async Task<IResult> UploadAsync(HttpContext context, CurrentMember current, MediaService media, MediaOptions options, IAntiforgery antiforgery)
    {
        if (!MediaRequestLimits.Apply(context, options))
            return Problem(StatusCodes.Status413PayloadTooLarge, MediaRequestLimits.TooLargeMessage(options));
        var actor = await current.GetActorAsync();
        if (actor is null) return Problem(StatusCodes.Status401Unauthorized, Texts.T("Sign in to upload photos and videos."));
        if (!actor.CanPost) return Problem(StatusCodes.Status403Forbidden, Texts.T("Confirm your email address before you upload."));
        if (!context.Request.HasFormContentType)
            return Problem(StatusCodes.Status400BadRequest, Texts.T("Send the files as multipart/form-data in the field 'files'."));
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return Problem(StatusCodes.Status400BadRequest, Texts.T("The form expired or did not come from this site (missing antiforgery token). Reload the page and try again."));
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form.Files.Count == 0) return Problem(StatusCodes.Status400BadRequest, Texts.T("No file was sent. Accepted: {0}.", MediaOptions.Accepted));
        if (form.Files.Count > options.MaxFilesPerPost)
            return Problem(StatusCodes.Status400BadRequest, Texts.T("At most {0} files at once.", options.MaxFilesPerPost));

        var uploaded = new List<Uploaded>();
        foreach (var file in form.Files)
        {
            await using var stream = file.OpenReadStream();
            var result = await media.UploadAsync(actor, stream, context.RequestAborted);
            if (!result.Succeeded)
            {
                // All or nothing: the files of this request that did go in are removed again.
                foreach (var done in uploaded) await media.DeleteAsync(actor, done.Id);
                var message = result.Errors[0].Message;
                if (message == MediaService.BusyProblem)
                {
                    context.Response.Headers.RetryAfter = "30";
                    return Problem(StatusCodes.Status503ServiceUnavailable, $"{Path.GetFileName(file.FileName)}: {Texts.T(message)}");
                }
                var status = message.StartsWith(MediaService.StorageProblem, StringComparison.Ordinal) ? StatusCodes.Status507InsufficientStorage
                    : message.Contains("too large", StringComparison.Ordinal) ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
                return Problem(status, $"{Path.GetFileName(file.FileName)}: {result.Errors[0].Text}");
            }
            var item = result.Value!;
            uploaded.Add(new Uploaded(item.Id, item.Kind.ToString().ToLowerInvariant(), MediaReferences.UrlOf(item),
                MediaReferences.UrlOf(item, item.Kind == MediaKind.Photo ? MediaVariant.Thumbnail : null),
                item.Width, item.Height, MediaReferences.MarkdownFor(item, file.FileName)));
        }
        return Results.Json(new { items = uploaded }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ServeAsync(string id, string? variant, MediaService media, HttpContext context)
    {
        var item = await media.GetAsync(id);
        var chosen = variant is null ? item?.Main : item?.Variant(variant);
        if (item is null || chosen is null) return Results.NotFound();
        var stream = await media.OpenAsync(chosen, context.RequestAborted);
        if (stream is null) return Results.NotFound();

        var headers = context.Response.Headers;
        headers.CacheControl = "public, max-age=31536000, immutable";
        headers.ContentSecurityPolicy = MediaCsp;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentDisposition = "inline";
        return Results.Stream(stream, chosen.ContentType, lastModified: item.CreatedAt,
            entityTag: new EntityTagHeaderValue($"\"{chosen.Hash}\""), enableRangeProcessing: true);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, CurrentMember current, MediaService media, IAntiforgery antiforgery)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Problem(StatusCodes.Status401Unauthorized, Texts.T("Sign in to delete media."));
        if (!await antiforgery.IsRequestValidAsync(context))
            return Problem(StatusCodes.Status400BadRequest, Texts.T("The form expired or did not come from this site (missing antiforgery token)."));
        var result = await media.DeleteAsync(actor, id);
        if (result.NotFound) return Problem(StatusCodes.Status404NotFound, Texts.T("No such photo or video."));
        if (result.Forbidden) return Problem(StatusCodes.Status403Forbidden, Texts.T("Only its uploader or a moderator can delete this."));
        var returnUrl = context.Request.HasFormContentType ? context.Request.Form["returnUrl"].ToString() : "";
        // Scripts send no returnUrl and get 204; a form's returnUrl that is not a safe local path goes to the front page.
        return returnUrl.Length == 0 ? Results.NoContent() : Results.Redirect(LocalUrl.OrElse(returnUrl));
    }

    private static IResult Problem(int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?>
        {
            ["errors"] = new Dictionary<string, string[]> { [MediaService.Field] = [detail] },
        });
}
