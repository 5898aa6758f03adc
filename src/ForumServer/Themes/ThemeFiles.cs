using ForumServer.Core.Common;
using Microsoft.Extensions.FileProviders;

namespace ForumServer.Themes;

/// <summary>Serves the stylesheet and images of the theme named by <c>Forum:Theme</c> under <c>/theme/</c>.</summary>
public static class ThemeFiles
{
    public static void UseThemeFiles(this WebApplication app)
    {
        var site = app.Services.GetRequiredService<SiteOptions>();
        var folder = Locate(site.Theme, app.Environment.ContentRootPath)
            ?? throw new InvalidOperationException(
                $"Theme '{site.Theme}' was not found: expected a folder themes/{site.Theme} beside the server or in the repository (Forum:Theme).");
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(folder),
            RequestPath = "/theme",
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
    }

    private static string? Locate(string theme, string contentRoot)
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "themes", theme),
            Path.Combine(contentRoot, "themes", theme),
            Path.Combine(contentRoot, "..", "..", "themes", theme),
        ];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(Directory.Exists);
    }
}
