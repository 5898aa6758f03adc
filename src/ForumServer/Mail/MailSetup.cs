using System.ComponentModel.DataAnnotations;
using ForumServer.Core.Mail;
using ForumServer.Hosting;

namespace ForumServer.Mail;

/// <summary>The <c>Mail</c> section: how outgoing mail leaves the server.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>"Pickup" writes .eml files; "Smtp" sends through an SMTP server.</summary>
    [Required, RegularExpression("^(Pickup|Smtp)$")]
    public string Transport { get; set; } = "Pickup";

    /// <summary>Folder for .eml files; empty means <c>mail-pickup</c> inside the data folder.</summary>
    public string PickupFolder { get; set; } = "";

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;
}

public static class MailSetup
{
    public static void AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailOptions>>().Value;
            var storage = sp.GetRequiredService<StorageOptions>();
            var folder = string.IsNullOrWhiteSpace(options.PickupFolder)
                ? Path.Combine(storage.DataFolder, "mail-pickup")
                : Path.GetFullPath(options.PickupFolder);
            return new PickupFolderTransport(folder);
        });
        builder.Services.AddHostedService<OutboxWorker>();
    }
}
