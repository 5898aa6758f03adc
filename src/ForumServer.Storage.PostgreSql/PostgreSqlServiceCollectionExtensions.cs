using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Inbound;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Core.Media;
using ForumServer.Core.Moderation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ForumServer.Storage.PostgreSql;

public static class PostgreSqlServiceCollectionExtensions
{
    /// <summary>Registers the database (already migrated by the caller) and every store over it.</summary>
    public static IServiceCollection AddPostgreSqlStores(this IServiceCollection services, PgDatabase database)
    {
        services.AddSingleton(database);
        services.AddSingleton<PgMemberStore>();
        services.AddSingleton<IMemberStore>(sp => sp.GetRequiredService<PgMemberStore>());
        services.AddSingleton<IUserStore<Member>>(sp => sp.GetRequiredService<PgMemberStore>());
        services.AddSingleton<IForumStore, PgForumStore>();
        services.AddSingleton<PgOutboxStore>();
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<PgOutboxStore>());
        services.AddSingleton<IBounceStore>(sp => sp.GetRequiredService<PgOutboxStore>());
        services.AddSingleton<IListStore, PgListStore>();
        services.AddSingleton<ISettingsStore, PgSettingsStore>();
        services.AddSingleton<IModerationStore, PgModerationStore>();
        services.AddSingleton<IMediaItemStore, PgMediaItemStore>();
        services.AddSingleton<IContactMessageStore, PgContactMessageStore>();
        services.AddSingleton<PgXmlRepository>();
        services.AddSingleton<PgPostReferenceResolver>();
        services.AddSingleton<ForumServer.Core.Forum.IPostReferenceResolver>(sp => sp.GetRequiredService<PgPostReferenceResolver>());
        services.AddSingleton<ForumServer.Core.Notifications.IMemberNameDirectory>(sp => sp.GetRequiredService<PgPostReferenceResolver>());
        services.AddSingleton<ForumServer.Core.Notifications.INotificationStore, PgNotificationStore>();
        services.AddSingleton<PgProfileStore>();
        services.AddSingleton<ForumServer.Core.Profiles.IProfileStore>(sp => sp.GetRequiredService<PgProfileStore>());
        services.AddSingleton<ForumServer.Core.Curation.IPinnedTopicStore>(sp => sp.GetRequiredService<PgProfileStore>());
        services.AddSingleton<ForumServer.Core.Reactions.IReactionStore, PgReactionStore>();
        services.AddSingleton<ForumServer.Core.Drafts.IDraftStore, PgDraftStore>();
        return services;
    }
}
