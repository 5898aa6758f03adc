using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ForumServer.Core.Inbound;
using ForumServer.Mail.Inbound;
using ForumServer.Tests.Infrastructure;
using MailKit.Net.Smtp;
using MailKit.Security;
using static ForumServer.Tests.Inbound.InboundSmtp;

namespace ForumServer.Tests.Inbound;

/// <summary>The listener's switches: off by default, STARTTLS with a certificate, size and connection limits.</summary>
public sealed class InboundListenerTests
{
    [Fact]
    public async Task Listener_is_off_unless_enabled()
    {
        using var app = new ForumApp();
        _ = app.Service<IContactMessageStore>(); // host started: an enabled listener would be bound by now
        Assert.False(app.Service<InboundMailListener>().Listening.IsCompleted);
    }

    [Fact]
    public async Task Starttls_is_offered_with_a_certificate_and_mail_arrives_encrypted()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"inbound-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=mx.forum.test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "secret"));
        }
        try
        {
            using var app = new ForumApp(Settings(new() { ["InboundMail:CertificatePath"] = pfx, ["InboundMail:CertificatePassword"] = "secret" }));
            var endpoint = await app.EndpointAsync();
            using var client = new SmtpClient { ServerCertificateValidationCallback = (_, certificate, _, _) => certificate?.Subject == "CN=mx.forum.test" };
            await client.ConnectAsync(endpoint.Address.ToString(), endpoint.Port, SecureSocketOptions.StartTls);
            Assert.True(client.IsSecure);
            await client.SendAsync(Letter("Jo <jo@example.net>", ContactAddress, "Over TLS", "Hello."));
            await client.DisconnectAsync(true);
            Assert.Equal("Over TLS", (await app.Service<IContactMessageStore>().ListOpenAsync(5)).Single().Subject);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Fact]
    public async Task Message_over_the_size_limit_is_refused_and_not_stored()
    {
        using var app = new ForumApp(Settings(new() { ["InboundMail:MaxMessageBytes"] = "4096" }));
        var big = Letter("Kim <kim@example.net>", ContactAddress, "Big", new string('x', 20_000));
        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => app.SendAsync(big));
        Assert.Equal(SmtpStatusCode.ExceededStorageAllocation, refused.StatusCode);
        Assert.Equal(0, await app.Service<IContactMessageStore>().CountAsync());

        await app.SendAsync(Letter("Kim <kim@example.net>", ContactAddress, "Small", "short"));
        Assert.Equal(1, await app.Service<IContactMessageStore>().CountAsync());
    }

    [Fact]
    public async Task Connections_beyond_the_limit_wait_for_a_free_slot()
    {
        using var app = new ForumApp(Settings(new() { ["InboundMail:MaxConnections"] = "1" }));
        var endpoint = await app.EndpointAsync();
        var first = await RawSession.OpenAsync(endpoint);

        using var second = new TcpClient();
        await second.ConnectAsync(endpoint);
        using var reader = new StreamReader(second.GetStream(), Encoding.ASCII);
        var greeting = reader.ReadLineAsync();
        // The server answers the first session after the second connected (a point in time it has passed, not a
        // guess at one), and the second is still without its greeting.
        Assert.StartsWith("250", await first.SendAsync("NOOP"));
        Assert.StartsWith("250", await first.SendAsync("NOOP"));
        Assert.False(greeting.IsCompleted, "a second session was served while the limit is one");

        Assert.StartsWith("221", await first.SendAsync("QUIT"));
        await first.DisposeAsync();
        Assert.StartsWith("220", await greeting.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
