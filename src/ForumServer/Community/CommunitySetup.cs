using ForumServer.Core.Curation;
using ForumServer.Core.Drafts;
using ForumServer.Core.Forum;
using ForumServer.Core.Profiles;
using ForumServer.Core.Reactions;

namespace ForumServer.Community;

public static class CommunitySetup
{
    public static void AddCommunity(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AvatarImages>();
        builder.Services.AddScoped<ProfileService>();
        builder.Services.AddScoped<ReactionService>();
        builder.Services.AddScoped<CurationService>();
        builder.Services.AddSingleton<DraftService>();
        builder.Services.AddSingleton<IForumEventHandler>(sp => sp.GetRequiredService<DraftService>());
        builder.Services.AddSingleton<CommunityViews>();
        builder.Services.AddSingleton<CommunityMemberHooks>();
        builder.Services.AddSingleton<ForumServer.Core.Moderation.IMemberContentCleaner>(sp => sp.GetRequiredService<CommunityMemberHooks>());
        builder.Services.AddSingleton<ForumServer.Core.Privacy.IPersonalDataSource>(sp => sp.GetRequiredService<CommunityMemberHooks>());
    }

    public static void MapCommunity(this WebApplication app) => AvatarEndpoint.Map(app);
}
