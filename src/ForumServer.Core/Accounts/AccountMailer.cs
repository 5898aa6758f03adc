using System.Net;
using ForumServer.Core.Common;
using ForumServer.Core.Localization;
using ForumServer.Core.Mail;
using static ForumServer.Core.Localization.Texts;

namespace ForumServer.Core.Accounts;

/// <summary>
/// The emails an account receives: confirmation, password reset, email change. Each is written in the member's
/// saved language, or else in the language of the request that caused it.
/// </summary>
public sealed class AccountMailer(Outbox outbox, SiteOptions site)
{
    public Task SendConfirmationAsync(string email, string displayName, string link, string? language = null)
    {
        using var _ = Use(language);
        return SendAsync(email, T("Confirm your email for {0}", site.SiteName),
            T("Hello {0},", displayName) + "\n\n" + T("please confirm your email address by opening this link:") + $"\n\n{link}\n\n" +
            T("If you did not register, ignore this message."),
            link, T("Confirm your email address"));
    }

    public Task SendPasswordResetAsync(string email, string displayName, string link, string? language = null)
    {
        using var _ = Use(language);
        return SendAsync(email, T("Reset your password for {0}", site.SiteName),
            T("Hello {0},", displayName) + "\n\n" + T("to choose a new password open this link:") + $"\n\n{link}\n\n" +
            T("If you did not ask for this, ignore this message; your password stays as it is."),
            link, T("Choose a new password"));
    }

    public Task SendAlreadyRegisteredAsync(string email, string displayName, string resetLink, string? language = null)
    {
        using var _ = Use(language);
        return SendAsync(email, T("Someone tried to register with your address on {0}", site.SiteName),
            T("Hello {0},", displayName) + "\n\n" +
            T("someone (perhaps you) tried to register a new account with this address, which already has one. If you forgot your password, choose a new one here:") +
            $"\n\n{resetLink}\n\n" + T("Otherwise ignore this message."),
            resetLink, T("Choose a new password"));
    }

    public Task SendEmailChangeAsync(string newEmail, string displayName, string link, string? language = null)
    {
        using var _ = Use(language);
        return SendAsync(newEmail, T("Confirm your new email address for {0}", site.SiteName),
            T("Hello {0},", displayName) + "\n\n" + T("to use this address for your account open this link:") + $"\n\n{link}\n\n" +
            T("Until then your old address stays in use."),
            link, T("Confirm the new address"));
    }

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
            OnDemand = true,
        });
    }
}
