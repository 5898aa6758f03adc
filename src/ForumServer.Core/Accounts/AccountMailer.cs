using System.Net;
using ForumServer.Core.Common;
using ForumServer.Core.Mail;

namespace ForumServer.Core.Accounts;

/// <summary>The emails an account receives: confirmation, password reset, email change.</summary>
public sealed class AccountMailer(Outbox outbox, SiteOptions site)
{
    public Task SendConfirmationAsync(string email, string displayName, string link) =>
        SendAsync(email, $"Confirm your email for {site.SiteName}",
            $"Hello {displayName},\n\nplease confirm your email address by opening this link:\n\n{link}\n\nIf you did not register, ignore this message.",
            link, "Confirm your email address");

    public Task SendPasswordResetAsync(string email, string displayName, string link) =>
        SendAsync(email, $"Reset your password for {site.SiteName}",
            $"Hello {displayName},\n\nto choose a new password open this link:\n\n{link}\n\nIf you did not ask for this, ignore this message; your password stays as it is.",
            link, "Choose a new password");

    public Task SendAlreadyRegisteredAsync(string email, string displayName, string resetLink) =>
        SendAsync(email, $"Someone tried to register with your address on {site.SiteName}",
            $"Hello {displayName},\n\nsomeone (perhaps you) tried to register a new account with this address, which already has one. If you forgot your password, choose a new one here:\n\n{resetLink}\n\nOtherwise ignore this message.",
            resetLink, "Choose a new password");

    public Task SendEmailChangeAsync(string newEmail, string displayName, string link) =>
        SendAsync(newEmail, $"Confirm your new email address for {site.SiteName}",
            $"Hello {displayName},\n\nto use this address for your account open this link:\n\n{link}\n\nUntil then your old address stays in use.",
            link, "Confirm the new address");

    public Task SendSetPasswordAsync(string email, string displayName, string link) =>
        SendAsync(email, $"Your administrator account on {site.SiteName}",
            $"Hello {displayName},\n\nan administrator account was created for you. Choose a password here:\n\n{link}\n",
            link, "Choose a password");

    private Task SendAsync(string to, string subject, string text, string link, string linkLabel)
    {
        var html = $"<p>{WebUtility.HtmlEncode(text.Split("\n\n")[0])}</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(linkLabel)}</a></p>";
        return outbox.EnqueueAsync(new OutboundMessage
        {
            FromAddress = site.NoReplyAddress,
            FromName = site.SiteName,
            To = to,
            Subject = subject,
            TextBody = text,
            HtmlBody = html,
        });
    }
}
