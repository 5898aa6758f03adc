using ForumServer.Core.Accounts;
using ForumServer.Core.Lists;
using Microsoft.Extensions.Options;

namespace ForumServer.Lists;

public static class ListsSetup
{
    public const string ListManagerPolicy = "ListManager";

    /// <summary>Mailing lists: subscriptions, issues and the dispatcher that queues issues for sending.</summary>
    public static void AddLists(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ListOptions>().BindConfiguration(ListOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<ListOptions>>().Value);
        builder.Services.AddSingleton(sp => BounceKey.LoadOrCreate(sp.GetRequiredService<ForumServer.Hosting.StorageOptions>().DataFolder));
        builder.Services.AddSingleton<ListAddresses>();
        builder.Services.AddSingleton<ListMailer>();
        builder.Services.AddSingleton<SubscriptionService>();
        builder.Services.AddSingleton<IssueService>();
        builder.Services.AddSingleton<IssueDispatcher>();
        builder.Services.AddSingleton<MemberLists>();
        builder.Services.AddSingleton<ListMemberHooks>();
        builder.Services.AddSingleton<ForumServer.Core.Moderation.IMemberContentCleaner>(sp => sp.GetRequiredService<ListMemberHooks>());
        builder.Services.AddSingleton<ForumServer.Core.Privacy.IPersonalDataSource>(sp => sp.GetRequiredService<ListMemberHooks>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IssueDispatcher>());
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ListManagerPolicy, p => p.RequireRole(Roles.ListManager, Roles.Administrator));
    }
}
