using ForumServer.Core.Common;

namespace ForumServer.Core.Lists;

/// <summary>The addresses and links a list message carries.</summary>
public sealed class ListAddresses(SiteOptions site, ListOptions options)
{
    public string Domain { get; } = string.IsNullOrWhiteSpace(options.MailDomain) ? new Uri(site.BaseUrl).Host : options.MailDomain.Trim();

    public string ListAddress(MailingList list) => $"{list.Id}@{Domain}";
    public string ListIdHeader(MailingList list) => $"{list.Name} <{list.Id}.{Domain}>";
    public string UnsubscribeUrl(string token) => site.Link($"/lists/unsubscribe/{token}");
    public string UnsubscribeMailto(string token) => $"mailto:unsubscribe+{token}@{Domain}";
    public string PreferencesUrl(string token) => site.Link($"/lists/preferences/{token}");
    public string ConfirmUrl(string token) => site.Link($"/lists/confirm?token={token}");
    public string ArchiveUrl(MailingList list) => site.Link($"/lists/{list.Id}/archive");
    public string IssueUrl(ListIssue issue) => site.Link($"/lists/{issue.ListId}/archive/{issue.Id}");

    /// <summary>VERP envelope sender: a bounce to it names the recipient (bounces+alice=example.org@DOMAIN).</summary>
    public string BounceAddress(string recipient) => $"bounces+{recipient.Trim().ToLowerInvariant().Replace('@', '=')}@{Domain}";

    /// <summary>Stable per (issue, recipient), so a resend after a crash is recognisable as the same message.</summary>
    public string IssueMessageId(ListIssue issue, Subscription subscription) => $"issue-{issue.Id}.{subscription.Id}@{Domain}";
}
