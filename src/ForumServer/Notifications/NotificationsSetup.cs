using System.Security.Claims;
using System.Threading.RateLimiting;
using ForumServer.Core.Forum;
using ForumServer.Core.Notifications;
using ForumServer.Storage.LiteDb;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ForumServer.Notifications;

public static class NotificationsSetup
{
    public const string NamesPolicy = "mention-names";
    public const int MaxPrefixLength = 32;
    public const int NamesReturned = 8;

    /// <summary>Watch levels, notifications (bell, page, mail, digests), @mention and quote resolution, unread tracking.</summary>
    public static void AddNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<NotificationOptions>>().Value);
        // The storage provider may have registered its own name lookups (PostgreSQL); LiteDB's otherwise.
        builder.Services.TryAddSingleton<LitePostReferenceResolver>();
        builder.Services.TryAddSingleton<IPostReferenceResolver>(sp => sp.GetRequiredService<LitePostReferenceResolver>());
        builder.Services.TryAddSingleton<IMemberNameDirectory>(sp => sp.GetRequiredService<LitePostReferenceResolver>());
        builder.Services.AddSingleton<NotificationMailer>();
        builder.Services.AddSingleton<ReadingPresence>();
        builder.Services.AddSingleton<IReadingPresence>(sp => sp.GetRequiredService<ReadingPresence>());
        builder.Services.AddSingleton<INotificationPusher, SignalRNotificationPusher>();
        builder.Services.AddSingleton<NotificationService>();
        builder.Services.AddSingleton<NotificationQueue>();
        builder.Services.AddScoped<IForumEventHandler, NotificationEventHandler>();
        builder.Services.AddHostedService<NotificationWorker>();
        builder.Services.AddSingleton<ForumServer.Core.Moderation.IDeletionRequestObserver, DeletionRequestNotifier>();
        builder.Services.AddSingleton<NotificationMemberHooks>();
        builder.Services.AddSingleton<ForumServer.Core.Moderation.IMemberContentCleaner>(sp => sp.GetRequiredService<NotificationMemberHooks>());
        builder.Services.AddSingleton<ForumServer.Core.Privacy.IPersonalDataSource>(sp => sp.GetRequiredService<NotificationMemberHooks>());

        var perMinute = builder.Configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>()?.NameLookupsPerMinute ?? 60;
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPolicy(NamesPolicy, context =>
            RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
    }

    /// <summary>The bell's hub, the autocomplete's name lookup and the "first unread post" redirect.</summary>
    public static void MapNotifications(this WebApplication app)
    {
        app.MapHub<NotificationHub>(NotificationHub.Path);

        app.MapGet("/notifications/names", async (string? prefix, IMemberNameDirectory names) =>
        {
            var p = prefix?.Trim() ?? "";
            if (p.Length is < 1 or > MaxPrefixLength || p.Any(char.IsControl))
                return Results.Problem(statusCode: 400, title: "Invalid prefix",
                    detail: $"prefix must be 1 to {MaxPrefixLength} characters without control characters.");
            return Results.Json(new { names = await names.NamesStartingWithAsync(p, NamesReturned) });
        }).RequireAuthorization().RequireRateLimiting(NamesPolicy);

        app.MapGet("/notifications/unread/{topicId:int}", async (int topicId, ClaimsPrincipal user, IForumStore forum, NotificationService notifications) =>
        {
            if (await forum.GetTopicAsync(topicId) is not { IsRemoved: false } topic) return Results.NotFound();
            var memberId = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var number = memberId is null ? 1 : await notifications.FirstUnreadNumberAsync(memberId, topic);
            var posts = await forum.ListPostsAsync(topicId, number - 1, 1);
            return Results.Redirect(posts.Count == 1 ? ForumLinks.Post(topic, posts[0]) : ForumLinks.Topic(topic, ForumService.PageOf(number)));
        });
    }
}
