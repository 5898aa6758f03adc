using System.Net;
using System.Text.RegularExpressions;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Accounts;

/// <summary>What an operator sees running the real server process.</summary>
public sealed partial class OperatorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("forumserver-op-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task First_start_prints_a_one_time_setup_link_that_creates_the_first_administrator()
    {
        var url = ServerProcess.FreeLocalUrl();
        using var server = ServerProcess.Start(_folder, url);
        var output = await server.WaitForOutputAsync("/setup/", TimeSpan.FromSeconds(60));
        var link = SetupLink().Match(output).Value;
        Assert.StartsWith(url + "/setup/", link);
        await server.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(30));

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(url) };
        using var browser = new TestBrowser(http);
        var page = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var done = await browser.SubmitAsync(page, "main form", new()
        {
            ["Input.DisplayName"] = "Root", ["Input.Email"] = "root@example.org", ["Input.Password"] = Flows.Password,
        });
        Assert.Contains("administrator account is ready", done.Html);

        // Used once, the link is gone.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(link)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(url + "/setup/guessed-token")).Status);

        var signedIn = await browser.SignInAsync("root@example.org");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        var admin = await browser.GetAsync(url + "/admin/members");
        Assert.Equal(HttpStatusCode.OK, admin.Status);
        Assert.Contains("root@example.org", admin.Html);
    }

    [Fact]
    public async Task Second_server_on_the_same_data_folder_refuses_to_start_and_says_why()
    {
        using var first = ServerProcess.Start(_folder, ServerProcess.FreeLocalUrl());
        await first.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(60));

        using var second = ServerProcess.Start(_folder, ServerProcess.FreeLocalUrl());
        Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the second server kept running");
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("in use by another ForumServer process", second.Output);
        Assert.False(first.HasExited);
    }

    [Fact]
    public async Task Admin_create_command_prints_a_set_password_link()
    {
        var url = ServerProcess.FreeLocalUrl();
        using (var cli = ServerProcess.Start(_folder, url, "admin", "create", "--email", "ops@example.org", "--name", "Ops"))
        {
            Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal(0, cli.ExitCode);
            Assert.Contains("Administrator 'Ops' created", cli.Output);
            var link = ResetLink().Match(cli.Output).Value;
            Assert.StartsWith(url + "/account/reset-password?userId=", link);

            using var server = ServerProcess.Start(_folder, url);
            await server.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(60));
            Assert.DoesNotContain("/setup/", server.Output); // an administrator exists now

            using var browser = new TestBrowser(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) });
            var set = await browser.SubmitAsync(await browser.GetAsync(link), "main form", new() { ["Password"] = "a brand new password" });
            Assert.Contains("Your password is set", set.Html);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("ops@example.org", "a brand new password")).Status);
        }
    }

    [Fact]
    public async Task Admin_create_without_email_explains_its_usage()
    {
        using var cli = ServerProcess.Start(_folder, ServerProcess.FreeLocalUrl(), "admin", "create", "--name", "Ops");
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("both --email and --name are required", cli.Output);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/setup/[A-Za-z0-9_-]+")]
    private static partial Regex SetupLink();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/account/reset-password\S+")]
    private static partial Regex ResetLink();
}
