using System.ComponentModel.DataAnnotations;
using ForumServer.Core.Accounts;
using ForumServer.Core.Privacy;
using Microsoft.Extensions.Options;

namespace ForumServer.Logging;

/// <summary>The <c>Logs</c> section: the recent log lines administrators can download, and redaction of all logging.</summary>
public sealed class LogOptions
{
    public const string Section = "Logs";

    /// <summary>How many recent log lines are kept in memory for the administrators' download.</summary>
    [Range(100, 1_000_000)]
    public int RecentLines { get; set; } = 2000;

    /// <summary>Blank out IP addresses, email addresses and display names in every log output, not only the download.</summary>
    public bool RedactAll { get; set; }
}

public static class LogExportSetup
{
    public static void AddLogExport(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LogOptions>().BindConfiguration(LogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(LogOptions.Section).Get<LogOptions>() ?? new LogOptions();
        var redactor = new LogRedactor();
        builder.Services.AddSingleton(redactor);
        builder.Services.AddSingleton<RedactorNames>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RedactorNames>());

        if (options.RedactAll) WrapProviders(builder.Services, redactor);
        var buffer = new RecentLogBuffer(Math.Max(100, options.RecentLines));
        builder.Services.AddSingleton(buffer);
        builder.Logging.AddProvider(new RecentLogProvider(buffer, redactor));
    }

    /// <summary>Every logging provider registered so far writes through the redactor.</summary>
    private static void WrapProviders(IServiceCollection services, LogRedactor redactor)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(ILoggerProvider)) continue;
            Func<IServiceProvider, ILoggerProvider> inner;
            if (descriptor.ImplementationInstance is ILoggerProvider instance) inner = _ => instance;
            else if (descriptor.ImplementationFactory is { } factory) inner = sp => (ILoggerProvider)factory(sp);
            else if (descriptor.ImplementationType is { } type)
            {
                services.Add(ServiceDescriptor.Singleton(type, type)); // let DI pick the constructor, as it did before
                inner = sp => (ILoggerProvider)sp.GetRequiredService(type);
            }
            else continue;
            services[i] = ServiceDescriptor.Singleton<ILoggerProvider>(sp => new RedactingLoggerProvider(inner(sp), redactor));
        }
    }
}

/// <summary>Keeps the redactor's list of display names current (at start-up, every minute, and before a download).</summary>
public sealed class RedactorNames(IServiceProvider services, LogRedactor redactor, ILogger<RedactorNames> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public async Task RefreshAsync()
    {
        var store = services.GetRequiredService<IMemberStore>();
        var names = new List<string>();
        const int page = 500;
        for (var skip = 0; ; skip += page)
        {
            var members = await store.ListAsync(skip, page);
            names.AddRange(members.Select(m => m.DisplayName));
            if (members.Count < page) break;
        }
        redactor.SetNames(names);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try { await RefreshAsync(); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Could not load display names for log redaction"); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
