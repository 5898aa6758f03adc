using System.Net;
using ForumServer.Core.Common;
using ForumServer.Core.Mail;
using static ForumServer.Core.Localization.Texts;

namespace ForumServer.Core.Moderation;

/// <summary>
/// The emails deletion requests cause: confirmation, notice to the forum address, each decision. The requester's
/// emails are in the request's language; the notice to the forum address is in the operator's (English).
/// </summary>
public sealed class ModerationMailer(Outbox outbox, SiteOptions site)
{
    public Task SendConfirmRequestAsync(DeletionRequest request, string link)
    {
        using var _ = Use(request.Language);
        return SendAsync(request.Email, T("Confirm your deletion request to {0}", site.SiteName),
            T("Hello,") + "\n\n" + T("someone (perhaps you) asked {0} to delete personal data, giving this address. To confirm the request open this link:", site.SiteName) +
            $"\n\n{link}\n\n" + T("If you did not ask for this, ignore this message; nothing happens without confirmation."),
            $"request:{request.Id}:confirm", onDemand: true);
    }

    public Task SendToForumAddressAsync(DeletionRequest request, DateTimeOffset due)
    {
        using var _ = Use(DefaultLanguage);
        return SendAsync(site.ContactAddress, $"Deletion request #{request.Id} ({request.Scope}) is due {due:yyyy-MM-dd}",
            $"A deletion request was confirmed and waits in the moderation queue:\n\n{site.Link($"/moderation/requests/{request.Id}")}\n\nSource: {request.Source}\nScope: {request.Scope}\nDeadline: {due:yyyy-MM-dd HH:mm} UTC",
            $"request:{request.Id}:forum");
    }

    public Task SendReceivedAsync(DeletionRequest request, DateTimeOffset due)
    {
        using var _ = Use(request.Language);
        return SendAsync(request.Email, T("Your deletion request #{0} to {1} is received", request.Id, site.SiteName),
            T("Hello,") + "\n\n" + T("we received your deletion request #{0}. We will decide on it by {1:yyyy-MM-dd} and write to you when we do.", request.Id, due),
            $"request:{request.Id}:received");
    }

    public Task SendInProgressAsync(DeletionRequest request)
    {
        using var _ = Use(request.Language);
        return SendAsync(request.Email, T("Your deletion request #{0} to {1} is in progress", request.Id, site.SiteName),
            T("Hello,") + "\n\n" + T("a moderator is now working on your deletion request #{0}. We will write again when it is done.", request.Id),
            $"request:{request.Id}:progress");
    }

    public Task SendDoneAsync(DeletionRequest request)
    {
        using var _ = Use(request.Language);
        return SendAsync(request.Email, T("Your deletion request #{0} to {1} is done", request.Id, site.SiteName),
            T("Hello,") + "\n\n" + T("your deletion request #{0} is done: the data it named is deleted.", request.Id),
            $"request:{request.Id}:done");
    }

    public Task SendRejectedAsync(DeletionRequest request)
    {
        using var _ = Use(request.Language);
        return SendAsync(request.Email, T("Your deletion request #{0} to {1} was rejected", request.Id, site.SiteName),
            T("Hello,") + "\n\n" + T("we could not carry out your deletion request #{0}. The reason:", request.Id) + $"\n\n{request.RejectionReason}\n\n" +
            T("You can reply to {0} if you disagree.", site.ContactAddress),
            $"request:{request.Id}:rejected");
    }

    private Task SendAsync(string to, string subject, string text, string dedupKey, bool onDemand = false) =>
        outbox.EnqueueAsync(new OutboundMessage
        {
            OnDemand = onDemand,
            DedupKey = dedupKey + ":" + to.ToLowerInvariant(),
            FromAddress = site.NoReplyAddress,
            FromName = site.SiteName,
            To = to,
            Subject = subject,
            TextBody = text,
            HtmlBody = string.Join("", text.Split("\n\n").Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>")),
        });
}
