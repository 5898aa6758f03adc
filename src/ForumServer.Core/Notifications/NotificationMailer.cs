using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;
using ForumServer.Core.Mail;
using static ForumServer.Core.Localization.Texts;

namespace ForumServer.Core.Notifications;

/// <summary>
/// Notification mail in the recipient's language, through the outbox. It quotes the post (text and HTML), links to
/// it, names people by display name only, and carries an RFC 8058 one-click link that stops that kind of mail.
/// </summary>
public sealed partial class NotificationMailer(Outbox outbox, SiteOptions site)
{
    private const int DigestExcerptChars = 400;

    public string UnsubscribeUrl(string token, IEnumerable<NotificationKind> kinds) =>
        site.Link($"/notifications/unsubscribe/{token}/{string.Join(',', kinds.Distinct().Order())}");

    public string PostUrl(Notification n) => n.PostId > 0
        ? site.Link($"/t/{n.TopicId}?page={ForumService.PageOf(n.PostNumber)}#post-{n.PostId}")
        : n.TopicId > 0 ? site.Link($"/t/{n.TopicId}") : site.Link("/notifications");

    public Task<bool> SendOneAsync(Member member, NotificationPreferences preferences, Notification n, Post? post) =>
        outbox.EnqueueAsync(One(member, preferences, n, post));

    /// <summary>The mail about one notification, ready for the outbox (fan-out queues many in one go).</summary>
    public OutboundMessage One(Member member, NotificationPreferences preferences, Notification n, Post? post)
    {
        using var _ = Use(member.Language);
        var headline = NotificationTexts.Headline(n);
        var url = PostUrl(n);
        var unsubscribe = UnsubscribeUrl(preferences.Token, [n.Kind]);

        var text = new StringBuilder()
            .Append(T("Hello {0},", member.DisplayName)).Append("\n\n")
            .Append(headline).Append(":\n\n");
        if (post is { IsRemoved: false }) text.Append(QuoteText(post.Markdown)).Append("\n\n");
        text.Append(T("Open the post:")).Append(' ').Append(url).Append("\n\n")
            .Append(Footer(unsubscribe));

        var html = new StringBuilder()
            .Append("<p>").Append(Enc(T("Hello {0},", member.DisplayName))).Append("</p>")
            .Append("<p><strong>").Append(Enc(headline)).Append("</strong></p>");
        if (post is { IsRemoved: false }) html.Append("<blockquote>").Append(Absolute(post.Html)).Append("</blockquote>");
        html.Append("<p><a href=\"").Append(Enc(url)).Append("\">").Append(Enc(T("Open the post"))).Append("</a></p>")
            .Append(HtmlFooter(unsubscribe));

        return Message(member, $"notify:{n.Id}", $"[{site.SiteName}] {headline}", text.ToString(), html.ToString(), unsubscribe);
    }

    public Task<bool> SendDigestAsync(Member member, NotificationPreferences preferences, IReadOnlyList<(Notification Notification, Post? Post)> items)
    {
        using var _ = Use(member.Language);
        var unsubscribe = UnsubscribeUrl(preferences.Token, items.Select(i => i.Notification.Kind));
        var subject = $"[{site.SiteName}] " + T("{0} new notifications", items.Count);
        var text = new StringBuilder().Append(T("Hello {0},", member.DisplayName)).Append("\n\n")
            .Append(T("here is what happened since the last digest:")).Append("\n\n");
        var html = new StringBuilder().Append("<p>").Append(Enc(T("Hello {0},", member.DisplayName))).Append("</p><p>")
            .Append(Enc(T("here is what happened since the last digest:"))).Append("</p>");
        foreach (var (n, post) in items)
        {
            var url = PostUrl(n);
            var headline = NotificationTexts.Headline(n);
            text.Append("* ").Append(headline).Append('\n');
            html.Append("<h3><a href=\"").Append(Enc(url)).Append("\">").Append(Enc(headline)).Append("</a></h3>");
            if (post is { IsRemoved: false })
            {
                var excerpt = Excerpt(post.Markdown);
                text.Append(QuoteText(excerpt)).Append('\n');
                html.Append("<blockquote><p>").Append(Enc(excerpt)).Append("</p></blockquote>");
            }
            text.Append("  ").Append(url).Append("\n\n");
        }
        text.Append(Footer(unsubscribe));
        html.Append(HtmlFooter(unsubscribe));
        var key = $"digest:{member.Id}:{items[0].Notification.Id}-{items[^1].Notification.Id}";
        return outbox.EnqueueAsync(Message(member, key, subject, text.ToString(), html.ToString(), unsubscribe));
    }

    private OutboundMessage Message(Member member, string key, string subject, string text, string html, string unsubscribe) => new()
    {
        DedupKey = key,
        FromAddress = site.NoReplyAddress,
        FromName = site.SiteName,
        To = member.Email,
        Subject = subject,
        TextBody = text,
        HtmlBody = html,
        Headers = new()
        {
            ["List-Unsubscribe"] = $"<{unsubscribe}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            ["Auto-Submitted"] = "auto-generated",
        },
    };

    private string Footer(string unsubscribe) =>
        "-- \n" + T("Stop these emails:") + " " + unsubscribe + "\n" + T("All notification settings:") + " " + site.Link("/account/settings#notifications") + "\n";

    private string HtmlFooter(string unsubscribe) =>
        $"<hr><p><small><a href=\"{Enc(unsubscribe)}\">{Enc(T("Stop these emails"))}</a> · " +
        $"<a href=\"{Enc(site.Link("/account/settings#notifications"))}\">{Enc(T("All notification settings"))}</a></small></p>";

    private static string QuoteText(string markdown) =>
        string.Join('\n', markdown.ReplaceLineEndings("\n").TrimEnd().Split('\n').Select(l => l.Length == 0 ? ">" : "> " + l));

    private static string Excerpt(string markdown)
    {
        var flat = Whitespace().Replace(markdown, " ").Trim();
        return flat.Length <= DigestExcerptChars ? flat : flat[..DigestExcerptChars] + "…";
    }

    /// <summary>Post HTML is sanitized with site-relative links; mail needs them absolute.</summary>
    private string Absolute(string html) => RelativeUrl().Replace(html, m => $"{m.Groups[1].Value}=\"{site.BaseUrl.TrimEnd('/')}/");

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    [GeneratedRegex(@"\b(href|src)=""/(?!/)")]
    private static partial Regex RelativeUrl();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
