using MimeKit;

namespace ForumServer.Core.Mail;

/// <summary>Writes each message as an .eml file; the default transport, so a fresh install needs no SMTP server.</summary>
public sealed class PickupFolderTransport(string folder) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, string envelopeFrom, string recipient, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var name = $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml";
        var temp = Path.Combine(folder, name + ".tmp");
        await using (var stream = File.Create(temp))
            await message.WriteToAsync(stream, cancellationToken);
        // Renamed into place so a reader never sees half a message.
        File.Move(temp, Path.Combine(folder, name));
    }
}
