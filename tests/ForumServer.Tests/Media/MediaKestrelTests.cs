using System.Net;
using ForumServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ForumServer.Tests.Media;

/// <summary>Uploads through real Kestrel, whose own body limit (30 MB by default) is below the video limit.</summary>
public sealed class MediaKestrelTests : IDisposable
{
    private readonly ForumApp _app = new();

    public MediaKestrelTests()
    {
        _app.UseKestrel(0);
        _app.StartServer();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Video_larger_than_kestrels_default_body_limit_uploads_through_the_script_endpoint_and_the_post_form()
    {
        // A client of the real server (its own address, not the in-memory one NewBrowser gives).
        using var alice = new TestBrowser(_app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
        }));
        await alice.RegisterAsync("Alice", "alice@example.org");
        await alice.ConfirmEmailFromMailAsync(_app, "alice@example.org");
        await alice.SignInAsync("alice@example.org");
        var big = BigWebM(32 * 1024 * 1024);

        var viaScript = await alice.UploadAsync(new UploadedFile("big.webm", big, "video/webm"));
        Assert.Equal(HttpStatusCode.Created, viaScript.StatusCode);

        var form = MediaClient.Form(await alice.TokenFromAsync(), new UploadedFile("big2.webm", big, "video/webm"));
        var renamed = new MultipartFormDataContent();
        foreach (var part in form)
        {
            if (part.Headers.ContentDisposition!.Name?.Trim('"') == "files") part.Headers.ContentDisposition.Name = "\"Input.Files\"";
            renamed.Add(part);
        }
        renamed.Add(new StringContent("Long video"), "Input.Title");
        renamed.Add(new StringContent("Watch this."), "Input.Body");
        var viaForm = await alice.Client.PostAsync("/c/1/new", renamed);
        // The Kestrel-backed client follows the redirect to the new topic.
        var topic = await TestBrowser.Page.ReadAsync(viaForm, "/c/1/new");
        Assert.Equal(HttpStatusCode.OK, topic.Status);
        Assert.Equal("Long video", topic.Text("h1").Trim());
        Assert.Single(topic.Document.QuerySelectorAll(".post-body video[controls]"));
    }

    /// <summary>A WebM whose Segment holds one Void element of <paramref name="filler"/> bytes (8-byte sizes).</summary>
    private static byte[] BigWebM(int filler)
    {
        var small = TestMedia.WebM(16);
        var headerEnd = Array.IndexOf(small, (byte)0x18); // Segment id follows the EBML header
        var bytes = new byte[headerEnd + 12 + 1 + 8 + filler];
        Array.Copy(small, bytes, headerEnd);
        var i = headerEnd;
        bytes[i++] = 0x18; bytes[i++] = 0x53; bytes[i++] = 0x80; bytes[i++] = 0x67;
        WriteSize(bytes, ref i, 1 + 8 + (ulong)filler);
        bytes[i++] = 0xEC;
        WriteSize(bytes, ref i, (ulong)filler);
        return bytes;

        static void WriteSize(byte[] b, ref int at, ulong value)
        {
            b[at++] = 0x01;
            for (var k = 6; k >= 0; k--) b[at++] = (byte)(value >> (8 * k));
        }
    }
}
