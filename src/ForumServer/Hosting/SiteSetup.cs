using ForumServer.Core.Common;
using Microsoft.Extensions.Options;

namespace ForumServer.Hosting;

public static class SiteSetup
{
    public static void AddSite(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<SiteOptions>>().Value);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<FirstRunSetup>();
    }

    public static void UseErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
    }
}
