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
        var big = TestMedia.WebM(32 * 1024 * 1024); // one cluster carrying 32 MiB

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
}
