using System.Net;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Lists;
using ForumServer.Tests.Media;

namespace ForumServer.Tests.Ux;

/// <summary>A member who chose German gets German upload errors, display-name errors and list mail footers.</summary>
public sealed class GermanTextTests : IDisposable
{
    private readonly ForumApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<TestBrowser> GermanMemberAsync(string name, string email)
    {
        var browser = await _app.NewMemberAsync(name, email);
        await browser.SubmitAsync(await browser.GetAsync("/account/settings"), "form.language", new() { ["Input.Language"] = "de" });
        Assert.Equal("de", (await browser.GetAsync("/account/settings")).Document.DocumentElement.GetAttribute("lang"));
        return browser;
    }

    [Fact]
    public async Task A_taken_display_name_is_refused_in_German()
    {
        using var alice = await _app.NewMemberAsync("Alice", "alice@example.org");
        using var hans = await GermanMemberAsync("Hans", "hans@example.org");

        var refused = await hans.SubmitAsync(await hans.GetAsync("/account/settings"), "form[action*='handler=DisplayName']", new() { ["Input.DisplayName"] = "Alice" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Dieser Anzeigename ist vergeben. Wähle einen anderen.", refused.Text("[data-valmsg-for='Input.DisplayName']"));
    }

    [Fact]
    public async Task An_upload_of_the_wrong_type_is_refused_in_German()
    {
        using var hans = await GermanMemberAsync("Hans", "hans@example.org");

        var response = await hans.UploadAsync(new UploadedFile("notes.jpg", "just some text, not a photo"u8.ToArray(), "image/jpeg"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await MediaClient.ProblemDetailAsync(response);
        Assert.Contains("Dieser Dateityp wird nicht angenommen", detail);
        Assert.DoesNotContain("not accepted", detail);
    }

    [Fact]
    public async Task The_footer_of_a_list_issue_is_in_the_subscribers_language()
    {
        using var hans = await GermanMemberAsync("Hans", "hans@example.org");
        using var ann = await _app.NewMemberAsync("Ann", "ann@example.org");
        await hans.SubmitAsync(await hans.GetAsync("/lists"), "#list-news form.subscribe-member");
        await ann.SubmitAsync(await ann.GetAsync("/lists"), "#list-news form.subscribe-member");

        await _app.SendIssueAsync("news", "Neuigkeiten", "Hallo.");

        var german = await _app.Mailbox.WaitForAsync("hans@example.org", "Neuigkeiten");
        Assert.Contains("Du erhältst diese Nachricht, weil du News bei", german.TextBody);
        Assert.Contains("Abbestellen: http", german.TextBody);
        Assert.Contains(">Abbestellen</a>", german.HtmlBody);
        var english = await _app.Mailbox.WaitForAsync("ann@example.org", "Neuigkeiten");
        Assert.Contains("You receive this because you subscribed to News at", english.TextBody);
        Assert.Contains("Unsubscribe: http", english.TextBody);
    }
}
