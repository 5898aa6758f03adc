using ForumServer.Core.Moderation;
using ForumServer.Core.Privacy;
using Microsoft.Extensions.Options;

namespace ForumServer.Moderation;

public static class ModerationSetup
{
    /// <summary>Moderation (queue, flags, audit), deletion requests and the privacy rights pages.</summary>
    public static void AddModeration(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModerationOptions>().BindConfiguration(ModerationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<ModerationOptions>>().Value);
        builder.Services.AddSingleton<ModerationMailer>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<ModerationService>();
        builder.Services.AddScoped<AccountEraser>();
        builder.Services.AddSingleton<PendingErasureWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PendingErasureWorker>());
        builder.Services.AddScoped<DeletionRequestService>();
        builder.Services.AddScoped<PersonalDataExporter>();
    }
}
