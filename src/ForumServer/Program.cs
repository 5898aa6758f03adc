using ForumServer.Accounts;
using ForumServer.Forum;
using ForumServer.Hosting;
using ForumServer.Lists;
using ForumServer.Mail;
using ForumServer.Security;
using ForumServer.Themes;

var builder = WebApplication.CreateBuilder(args);

builder.AddDataFolder();
builder.AddSite();
builder.AddForum();
builder.AddAccounts();
builder.AddMail();
builder.AddLists();
builder.AddSecurity();
builder.Services.AddRazorPages();

var app = builder.Build();

if (AdminCommand.Matches(args))
{
    Environment.ExitCode = await AdminCommand.RunAsync(app.Services, args);
    return;
}

app.UseErrorPages();
app.UseSecurityHeaders();
app.UseThemeFiles();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseLastAccessRecording();
app.UseRateLimiter();
app.UseAuthorization();
app.MapRazorPages();

app.Run();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
