using ForumServer.Accounts;
using ForumServer.Forum;
using ForumServer.Hosting;
using ForumServer.Live;
using ForumServer.Localization;
using ForumServer.Lists;
using ForumServer.Logging;
using ForumServer.Mail;
using ForumServer.Mail.Inbound;
using ForumServer.Moderation;
using ForumServer.Media;
using ForumServer.Privacy;
using ForumServer.Security;
using ForumServer.Seo;
using ForumServer.Themes;

var builder = WebApplication.CreateBuilder(args);

if (!builder.TryAddDataFolder(out var problem))
{
    Console.Error.WriteLine(problem);
    return 1;
}
builder.AddSite();
builder.AddForum();
builder.AddAccounts();
builder.AddMail();
builder.AddModeration();
builder.AddLists();
builder.AddSecurity();
builder.AddLive();
builder.AddMedia();
builder.AddInboundMail();
builder.AddForumLocalization();
builder.AddLogExport();
builder.AddRetention();
builder.Services.AddRazorPages();

var app = builder.Build();

if (AdminCommand.Matches(args))
{
    return await AdminCommand.RunAsync(app.Services, args);
}

app.UseErrorPages();
app.UseSecurityHeaders();
app.UseThemeFiles();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseForumLocalization();
app.UseLastAccessRecording();
app.UseRateLimiter();
app.UseOutputCache();
app.UseAuthorization();
app.MapRazorPages();
app.MapLive();
app.MapMedia();
app.MapSeo();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
