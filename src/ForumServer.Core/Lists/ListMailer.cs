using System.Net;
using ForumServer.Core.Common;
using ForumServer.Core.Mail;
using static ForumServer.Core.Localization.Texts;

namespace ForumServer.Core.Lists;

/// <summary>Writes the messages a list sends: confirmation, welcome and issues.</summary>
public sealed class ListMailer(ListAddresses addresses, SiteOptions site)
{
    public OutboundMessage Confirmation(MailingList list, Subscription subscription, string confirmToken, TimeSpan lifetime)
    {
        using var _ = Use(subscription.Language);
        var link = addresses.ConfirmUrl(confirmToken);
        var text = T("Hello,") + "\n\n" +
                   T("someone (probably you) asked to receive {0} from {1} at this address. To confirm, open this link and press the button:", list.Name, site.SiteName) +
                   $"\n\n{link}\n\n" +
                   T("The link works for {0}. If you did not ask for this, ignore this message: nothing will be sent to you.", Hours(lifetime));
        var html = $"<p>{Enc(T("Someone (probably you) asked to receive {0} from {1} at this address.", list.Name, site.SiteName))}</p>" +
                   $"<p><a href=\"{Enc(link)}\">{Enc(T("Confirm your subscription"))}</a></p>" +
                   $"<p>{Enc(T("If you did not ask for this, ignore this message: nothing will be sent to you."))}</p>";
        return new OutboundMessage
        {
            FromAddress = addresses.ListAddress(list),
            FromName = $"{site.SiteName} {list.Name}",
            To = subscription.Email,
            Subject = T("Confirm your subscription to {0} ({1})", list.Name, site.SiteName),
            TextBody = text,
            HtmlBody = Document(html),
            DespiteBouncing = true,
        };
    }

    public OutboundMessage Welcome(MailingList list, Subscription subscription)
    {
        using var _ = Use(subscription.Language);
        var message = ListMessage(list, subscription, T("Welcome to {0} ({1})", list.Name, site.SiteName));
        var unsubscribe = addresses.UnsubscribeUrl(subscription.Token);
        message.TextBody = T("You are subscribed to {0}: {1}", list.Name, list.Description) + "\n\n" +
                           T("To leave, open {0} and press the button, or use the unsubscribe button of your mail program.", unsubscribe) + "\n" +
                           T("To change lists: {0}", addresses.PreferencesUrl(subscription.Token)) + "\n";
        message.HtmlBody = Document($"<p>{Enc(T("You are subscribed to {0}: {1}", list.Name, list.Description))}</p>" +
                                    Footer(list, unsubscribe, addresses.PreferencesUrl(subscription.Token)));
        message.DedupKey = $"welcome:{subscription.Id}:{subscription.ConfirmedAt:O}";
        return message;
    }

    /// <summary>
    /// The shared body of an issue. The per-recipient links and the footer's words (in each subscriber's language)
    /// are placeholders filled at send time from <see cref="OutboundMessage.Variables"/>.
    /// </summary>
    public MailContent IssueContent(MailingList list, ListIssue issue) => new()
    {
        Id = issue.Batch,
        TextBody = $"{issue.BodyMarkdown.TrimEnd()}\n\n-- \n{{{{why}}}}\n" +
                   "{{unsubscribe_label}}: {{unsubscribe}}\n{{change_label}}: {{preferences}}\n" +
                   $"{{{{archive_label}}}}: {addresses.IssueUrl(issue)}\n",
        HtmlBody = Document($"<h1>{Enc(issue.Subject)}</h1>{issue.BodyHtml}" +
                            "<hr><p style=\"font-size:small\">{{why}} <a href=\"{{unsubscribe}}\">{{unsubscribe_label}}</a> · " +
                            "<a href=\"{{preferences}}\">{{change_label}}</a></p>"),
    };

    public OutboundMessage Issue(MailingList list, ListIssue issue, Subscription subscription)
    {
        var message = ListMessage(list, subscription, issue.Subject);
        message.ContentId = issue.Batch;
        message.Variables = FooterVariables(list, subscription.Language, addresses.UnsubscribeUrl(subscription.Token), addresses.PreferencesUrl(subscription.Token));
        message.MessageId = addresses.IssueMessageId(issue, subscription);
        message.DedupKey = $"{issue.Batch}:{subscription.Key}";
        message.Batch = issue.Batch;
        return message;
    }

    /// <summary>A copy of an issue for the list manager to check (in the manager's language); its links point at the list page.</summary>
    public OutboundMessage Test(MailingList list, ListIssue issue, string to)
    {
        var content = IssueContent(list, issue);
        var listsPage = site.Link("/lists");
        var text = content.TextBody;
        var html = content.HtmlBody!;
        foreach (var (name, value) in FooterVariables(list, CurrentLanguage, listsPage, listsPage))
        {
            text = text.Replace("{{" + name + "}}", value, StringComparison.Ordinal);
            html = html.Replace("{{" + name + "}}", Enc(value), StringComparison.Ordinal);
        }
        return new OutboundMessage
        {
            FromAddress = addresses.ListAddress(list),
            FromName = $"{site.SiteName} {list.Name}",
            To = to,
            Subject = $"[Test] {issue.Subject}",
            TextBody = text,
            HtmlBody = html,
        };
    }

    private Dictionary<string, string> FooterVariables(MailingList list, string language, string unsubscribe, string preferences)
    {
        using var _ = Use(language);
        return new()
        {
            ["unsubscribe"] = unsubscribe,
            ["preferences"] = preferences,
            ["why"] = T("You receive this because you subscribed to {0} at {1}.", list.Name, site.SiteName),
            ["unsubscribe_label"] = T("Unsubscribe"),
            ["change_label"] = T("Change lists"),
            ["archive_label"] = T("Archive"),
        };
    }

    private OutboundMessage ListMessage(MailingList list, Subscription subscription, string subject) => new()
    {
        FromAddress = addresses.ListAddress(list),
        FromName = $"{site.SiteName} {list.Name}",
        To = subscription.Email,
        Subject = subject,
        EnvelopeFrom = addresses.BounceAddress(subscription.Email),
        Headers = new()
        {
            ["List-Id"] = addresses.ListIdHeader(list),
            ["List-Unsubscribe"] = $"<{addresses.UnsubscribeUrl(subscription.Token)}>, <{addresses.UnsubscribeMailto(subscription.Token)}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            ["List-Post"] = "NO",
            ["List-Archive"] = $"<{addresses.ArchiveUrl(list)}>",
            ["Precedence"] = "bulk",
            ["Auto-Submitted"] = "auto-generated",
        },
    };

    private string Footer(MailingList list, string unsubscribe, string preferences)
    {
        string Link(string url) => Enc(url);
        return $"<hr><p style=\"font-size:small\">{Enc(T("You receive this because you subscribed to {0} at {1}.", list.Name, site.SiteName))} " +
               $"<a href=\"{Link(unsubscribe)}\">{Enc(T("Unsubscribe"))}</a> · <a href=\"{Link(preferences)}\">{Enc(T("Change lists"))}</a></p>";
    }

    private static string Document(string body) => $"<!DOCTYPE html><html><body>{body}</body></html>";
    private static string Enc(string value) => WebUtility.HtmlEncode(value);
    private static string Hours(TimeSpan span) => span.TotalHours >= 1 ? T("{0:0} hours", span.TotalHours) : T("{0:0} minutes", span.TotalMinutes);
}
