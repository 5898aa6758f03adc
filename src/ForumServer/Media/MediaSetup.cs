using ForumServer.Core.Forum;
using ForumServer.Core.Media;
using ForumServer.Hosting;
using Microsoft.Extensions.Options;

namespace ForumServer.Media;

public static class MediaSetup
{
    public static void AddMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<MediaOptions>>().Value);
        builder.Services.AddSingleton<IMediaStore>(sp => new DiskMediaStore(sp.GetRequiredService<StorageOptions>().MediaPath));
        builder.Services.AddSingleton<ImageProcessor>();
        builder.Services.AddSingleton<MediaService>();
        builder.Services.AddScoped<IForumEventHandler, MediaPostEvents>();
        builder.Services.AddScoped<PostMedia>();
        builder.Services.AddSingleton<MediaMemberHooks>();
        builder.Services.AddSingleton<ForumServer.Core.Moderation.IMemberContentCleaner>(sp => sp.GetRequiredService<MediaMemberHooks>());
        builder.Services.AddSingleton<ForumServer.Core.Privacy.IPersonalDataSource>(sp => sp.GetRequiredService<MediaMemberHooks>());
        builder.Services.AddHostedService<MediaSweeper>();
    }
}
