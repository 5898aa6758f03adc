using System.Net.Http.Headers;
using System.Text.Json;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Media;

public sealed record UploadedFile(string Name, byte[] Bytes, string ClaimedType);

/// <summary>Uploads as the editor's script does: multipart POST to /media with the page's antiforgery token.</summary>
public static class MediaClient
{
    public static async Task<string> TokenFromAsync(this TestBrowser browser, string pageUrl = "/c/1/new")
    {
        var page = await browser.GetAsync(pageUrl);
        return page.Document.QuerySelector("form.editor input[name=__af]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {pageUrl}: {page.Html}");
    }

    public static MultipartFormDataContent Form(string? token, params UploadedFile[] files)
    {
        var form = new MultipartFormDataContent();
        if (token is not null) form.Add(new StringContent(token), "__af");
        foreach (var file in files)
        {
            var content = new ByteArrayContent(file.Bytes);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ClaimedType);
            form.Add(content, "files", file.Name);
        }
        return form;
    }

    public static async Task<HttpResponseMessage> UploadAsync(this TestBrowser browser, params UploadedFile[] files) =>
        await browser.Client.PostAsync("/media", Form(await browser.TokenFromAsync(), files));

    /// <summary>Uploads and returns (id, markdown) of each item; fails the test on refusal.</summary>
    public static async Task<List<(string Id, string Markdown)>> UploadOkAsync(this TestBrowser browser, params UploadedFile[] files)
    {
        var response = await browser.UploadAsync(files);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("id").GetString()!, i.GetProperty("markdown").GetString()!)).ToList();
    }

    public static async Task<string> ProblemDetailAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("detail").GetString()!;
    }

    public static UploadedFile PhonePhoto() => new("IMG_2041.jpg", TestMedia.PhoneJpegWithGps(), "image/jpeg");
    public static UploadedFile Mp4Video() => new("clip.mp4", TestMedia.Mp4(), "video/mp4");
}
