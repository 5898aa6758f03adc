using System.Net;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Localization;

/// <summary>
/// Pages and emails in English, Italian and German, picked by cookie, member, or browser. The tests share one app;
/// each has its own members, addresses and topics, and language picks live in each browser's own cookies.
/// </summary>
public sealed class LocalizationTests(SharedForumApp app) : IClassFixture<SharedForumApp>
{
    private readonly ForumApp _app = app;

    private TestBrowser Browser(string? acceptLanguage = null)
    {
        var browser = _app.NewBrowser();
        if (acceptLanguage is not null) browser.Client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        return browser;
    }

    [Theory]
    [InlineData(null, "en", "Recent topics", "Register")]
    [InlineData("it-IT,it;q=0.9,en;q=0.5", "it", "Discussioni recenti", "Registrati")]
    [InlineData("de-CH, de;q=0.8", "de", "Neueste Themen", "Registrieren")]
    [InlineData("fr-FR, fr;q=0.9", "en", "Recent topics", "Register")]
    public async Task Pages_follow_the_browsers_Accept_Language(string? acceptLanguage, string lang, string recent, string register)
    {
        using var browser = Browser(acceptLanguage);
        var front = await browser.GetAsync("/");
        Assert.Equal(lang, front.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(recent, front.Text("#recent-heading"));
        Assert.Equal(register, front.Text(".site-nav a[href='/account/register']"));
        var form = await browser.GetAsync("/account/register");
        Assert.Equal(register, form.Text("h1"));
    }

    [Fact]
    public async Task Form_errors_come_in_the_visitors_language()
    {
        using var browser = Browser("de");
        var form = await browser.GetAsync("/account/register");
        var bad = await browser.SubmitAsync(form, "main form", new() { ["Input.DisplayName"] = "", ["Input.Email"] = "x", ["Input.Password"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("Der Anzeigename ist erforderlich.", bad.Text("[data-valmsg-for='Input.DisplayName']"));
        Assert.Equal("Das Passwort ist erforderlich.", bad.Text("[data-valmsg-for='Input.Password']"));
    }

    [Fact]
    public async Task A_remembered_pick_is_one_persistent_cookie_that_beats_Accept_Language()
    {
        using var browser = Browser("de");
        var picker = await browser.GetAsync("/language?returnUrl=%2Flists");
        Assert.Equal("Sprache", picker.Text("h1"));
        var picked = await browser.SubmitAsync(picker, "form.language-pick", new() { ["Language"] = "it", ["Remember"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, picked.Status);
        Assert.Equal("/lists", picked.Location);
        var cookie = Assert.Single(picked.Response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".forum.lang=", StringComparison.Ordinal));
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(DateTimeOffset.UtcNow.AddDays(365).Year, ExpiryOf(cookie).Year);

        var lists = await browser.GetAsync("/lists");
        Assert.Equal("Mailing list", lists.Text("h1"));
        Assert.Equal("it", lists.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task A_pick_without_remember_is_a_session_cookie_and_a_bad_pick_sets_nothing()
    {
        using var browser = Browser();
        var picker = await browser.GetAsync("/language");
        var bad = await browser.SubmitAsync(picker, "form.language-pick", new() { ["Language"] = "fr" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("Italiano", bad.Text("[data-valmsg-for='Language']"));
        Assert.DoesNotContain(bad.Response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith(".forum.lang", StringComparison.Ordinal));

        var picked = await browser.SubmitAsync(picker, "form.language-pick", new() { ["Language"] = "de" });
        var cookie = Assert.Single(picked.Response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".forum.lang=", StringComparison.Ordinal));
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("max-age", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Neueste Themen", (await browser.GetAsync("/")).Text("#recent-heading"));
    }

    [Fact]
    public async Task A_members_saved_language_beats_Accept_Language_and_the_cookie_beats_both()
    {
        using var member = await _app.NewMemberAsync("Greta", "greta@example.org");
        member.Client.DefaultRequestHeaders.Add("Accept-Language", "it");
        Assert.Equal("Discussioni recenti", (await member.GetAsync("/")).Text("#recent-heading"));

        var settings = await member.GetAsync("/account/settings");
        var saved = await member.SubmitAsync(settings, "form.language", new() { ["Input.Language"] = "de" });
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Equal("Neueste Themen", (await member.GetAsync("/")).Text("#recent-heading"));
        Assert.Equal("Dein Konto", (await member.GetAsync("/account/settings")).Text("h1"));

        var picker = await member.GetAsync("/language");
        await member.SubmitAsync(picker, "form.language-pick", new() { ["Language"] = "en" });
        Assert.Equal("Recent topics", (await member.GetAsync("/")).Text("#recent-heading"));
    }

    [Fact]
    public async Task Emails_go_out_in_the_members_saved_language()
    {
        using var member = await _app.NewMemberAsync("Giulia", "giulia@example.org");
        var settings = await member.GetAsync("/account/settings");
        await member.SubmitAsync(settings, "form.language", new() { ["Input.Language"] = "it" });

        // The request itself asks for German; the member's saved Italian wins for the page and the mail.
        member.Client.DefaultRequestHeaders.Add("Accept-Language", "de");
        var change = await member.GetAsync("/account/email");
        var sent = await member.SubmitAsync(change, "main form", new() { ["Input.NewEmail"] = "giulia.new@example.org" });
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var mail = await _app.Mailbox.WaitForAsync("giulia.new@example.org", "Conferma il tuo nuovo indirizzo email");
        Assert.StartsWith("Ciao Giulia,", mail.TextBody);
        Assert.Contains("per usare questo indirizzo per il tuo account apri questo link:", mail.TextBody);
    }

    [Fact]
    public async Task Emails_caused_by_a_visitor_are_in_the_language_of_that_visit()
    {
        using var visitor = Browser("de-DE,de;q=0.9");
        await visitor.RegisterAsync("Klaus", "klaus@example.org");
        var confirm = await _app.Mailbox.WaitForAsync("klaus@example.org", "Bestätige deine E-Mail-Adresse");
        Assert.StartsWith("Hallo Klaus,", confirm.TextBody);

        var form = await visitor.GetAsync("/privacy/delete");
        await visitor.SubmitAsync(form, "form.visitor-request", new() { ["Input.Email"] = "klaus.b@example.net", ["Input.Description"] = "Bitte löschen." });
        var request = await _app.Mailbox.WaitForAsync("klaus.b@example.net", "Bestätige deinen Löschantrag");
        Assert.Contains("ohne Bestätigung geschieht nichts", request.TextBody);

        using var lists = Browser("it");
        var page = await lists.GetAsync("/lists");
        await lists.SubmitAsync(page, "form.subscribe", new() { ["email"] = "lettore@example.net" });
        var subscription = await _app.Mailbox.WaitForAsync("lettore@example.net", "Conferma l'iscrizione");
        Assert.Contains("Il link funziona per", subscription.TextBody);
    }

    [Fact]
    public async Task The_output_cache_never_serves_a_page_in_another_language()
    {
        using var author = await _app.NewMemberAsync("Ada", "ada@example.org");
        var topicUrl = (await author.CreateTopicAsync(1, "Cached everywhere", "text")).Location!;
        using var italian = Browser("it");
        using var german = Browser("de");
        using var english = Browser();
        using var cookieItalian = Browser("de");
        var picker = await cookieItalian.GetAsync("/language");
        await cookieItalian.SubmitAsync(picker, "form.language-pick", new() { ["Language"] = "it", ["Remember"] = "true" });

        for (var round = 0; round < 2; round++) // the second round is served from the cache
        {
            Assert.Equal("Per rispondere:", Reply(await italian.GetAsync(topicUrl)));
            Assert.Equal("Zum Antworten:", Reply(await german.GetAsync(topicUrl)));
            Assert.Equal("To reply:", Reply(await english.GetAsync(topicUrl)));
            Assert.Equal("Per rispondere:", Reply(await cookieItalian.GetAsync(topicUrl)));
            Assert.Equal("Neueste Themen", (await german.GetAsync("/")).Text("#recent-heading"));
            Assert.Equal("Discussioni recenti", (await cookieItalian.GetAsync("/")).Text("#recent-heading"));
        }

        static string Reply(TestBrowser.Page page) => page.Document.QuerySelector(".notice")!.FirstChild!.TextContent.Trim();
    }

    private static DateTimeOffset ExpiryOf(string setCookie)
    {
        var part = setCookie.Split(';').Select(p => p.Trim()).First(p => p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase));
        return DateTimeOffset.Parse(part["expires=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
