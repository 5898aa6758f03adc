using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using SmtpServer;

namespace ForumServer.Mail.Inbound;

/// <summary>Runs the SMTP server (SmtpServer package) for the site's own addresses while the host runs.</summary>
public sealed class InboundMailListener(IOptions<InboundMailOptions> options, IServiceScopeFactory scopes, ILogger<InboundMailListener> logger) : BackgroundService
{
    private readonly TaskCompletionSource<IPEndPoint> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Where the listener accepts connections, once it does (the real port when 0 was configured).</summary>
    public Task<IPEndPoint> Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;

        var certificate = string.IsNullOrEmpty(settings.CertificatePath)
            ? null
            : X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, settings.CertificatePassword);
        var serverOptions = new SmtpServerOptionsBuilder()
            .ServerName(string.IsNullOrWhiteSpace(settings.ServerName) ? Environment.MachineName : settings.ServerName)
            .MaxMessageSize(settings.MaxMessageBytes, MaxMessageSizeHandling.Strict)
            .Endpoint(e =>
            {
                e.Endpoint(new IPEndPoint(IPAddress.Parse(settings.Address), settings.Port)).IsSecure(false);
                if (certificate is not null) e.Certificate(certificate);
            })
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new SiteMailboxFilter(scopes, logger));
        services.Add(new SiteMessageStore(scopes, logger));
        services.Add(new LimitedNoDelayListenerFactory(settings.MaxConnections, endpoint =>
        {
            logger.LogInformation("Inbound SMTP listening on {Endpoint}{Tls}", endpoint, certificate is null ? "" : " (STARTTLS offered)");
            _listening.TrySetResult(endpoint);
        }));
        var server = new SmtpServer.SmtpServer(serverOptions, services);
        try
        {
            await server.StartAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            certificate?.Dispose();
        }
    }
}
