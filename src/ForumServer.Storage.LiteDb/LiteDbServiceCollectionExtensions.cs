using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Inbound;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Core.Media;
using ForumServer.Core.Moderation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ForumServer.Storage.LiteDb;

public static class LiteDbServiceCollectionExtensions
{
    /// <summary>Registers the one <see cref="ForumDatabase"/> of the process and every store over it.</summary>
    public static IServiceCollection AddLiteDbStores(this IServiceCollection services, string databaseFile)
    {
        services.AddSingleton(_ => new ForumDatabase(databaseFile));
        services.AddSingleton<LiteMemberStore>();
        services.AddSingleton<IMemberStore>(sp => sp.GetRequiredService<LiteMemberStore>());
        services.AddSingleton<IUserStore<Member>>(sp => sp.GetRequiredService<LiteMemberStore>());
        services.AddSingleton<IForumStore, LiteForumStore>();
        services.AddSingleton<LiteOutboxStore>();
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<LiteOutboxStore>());
        services.AddSingleton<IBounceStore>(sp => sp.GetRequiredService<LiteOutboxStore>());
        services.AddSingleton<IListStore, LiteListStore>();
        services.AddSingleton<ISettingsStore, LiteSettingsStore>();
        services.AddSingleton<IModerationStore, LiteModerationStore>();
        services.AddSingleton<IMediaItemStore, LiteMediaItemStore>();
        services.AddSingleton<IContactMessageStore, LiteContactMessageStore>();
        services.AddSingleton<ForumServer.Core.Notifications.INotificationStore, LiteNotificationStore>();
        services.AddSingleton<LiteProfileStore>();
        services.AddSingleton<ForumServer.Core.Profiles.IProfileStore>(sp => sp.GetRequiredService<LiteProfileStore>());
        services.AddSingleton<ForumServer.Core.Curation.IPinnedTopicStore>(sp => sp.GetRequiredService<LiteProfileStore>());
        services.AddSingleton<ForumServer.Core.Reactions.IReactionStore, LiteReactionStore>();
        services.AddSingleton<ForumServer.Core.Drafts.IDraftStore, LiteDraftStore>();
        return services;
    }
}
