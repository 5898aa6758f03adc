using System.Text;
using System.Text.Json;
using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ForumServer.BrowserTests.Ux;

/// <summary>
/// axe-core (from npm, see package.json beside the project) over every page a visitor, member, moderator and
/// administrator reaches, in light and dark, on a desktop and a 390 px phone: no violation of impact serious or
/// critical, and no page wider than the phone.
/// </summary>
public sealed class AxeSweepTests(Chromium chromium, BrowserForum forum, ITestOutputHelper output) : IClassFixture<Chromium>, IClassFixture<BrowserForum>
{
    private const string AdminEmail = "ada@example.org";

    private static readonly (string Name, int Width, int Height, ColorScheme Scheme)[] Variants =
    [
        ("desktop light", 1280, 900, ColorScheme.Light),
        ("desktop dark", 1280, 900, ColorScheme.Dark),
        ("phone light", 390, 844, ColorScheme.Light),
        ("phone dark", 390, 844, ColorScheme.Dark),
    ];

    [Fact]
    public async Task Every_page_of_every_role_has_no_serious_or_critical_violations_in_light_dark_desktop_and_phone()
    {
        var axe = await File.ReadAllTextAsync(AxeScriptPath());
        var site = await SeedAsync();
        var problems = new List<string>();
        var checkedPages = 0;

        foreach (var (email, paths) in new (string?, string[])[]
        {
            (null, site.VisitorPages), (BrowserForum.AliceEmail, site.MemberPages),
            (BrowserForum.ModeratorEmail, site.ModeratorPages), (AdminEmail, site.AdminPages),
        })
        {
            var context = await chromium.Browser.NewContextAsync(new() { BypassCSP = true }); // to inject axe
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(15_000);
            if (email is not null) await SignInAsync(page, email);
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(forum.Url(path));
                if (!path.Contains("missing") && response?.Status != 200) problems.Add($"{email ?? "visitor"} {path} answered {response?.Status}");
                await page.AddScriptTagAsync(new() { Content = axe });
                if (checkedPages == 0) await AxeFindsAPlantedViolationAsync(page);
                foreach (var variant in Variants)
                {
                    await page.SetViewportSizeAsync(variant.Width, variant.Height);
                    await page.EmulateMediaAsync(new() { ColorScheme = variant.Scheme });
                    problems.AddRange((await ViolationsAsync(page)).Select(v => $"{email ?? "visitor"} {path} [{variant.Name}] {v}"));
                    if (variant.Width < 500)
                    {
                        var overflow = await page.EvaluateAsync<int>(
                            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                        if (overflow > 0) problems.Add($"{email ?? "visitor"} {path} [{variant.Name}] page is {overflow}px wider than the screen");
                    }
                    checkedPages++;
                }
            }
            await context.CloseAsync();
        }

        output.WriteLine($"{checkedPages} page views checked");
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n{string.Join("\n", problems.Distinct())}");
    }

    /// <summary>Guards the sweep itself: an unnamed button must be reported, or the sweep checks nothing.</summary>
    private static async Task AxeFindsAPlantedViolationAsync(IPage page)
    {
        await page.EvaluateAsync("() => document.body.insertAdjacentHTML('beforeend', '<button id=planted></button>')");
        Assert.Contains(await ViolationsAsync(page), v => v.Contains("button-name"));
        await page.EvaluateAsync("() => document.getElementById('planted').remove()");
    }

    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 160)) }));
            }
            """);
        return json.EnumerateArray().Select(v =>
        {
            var text = new StringBuilder($"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}:");
            foreach (var node in v.GetProperty("nodes").EnumerateArray()) text.Append(" | ").Append(node.GetString());
            return text.ToString();
        }).ToList();
    }

    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync(forum.Url("/account/login"));
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", Flows.Password);
        await BrowserForum.ClickAndLoadAsync(page, "main form button[type=submit]");
    }

    private sealed record Site(string[] VisitorPages, string[] MemberPages, string[] ModeratorPages, string[] AdminPages);

    /// <summary>Content that makes every kind of element appear: pagers, tables, task lists, code, flags, staff.</summary>
    private async Task<Site> SeedAsync()
    {
        const string rich = "A **rich** post with `code`, a [link](https://example.org) and:\n\n" +
            "| left | centre | right |\n|:--|:-:|--:|\n| a | b | 1.50 |\n\n- [x] done\n- [ ] to do\n\n> quoted\n\n```\n" +
            "a very long line of code that is much wider than a phone screen and has to scroll sideways to be read in full\n```";
        var topic = (await forum.Alice.CreateTopicAsync(1, "Everything on one page", rich)).Location!;
        for (var i = 1; i <= ForumService.PostsPerPage; i++) await forum.Alice.ReplyAsync(topic, $"reply {i}");
        var topicId = int.Parse(topic.Split('/')[2]);

        using var mo = forum.App.NewBrowser();
        await mo.SignInAsync(BrowserForum.ModeratorEmail);
        await mo.ReplyAsync(topic + "?page=2", "A moderator's reply");
        var admin = await forum.App.NewMemberAsync("Ada", AdminEmail);
        await forum.App.WithRoleAsync(admin, AdminEmail, Roles.Administrator);
        admin.Dispose();

        using var scope = forum.App.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IForumStore>();
        var posts = await store.ListPostsAsync(topicId, 0, 100);
        var alicePost = posts.First(p => p.AuthorName == "Alice").Id;
        var moPost = posts.Last(p => p.AuthorName == "Mo").Id;
        var flagForm = await forum.Alice.GetAsync($"/p/{moPost}/flag");
        await forum.Alice.SubmitAsync(flagForm, "form.flag", new() { ["Input.Reason"] = "Please check this" });
        var issues = scope.ServiceProvider.GetRequiredService<ForumServer.Core.Lists.IssueService>();
        var draft = (await issues.SaveDraftAsync(null, "announce", "A draft issue", "Some **news**.", "ada")).Value!;
        var sent = (await issues.SaveDraftAsync(null, "announce", "A sent issue", "Older news.", "ada")).Value!;
        await issues.ScheduleAsync(sent.Id, null);
        await forum.Alice.SubmitAsync(await forum.Alice.GetAsync("/lists"), "#list-news form.subscribe-member"); // shows Unsubscribe
        var aliceId = (await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByEmailAsync(BrowserForum.AliceEmail))!.Id;

        string[] visitor =
        [
            "/", "/c/1/general", topic, topic + "?page=2", "/account/login", "/account/register", "/account/forgot-password",
            "/lists", "/lists/announce/archive", "/privacy/delete", "/language", "/t/999999/missing",
        ];
        string[] member =
        [
            "/", topic, topic + "?page=2", "/account/settings", "/account/email", "/account/password", "/c/1/new",
            $"/p/{alicePost}/edit", $"/p/{alicePost}/edit?handler=Delete", $"/p/{moPost}/flag", "/privacy/delete", "/lists",
        ];
        string[] moderator =
        [
            topic + "?page=2", "/moderation", $"/moderation/posts/{moPost}", $"/moderation/topics/{topicId}", $"/moderation/members/{aliceId}",
        ];
        string[] administrator =
        [
            "/admin/categories", "/admin/members", "/admin/logs", "/moderation/audit", "/lists/manage",
            "/lists/manage/compose/announce", "/lists/manage/subscribers/announce", "/account/settings",
            $"/lists/manage/issues/{draft.Id}", $"/lists/manage/issues/{draft.Id}?handler=Send", $"/lists/manage/issues/{sent.Id}",
        ];
        return new Site(visitor, member, moderator, administrator);
    }

    private static string AxeScriptPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "ForumServer.BrowserTests", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException(
            "axe-core is missing: run `npm ci` in tests/ForumServer.BrowserTests (the build does it when npm is installed).");
    }
}
