using MimeKit;
using MimeKit.Cryptography;

namespace ForumServer.Core.Mail;

/// <summary>DKIM-signs outgoing mail (relaxed/relaxed, rsa-sha256) with the configured key.</summary>
public sealed class DkimMessageSigner
{
    /// <summary>The headers the signature covers when present; RFC 8058 requires the List-Unsubscribe pair.</summary>
    public static readonly string[] SignedHeaders =
        ["From", "Subject", "Date", "To", "Message-ID", "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post"];

    private readonly DkimSigner _signer;

    public DkimMessageSigner(Stream privateKeyPem, string domain, string selector)
    {
        _signer = new DkimSigner(privateKeyPem, domain, selector, DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
    }

    public void Sign(MimeMessage message)
    {
        // Fix the transfer encodings first so that what is signed is exactly what goes on the wire.
        message.Prepare(EncodingConstraint.SevenBit);
        var present = SignedHeaders.Where(h => message.Headers.Contains(h)).ToArray();
        _signer.Sign(message, present);
    }
}
