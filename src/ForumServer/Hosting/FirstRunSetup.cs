using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;

namespace ForumServer.Hosting;

/// <summary>
/// On start: an empty forum gets the category "General", and while no administrator exists the console shows a
/// one-time link to create the first one. There is no default password anywhere.
/// </summary>
public sealed class FirstRunSetup(IServiceProvider services, SiteOptions site, ILogger<FirstRunSetup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var forumStore = scope.ServiceProvider.GetRequiredService<IForumStore>();
        if ((await forumStore.ListCategoriesAsync()).Count == 0)
        {
            var forum = scope.ServiceProvider.GetRequiredService<ForumService>();
            await forum.CreateCategoryAsync("General", "Anything that fits nowhere else.");
        }

        var members = scope.ServiceProvider.GetRequiredService<IMemberStore>();
        if (!await members.AnyInRoleAsync(Roles.Administrator))
        {
            var token = await scope.ServiceProvider.GetRequiredService<SetupTokens>().IssueAsync();
            var link = site.Link($"/setup/{token}");
            Console.WriteLine();
            Console.WriteLine("No administrator exists yet. Create the first one with this one-time link:");
            Console.WriteLine($"    {link}");
            Console.WriteLine();
            logger.LogInformation("First-run setup link issued");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
