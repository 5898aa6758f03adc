using ForumServer.Accounts;
using ForumServer.Community;
using ForumServer.Forum;
using ForumServer.Hosting;
using ForumServer.Lists;
using ForumServer.Live;
using ForumServer.Localization;
using ForumServer.Logging;
using ForumServer.Mail;
using ForumServer.Mail.Inbound;
using ForumServer.Media;
using ForumServer.Moderation;
using ForumServer.Notifications;
using ForumServer.Retention;
using ForumServer.ScaleOut;
using ForumServer.Search;
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
if (!builder.TryAddSearch(out problem))
{
    Console.Error.WriteLine(problem);
    return 1;
}
builder.AddNotifications();
builder.AddCommunity();
builder.Services.AddRazorPages();
builder.AddScaleOut();

var app = builder.Build();

if (AdminCommand.Matches(args))
{
    return await AdminCommand.RunAsync(app.Services, args);
}
if (SearchCommand.Matches(args)) return await SearchCommand.RunAsync(app.Services, args);
if (StorageCopyCommand.Matches(args))
{
    return await StorageCopyCommand.RunAsync(app.Services, args);
}

app.UseTrustedProxies();
app.UseErrorPages();
app.UseSecurityHeaders();
app.UseThemeFiles();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseForumLocalization();
app.UseLastAccessRecording();
app.UseSuspendedWriteCheck();
app.UseRateLimiter();
app.UseOutputCache();
app.UseAuthorization();
app.MapRazorPages();
app.MapLive();
app.MapMedia();
app.MapNotifications();
app.MapCommunity();
app.MapSeo();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
