using System.Text.RegularExpressions;
using MimeKit;

namespace ForumServer.Tests.Infrastructure;

/// <summary>Reads what the server wrote to its mail pickup folder, as a person reads their inbox.</summary>
public sealed partial class Mailbox(string folder)
{
    public IReadOnlyList<MimeMessage> All()
    {
        if (!Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder, "*.eml").Order().Select(f => MimeMessage.Load(f)).ToList();
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        All().Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Waits for the outbox worker to deliver a message to <paramref name="address"/> whose subject contains the text.</summary>
    public Task<MimeMessage> WaitForAsync(string address, string subjectContains, int alreadySeen = 0) =>
        Eventually.ValueAsync(() =>
        {
            var found = To(address).Where(m => (m.Subject ?? "").Contains(subjectContains, StringComparison.OrdinalIgnoreCase)).ToList();
            return found.Count > alreadySeen ? found[^1] : null;
        }, TimeSpan.FromSeconds(15), () =>
            $"No mail to {address} with '{subjectContains}' in the subject arrived. Mail seen: " +
            string.Join("; ", All().Select(m => $"{m.To} / {m.Subject}")));

    /// <summary>The first link in the text part that starts with the site's base URL, as a path and query.</summary>
    public static string LinkIn(MimeMessage message, string baseUrl = "http://forum.test")
    {
        var match = LinkPattern().Matches(message.TextBody ?? "").FirstOrDefault(m => m.Value.StartsWith(baseUrl, StringComparison.Ordinal))
            ?? throw new InvalidOperationException("No link in: " + message.TextBody);
        return match.Value[baseUrl.Length..];
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}
