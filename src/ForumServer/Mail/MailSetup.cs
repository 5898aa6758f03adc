using System.ComponentModel.DataAnnotations;
using ForumServer.Core.Mail;
using ForumServer.Hosting;
using Microsoft.Extensions.Options;

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

    /// <summary>Messages sent at the same time (one SMTP connection each).</summary>
    [Range(1, 64)]
    public int Connections { get; set; } = 4;

    /// <summary>
    /// How long a sender holds a batch it claimed. Sends start only in the first half, so the second half is room for
    /// the last sends to finish (at least twice <see cref="SmtpOptions.Timeout"/>); a batch of a server that died is
    /// sent by another server once its claim runs out (and by this server at once after a restart on LiteDB).
    /// </summary>
    [Range(2, 3600)]
    public int ClaimSeconds { get; set; } = 120;

    /// <summary>At most this many messages per second (per server); 0 means no cap.</summary>
    [Range(0, 100_000)]
    public double MessagesPerSecond { get; set; }

    /// <summary>First retry delay after a transient failure; doubles each attempt up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.010", "7.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Transient failures tolerated before a message is given up as failed.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 20;

    /// <summary>Permanent (5xx) failures after which an address is marked bouncing and skipped.</summary>
    [Range(1, 100)]
    public int BouncingAfter { get; set; } = 3;

    public SmtpOptions Smtp { get; set; } = new();
    public DkimOptions Dkim { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>"None", "StartTls" (required), "StartTlsWhenAvailable" or "Tls" (implicit TLS, usually port 465).</summary>
    [RegularExpression("^(None|StartTls|StartTlsWhenAvailable|Tls)$")]
    public string Security { get; set; } = "StartTlsWhenAvailable";

    /// <summary>Empty means no authentication.</summary>
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}

public sealed class DkimOptions
{
    /// <summary>PEM file with the RSA private key; empty turns DKIM signing off.</summary>
    public string PrivateKeyFile { get; set; } = "";
    public string Domain { get; set; } = "";
    public string Selector { get; set; } = "";
}

public static class MailSetup
{
    public static void AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.Dkim.PrivateKeyFile) || (o.Dkim.Domain.Length > 0 && o.Dkim.Selector.Length > 0),
                "Mail:Dkim needs Domain and Selector when PrivateKeyFile is set.")
            .Validate(o => o.ClaimSeconds >= 2 * o.Smtp.Timeout.TotalSeconds,
                "Mail:ClaimSeconds must be at least twice Mail:Smtp:Timeout: sends start in the first half of a claim, and the last one may take the whole timeout.")
            .ValidateOnStart();
        builder.Services.AddOptions<MailLimitOptions>().BindConfiguration(MailLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new RecipientMailLimiter(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailLimitOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>().Value;
            if (options.Transport == "Smtp") return new SmtpTransport(options.Smtp, options.Connections);
            var storage = sp.GetRequiredService<StorageOptions>();
            var folder = string.IsNullOrWhiteSpace(options.PickupFolder)
                ? Path.Combine(storage.DataFolder, "mail-pickup")
                : Path.GetFullPath(options.PickupFolder);
            return new PickupFolderTransport(folder);
        });
        builder.Services.AddSingleton(sp =>
        {
            var dkim = sp.GetRequiredService<IOptions<MailOptions>>().Value.Dkim;
            if (string.IsNullOrWhiteSpace(dkim.PrivateKeyFile)) return new OptionalSigner(null);
            using var key = File.OpenRead(dkim.PrivateKeyFile);
            return new OptionalSigner(new DkimMessageSigner(key, dkim.Domain, dkim.Selector));
        });
        builder.Services.AddHostedService<OutboxWorker>();
    }
}

/// <summary>The DKIM signer when a key is configured.</summary>
public sealed record OptionalSigner(DkimMessageSigner? Signer);
