using System.Net;
using ForumServer.Core.Accounts;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Accounts;

/// <summary>
/// Registration, sign-in and account settings. The tests share one app, so each uses members, display names and
/// addresses of its own (lockouts and mails are per account and per recipient).
/// </summary>
public sealed class AccountTests(SharedForumApp app) : IClassFixture<SharedForumApp>
{
    private readonly ForumApp _app = app;

    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_same_answer()
    {
        using var dave = await _app.NewMemberAsync("DaveWrong", "dave.wrong@example.org");
        using var other = _app.NewBrowser();
        var wrong = await other.SignInAsync("dave.wrong@example.org", "not the password");
        var unknown = await other.SignInAsync("nobody@example.org", "not the password");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal(wrong.Text(".errors"), unknown.Text(".errors"));
        Assert.Equal(wrong.Status, unknown.Status);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_even_for_the_right_password()
    {
        using var dave = await _app.NewMemberAsync("DaveLock", "dave.lock@example.org");
        using var attacker = _app.NewBrowser();
        for (var i = 0; i < 5; i++) await attacker.SignInAsync("dave.lock@example.org", $"guess {i} guess");
        var locked = await attacker.SignInAsync("dave.lock@example.org");
        Assert.Equal(HttpStatusCode.BadRequest, locked.Status);
        Assert.Contains("temporarily locked", locked.Text(".errors"));
    }

    [Fact]
    public async Task Registering_an_address_that_has_an_account_looks_the_same_and_mails_the_owner()
    {
        using var dave = await _app.NewMemberAsync("DaveTwice", "dave.twice@example.org");
        using var someone = _app.NewBrowser();
        var again = await someone.RegisterAsync("DaveTwice2", "dave.twice@example.org");
        var fresh = await someone.RegisterAsync("Erin", "erin@example.org");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(fresh.Text("main .notice"), again.Text("main .notice"));
        await _app.Mailbox.WaitForAsync("dave.twice@example.org", "tried to register");
    }

    [Theory]
    [InlineData("DaveTaken", "davetaken", "is taken")]   // taken, ignoring case
    [InlineData("DaveShort", "x", "at least 2")]
    [InlineData("DaveScript", "<script>", "may not contain")]
    public async Task Bad_or_taken_display_names_are_refused_with_the_reason(string existing, string name, string reason)
    {
        using var dave = await _app.NewMemberAsync(existing, $"{existing.ToLowerInvariant()}@example.org");
        using var other = _app.NewBrowser();
        var someone = $"someone.{existing.ToLowerInvariant()}@example.org";
        var page = await other.RegisterAsync(name, someone);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(reason, page.Text("[data-valmsg-for='Input.DisplayName']"));
        Assert.Empty(_app.Mailbox.To(someone));
    }

    [Theory]
    [InlineData("Name", "not-an-email", Flows.Password, "Input.Email", "valid email")]
    [InlineData("Name", "short@example.org", "short", "Input.Password", "10 to 200")]
    [InlineData("", "x@example.org", Flows.Password, "Input.DisplayName", "required")]
    public async Task Register_form_names_the_wrong_field(string name, string email, string password, string field, string message)
    {
        using var browser = _app.NewBrowser();
        var page = await browser.RegisterAsync(name, email, password);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Text($"[data-valmsg-for='{field}']"));
    }

    [Fact]
    public async Task Confirmation_link_with_a_tampered_code_is_refused_and_leaves_the_email_unconfirmed()
    {
        using var browser = _app.NewBrowser();
        await browser.RegisterAsync("Fay", "fay@example.org");
        var link = Mailbox.LinkIn(await _app.Mailbox.WaitForAsync("fay@example.org", "Confirm"));
        var tampered = link[..^4] + "AAAA";
        var page = await browser.SubmitAsync(await browser.GetAsync(tampered), "main form");
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("invalid or has expired", page.Html);
        await browser.SignInAsync("fay@example.org");
        Assert.Contains("not confirmed", (await browser.GetAsync("/account/settings")).Html);
    }

    [Fact]
    public async Task Password_reset_by_email_sets_a_new_password()
    {
        using var dave = await _app.NewMemberAsync("DaveReset", "dave.reset@example.org");
        using var browser = _app.NewBrowser();
        var asked = await browser.SubmitAsync(await browser.GetAsync("/account/forgot-password"), "main form", new() { ["Input.Email"] = "dave.reset@example.org" });
        var unknown = await browser.SubmitAsync(await browser.GetAsync("/account/forgot-password"), "main form", new() { ["Input.Email"] = "ghost@example.org" });
        Assert.Equal(asked.Text(".notice"), unknown.Text(".notice"));

        var link = Mailbox.LinkIn(await _app.Mailbox.WaitForAsync("dave.reset@example.org", "Reset your password"));
        var done = await browser.SubmitAsync(await browser.GetAsync(link), "main form", new() { ["Password"] = "another good password" });
        Assert.Contains("Your password is set", done.Html);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.SignInAsync("dave.reset@example.org")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("dave.reset@example.org", "another good password")).Status);

        // The same link does not work twice.
        var reused = await browser.SubmitAsync(await browser.GetAsync(link), "main form", new() { ["Password"] = "third good password" });
        Assert.Equal(HttpStatusCode.BadRequest, reused.Status);
    }

    [Fact]
    public async Task Change_password_needs_the_current_one()
    {
        using var dave = await _app.NewMemberAsync("DavePassword", "dave.password@example.org");
        var form = await dave.GetAsync("/account/password");
        var wrong = await dave.SubmitAsync(form, "main form", new() { ["Input.CurrentPassword"] = "wrong wrong", ["Input.NewPassword"] = "a new password!" });
        Assert.Contains("current password is wrong", wrong.Text("[data-valmsg-for='Input.CurrentPassword']"));
        var ok = await dave.SubmitAsync(form, "main form", new() { ["Input.CurrentPassword"] = Flows.Password, ["Input.NewPassword"] = "a new password!" });
        Assert.Contains("Your password is changed", ok.Html);
        using var again = _app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync("dave.password@example.org", "a new password!")).Status);
    }

    [Fact]
    public async Task Email_change_takes_effect_only_after_the_new_address_confirms()
    {
        using var dave = await _app.NewMemberAsync("DaveEmail", "dave.email@example.org");
        var sent = await dave.SubmitAsync(await dave.GetAsync("/account/email"), "main form", new() { ["Input.NewEmail"] = "dave.email.new@example.org" });
        Assert.Contains("sent a link to the new address", sent.Html);
        Assert.Equal("dave.email@example.org", (await dave.GetAsync("/account/settings")).Text(".own-email"));

        var link = Mailbox.LinkIn(await _app.Mailbox.WaitForAsync("dave.email.new@example.org", "Confirm your new email"));
        var done = await dave.SubmitAsync(await dave.GetAsync(link), "main form");
        Assert.Contains("now uses the new address", done.Html);
        Assert.Equal("dave.email.new@example.org", (await dave.GetAsync("/account/settings")).Text(".own-email"));
        using var again = _app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync("dave.email.new@example.org")).Status);
    }

    [Fact]
    public async Task Changing_the_display_name_renames_the_author_of_existing_posts()
    {
        using var dave = await _app.NewMemberAsync("DaveRename", "dave.rename@example.org");
        var topicUrl = (await dave.CreateTopicAsync(1, "Named", "text")).Location!;
        var saved = await dave.SubmitAsync(await dave.GetAsync("/account/settings"), "form[action*='DisplayName']", new() { ["Input.DisplayName"] = "DavidRenamed" });
        Assert.Contains("display name is saved", saved.Html);
        Assert.Equal(["DavidRenamed"], (await dave.GetAsync(topicUrl)).Texts(".post .author"));
    }

    [Fact]
    public async Task Administrator_grants_and_revokes_moderator()
    {
        using var admin = await _app.NewMemberAsync("AdminGrant", "admin.grant@example.org");
        await _app.WithRoleAsync(admin, "admin.grant@example.org", Roles.Administrator);
        using var gina = await _app.NewMemberAsync("GinaGrant", "gina.grant@example.org");

        var members = await admin.GetAsync("/admin/members");
        var row = members.Document.QuerySelectorAll("tr").First(r => r.TextContent.Contains("GinaGrant"));
        Assert.Contains("gina.grant@example.org", row.TextContent);
        var granted = await admin.FollowAsync(await admin.SubmitAsync(members, $"form:has(input[value='{row.QuerySelector("input[name=id]")!.GetAttribute("value")}'])"));
        Assert.Contains("Moderator", granted.Document.QuerySelectorAll("tr").First(r => r.TextContent.Contains("GinaGrant")).TextContent);

        // A member cannot do it.
        Assert.Equal(HttpStatusCode.Forbidden, (await gina.GetAsync("/admin/members")).Status);
        using var anon = _app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await anon.GetAsync("/admin/members")).Status);
    }

    [Fact]
    public async Task Pages_carry_security_headers_and_no_inline_script()
    {
        using var anon = _app.NewBrowser();
        var page = await anon.GetAsync("/account/register");
        var csp = string.Join(";", page.Response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", page.Response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", page.Response.Headers.GetValues("Referrer-Policy").Single());
        Assert.All(page.Document.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src")));
    }
}

public sealed class RateLimitTests : IDisposable
{
    private readonly ForumApp _app = new(new() { ["RateLimits:AccountPostsPerMinute"] = "3" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_get_429_but_pages_still_load()
    {
        using var browser = _app.NewBrowser();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.SignInAsync("x@example.org", "whatever pass")).Status);
        var limited = await browser.SignInAsync("x@example.org", "whatever pass");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("Too many requests", limited.Text("h1"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/login")).Status);
    }
}
