using System.Net;
using ForumServer.Core.Common;
using ForumServer.Core.Mail;

namespace ForumServer.Core.Moderation;

/// <summary>The emails deletion requests cause: confirmation, notice to the forum address, each decision.</summary>
public sealed class ModerationMailer(Outbox outbox, SiteOptions site)
{
    public Task SendConfirmRequestAsync(DeletionRequest request, string link) =>
        SendAsync(request.Email, $"Confirm your deletion request to {site.SiteName}",
            $"Hello,\n\nsomeone (perhaps you) asked {site.SiteName} to delete personal data, giving this address. To confirm the request open this link:\n\n{link}\n\nIf you did not ask for this, ignore this message; nothing happens without confirmation.",
            $"request:{request.Id}:confirm");

    public Task SendToForumAddressAsync(DeletionRequest request, DateTimeOffset due) =>
        SendAsync(site.ContactAddress, $"Deletion request #{request.Id} ({request.Scope}) is due {due:yyyy-MM-dd}",
            $"A deletion request was confirmed and waits in the moderation queue:\n\n{site.Link($"/moderation/requests/{request.Id}")}\n\nSource: {request.Source}\nScope: {request.Scope}\nDeadline: {due:yyyy-MM-dd HH:mm} UTC",
            $"request:{request.Id}:forum");

    public Task SendReceivedAsync(DeletionRequest request, DateTimeOffset due) =>
        SendAsync(request.Email, $"Your deletion request #{request.Id} to {site.SiteName} is received",
            $"Hello,\n\nwe received your deletion request #{request.Id}. We will decide on it by {due:yyyy-MM-dd} and write to you when we do.",
            $"request:{request.Id}:received");

    public Task SendInProgressAsync(DeletionRequest request) =>
        SendAsync(request.Email, $"Your deletion request #{request.Id} to {site.SiteName} is in progress",
            $"Hello,\n\na moderator is now working on your deletion request #{request.Id}. We will write again when it is done.",
            $"request:{request.Id}:progress");

    public Task SendDoneAsync(DeletionRequest request) =>
        SendAsync(request.Email, $"Your deletion request #{request.Id} to {site.SiteName} is done",
            $"Hello,\n\nyour deletion request #{request.Id} is done: the data it named is deleted.",
            $"request:{request.Id}:done");

    public Task SendRejectedAsync(DeletionRequest request) =>
        SendAsync(request.Email, $"Your deletion request #{request.Id} to {site.SiteName} was rejected",
            $"Hello,\n\nwe could not carry out your deletion request #{request.Id}. The reason:\n\n{request.RejectionReason}\n\nYou can reply to {site.ContactAddress} if you disagree.",
            $"request:{request.Id}:rejected");

    private Task SendAsync(string to, string subject, string text, string dedupKey) =>
        outbox.EnqueueAsync(new OutboundMessage
        {
            DedupKey = dedupKey + ":" + to.ToLowerInvariant(),
            FromAddress = site.NoReplyAddress,
            FromName = site.SiteName,
            To = to,
            Subject = subject,
            TextBody = text,
            HtmlBody = string.Join("", text.Split("\n\n").Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>")),
        });
}
