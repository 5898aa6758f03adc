using ForumServer.Core.Forum;

namespace ForumServer.Forum;

public static class ForumSetup
{
    public static void AddForum(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PostRenderer>();
        builder.Services.AddScoped<ForumService>();
        builder.Services.AddScoped<CurrentMember>();
    }
}
