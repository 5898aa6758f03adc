using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace ForumServer.Accounts;

/// <summary><c>admin create --email a@b.c --name Admin</c>: creates an administrator and prints a set-password link.</summary>
public static class AdminCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "admin";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length < 2 || args[1] != "create")
            return Usage("unknown admin command");
        var email = ValueOf(args, "--email");
        var name = ValueOf(args, "--name");
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(name))
            return Usage("both --email and --name are required");

        using var scope = services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountActions>();
        var result = await accounts.CreateAdministratorAsync(email, name, password: null);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) Console.Error.WriteLine($"error: {error.Message}");
            return 1;
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var site = scope.ServiceProvider.GetRequiredService<SiteOptions>();
        var code = await users.GeneratePasswordResetTokenAsync(result.Value!);
        Console.WriteLine($"Administrator '{result.Value!.DisplayName}' created. Choose a password with this link:");
        Console.WriteLine($"    {AccountLinks.ResetPassword(site, result.Value.Id, code)}");
        return 0;
    }

    private static string? ValueOf(string[] args, string flag)
    {
        var i = Array.IndexOf(args, flag);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"error: {problem}");
        Console.Error.WriteLine("usage: dotnet run --project src/ForumServer -- admin create --email <address> --name <display name>");
        return 2;
    }
}
