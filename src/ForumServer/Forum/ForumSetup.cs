using ForumServer.Core.Forum;

namespace ForumServer.Forum;

public static class ForumSetup
{
    public static void AddForum(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PostRenderer>();
        builder.Services.AddScoped<ForumEventPublisher>();
        builder.Services.AddScoped<ForumService>();
        builder.Services.AddOutputCache(o => o.AddPolicy(ForumPageCache.PolicyName, new ForumPageCache()));
        StaleSafeOutputCacheStore.WrapRegisteredStore(builder.Services);
        builder.Services.AddSingleton<ForumPageCacheEvictor>();
        builder.Services.AddSingleton<IForumEventHandler>(sp => sp.GetRequiredService<ForumPageCacheEvictor>());
    }
}
