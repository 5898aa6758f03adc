using System.Net;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Lists;
using ForumServer.Tests.Media;

namespace ForumServer.Tests.Ux;

/// <summary>
/// A member who chose German gets German upload errors, display-name errors and list mail footers. The tests share
/// one app; each has members and addresses of its own.
/// </summary>
public sealed class GermanTextTests(SharedForumApp app) : IClassFixture<SharedForumApp>
{
    private readonly ForumApp _app = app;

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
        using var alice = await _app.NewMemberAsync("AliceTaken", "alice.taken@example.org");
        using var hans = await GermanMemberAsync("HansTaken", "hans.taken@example.org");

        var refused = await hans.SubmitAsync(await hans.GetAsync("/account/settings"), "form[action*='handler=DisplayName']", new() { ["Input.DisplayName"] = "AliceTaken" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Dieser Anzeigename ist vergeben. Wähle einen anderen.", refused.Text("[data-valmsg-for='Input.DisplayName']"));
    }

    [Fact]
    public async Task An_upload_of_the_wrong_type_is_refused_in_German()
    {
        using var hans = await GermanMemberAsync("HansUpload", "hans.upload@example.org");

        var response = await hans.UploadAsync(new UploadedFile("notes.jpg", "just some text, not a photo"u8.ToArray(), "image/jpeg"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await MediaClient.ProblemDetailAsync(response);
        Assert.Contains("Dieser Dateityp wird nicht angenommen", detail);
        Assert.DoesNotContain("not accepted", detail);
    }

    [Fact]
    public async Task The_footer_of_a_list_issue_is_in_the_subscribers_language()
    {
        using var hans = await GermanMemberAsync("HansList", "hans.list@example.org");
        using var ann = await _app.NewMemberAsync("AnnList", "ann.list@example.org");
        await hans.SubmitAsync(await hans.GetAsync("/lists"), "#list-news form.subscribe-member");
        await ann.SubmitAsync(await ann.GetAsync("/lists"), "#list-news form.subscribe-member");

        await _app.SendIssueAsync("news", "Neuigkeiten", "Hallo.");

        var german = await _app.Mailbox.WaitForAsync("hans.list@example.org", "Neuigkeiten");
        Assert.Contains("Du erhältst diese Nachricht, weil du News bei", german.TextBody);
        Assert.Contains("Abbestellen: http", german.TextBody);
        Assert.Contains(">Abbestellen</a>", german.HtmlBody);
        var english = await _app.Mailbox.WaitForAsync("ann.list@example.org", "Neuigkeiten");
        Assert.Contains("You receive this because you subscribed to News at", english.TextBody);
        Assert.Contains("Unsubscribe: http", english.TextBody);
    }
}
