using MimeKit;

namespace ForumServer.Core.Inbound;

/// <summary>Parses received bytes with MimeKit, refusing what is not a message at all.</summary>
public static class InboundMessageParser
{
    public static bool TryParse(Stream raw, out MimeMessage? message, out string error)
    {
        message = null;
        try
        {
            var parsed = MimeMessage.Load(raw);
            // MimeKit is lenient and reads almost anything; without a From header it is still not mail to act on.
            if (!parsed.Headers.Contains(HeaderId.From))
            {
                error = "The message has no From header field (RFC 5322 requires one).";
                return false;
            }
            message = parsed;
            error = "";
            return true;
        }
        catch (FormatException e)
        {
            error = $"The message is not valid MIME: {e.Message}";
            return false;
        }
    }
}
