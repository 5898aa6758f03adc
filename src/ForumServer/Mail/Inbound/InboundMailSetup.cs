using System.ComponentModel.DataAnnotations;
using System.Net;
using ForumServer.Core.Inbound;
using Microsoft.Extensions.Options;

namespace ForumServer.Mail.Inbound;

/// <summary>The <c>InboundMail</c> section: the SMTP listener for the contact, unsubscribe and bounce addresses.</summary>
public sealed class InboundMailOptions
{
    public const string Section = "InboundMail";

    public bool Enabled { get; set; }

    /// <summary>IP address to listen on; 127.0.0.1 behind the site's MTA, 0.0.0.0 to take mail straight from the internet.</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 2525;

    [Range(1024, 100 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>SMTP sessions served at once; further connections wait to be accepted.</summary>
    [Range(1, 1000)]
    public int MaxConnections { get; set; } = 20;

    /// <summary>PKCS#12 (.pfx) file; when set, STARTTLS is offered.</summary>
    public string CertificatePath { get; set; } = "";
    public string CertificatePassword { get; set; } = "";

    /// <summary>Name in the SMTP greeting; empty means the machine name.</summary>
    public string ServerName { get; set; } = "";
}

public static class InboundMailSetup
{
    /// <summary>Inbound mail handling (always, for the contact queue) and the SMTP listener (when enabled).</summary>
    public static void AddInboundMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<InboundMailOptions>().BindConfiguration(InboundMailOptions.Section).ValidateDataAnnotations()
            .Validate(o => IPAddress.TryParse(o.Address, out _), "InboundMail:Address must be an IP address such as 127.0.0.1.")
            .Validate(o => string.IsNullOrEmpty(o.CertificatePath) || File.Exists(o.CertificatePath), "InboundMail:CertificatePath names a file that does not exist.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new BounceThreshold(sp.GetRequiredService<IOptions<MailOptions>>().Value.BouncingAfter));
        builder.Services.AddSingleton<InboundAddresses>();
        builder.Services.AddScoped<ContactMessageService>();
        builder.Services.AddScoped<InboundMailHandler>();
        builder.Services.AddSingleton<ContactMemberHooks>();
        builder.Services.AddSingleton<ForumServer.Core.Moderation.IMemberContentCleaner>(sp => sp.GetRequiredService<ContactMemberHooks>());
        builder.Services.AddSingleton<ForumServer.Core.Privacy.IPersonalDataSource>(sp => sp.GetRequiredService<ContactMemberHooks>());
        builder.Services.AddSingleton<InboundMailListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InboundMailListener>());
    }
}
