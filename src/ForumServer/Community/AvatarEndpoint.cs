using System.Text;
using ForumServer.Core.Accounts;
using ForumServer.Core.Profiles;
using ForumServer.Media;
using Microsoft.Net.Http.Headers;

namespace ForumServer.Community;

/// <summary><c>GET /u/{id}/avatar/{s|m|l}</c>: the uploaded avatar, else the generated initials (SVG).</summary>
public static class AvatarEndpoint
{
    // Short: a new or removed avatar shows within minutes, while a topic page's repeats come from the browser cache.
    private const string CacheControl = "public, max-age=300";

    public static void Map(WebApplication app) => app.MapGet("/u/{id}/avatar/{size}", ServeAsync);

    private static async Task<IResult> ServeAsync(HttpContext context, string id, string size, ProfileService profiles, IMemberStore members)
    {
        if (AvatarSizes.Parse(size) is not { } pixels || id.Length > 64) return Results.NotFound();
        context.Response.Headers[HeaderNames.CacheControl] = CacheControl;
        context.Response.Headers[HeaderNames.ContentSecurityPolicy] = MediaEndpoints.MediaCsp;
        if (await profiles.OpenAvatarAsync(id, pixels, context.RequestAborted) is { } file)
        {
            if (context.Request.Headers.IfNoneMatch == file.ETag)
            {
                await file.Content.DisposeAsync();
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            context.Response.Headers[HeaderNames.ETag] = file.ETag;
            return Results.Stream(file.Content, file.ContentType);
        }
        var member = await members.GetAsync(id);
        var svg = DefaultAvatar.Svg(member?.Id ?? "former", member?.DisplayName);
        return Results.Bytes(Encoding.UTF8.GetBytes(svg), "image/svg+xml");
    }
}
