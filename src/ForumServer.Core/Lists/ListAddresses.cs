using ForumServer.Core.Common;

namespace ForumServer.Core.Lists;

/// <summary>The addresses and links a list message carries.</summary>
public sealed class ListAddresses(SiteOptions site, ListOptions options, BounceKey? bounceKey = null)
{
    private readonly BounceKey _bounceKey = bounceKey ?? BounceKey.Random();

    public string Domain { get; } = string.IsNullOrWhiteSpace(options.MailDomain) ? new Uri(site.BaseUrl).Host : options.MailDomain.Trim();

    public string ListAddress(MailingList list) => $"{list.Id}@{Domain}";
    public string ListIdHeader(MailingList list) => $"{list.Name} <{list.Id}.{Domain}>";
    public string UnsubscribeUrl(string token) => site.Link($"/lists/unsubscribe/{token}");
    public string UnsubscribeMailto(string token) => $"mailto:unsubscribe+{token}@{Domain}";
    public string PreferencesUrl(string token) => site.Link($"/lists/preferences/{token}");
    public string ConfirmUrl(string token) => site.Link($"/lists/confirm?token={token}");
    public string ArchiveUrl(MailingList list) => site.Link($"/lists/{list.Id}/archive");
    public string IssueUrl(ListIssue issue) => site.Link($"/lists/{issue.ListId}/archive/{issue.Id}");

    /// <summary>
    /// VERP envelope sender: a bounce to it names the recipient and proves the site wrote it
    /// (bounces+TAG-alice=example.org@DOMAIN, TAG the recipient's HMAC under <see cref="BounceKey"/>).
    /// </summary>
    public string BounceAddress(string recipient)
    {
        var normalized = recipient.Trim().ToLowerInvariant();
        return $"bounces+{_bounceKey.TagOf(normalized)}-{normalized.Replace('@', '=')}@{Domain}";
    }

    /// <summary>Whether <paramref name="tag"/> is the one <see cref="BounceAddress"/> writes for <paramref name="recipient"/>.</summary>
    public bool IsGenuineBounceTag(string recipient, string tag) => _bounceKey.Matches(recipient, tag);

    /// <summary>Stable per (issue, recipient), so a resend after a crash is recognisable as the same message.</summary>
    public string IssueMessageId(ListIssue issue, Subscription subscription) => $"issue-{issue.Id}.{subscription.Id}@{Domain}";
}
