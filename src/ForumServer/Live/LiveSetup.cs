using ForumServer.Core.Forum;

namespace ForumServer.Live;

public static class LiveSetup
{
    /// <summary>SignalR with the forum hub, the notifier that feeds it and, when configured, the Redis backplane.</summary>
    public static void AddLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<HubConnectionLimiter>();
        var options = builder.Configuration.GetSection(LiveOptions.Section).Get<LiveOptions>() ?? new LiveOptions();
        var signalR = builder.Services.AddSignalR();
        if (!string.IsNullOrWhiteSpace(options.RedisConnectionString))
            signalR.AddStackExchangeRedis(options.RedisConnectionString, redis => redis.Configuration.ChannelPrefix =
                StackExchange.Redis.RedisChannel.Literal("ForumServer"));

        builder.Services.AddScoped<PartialRenderer>();
        builder.Services.AddScoped<LiveMarkup>();
        builder.Services.AddScoped<IForumEventHandler, LiveNotifier>();
    }

    /// <summary>The hub at <c>/live</c> and the catch-up endpoint pages call after a reconnect.</summary>
    public static void MapLive(this WebApplication app)
    {
        app.MapHub<ForumHub>(ForumHub.Path);
        app.MapPostsAfter();
    }
}
