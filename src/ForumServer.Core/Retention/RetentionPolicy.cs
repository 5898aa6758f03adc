using System.ComponentModel.DataAnnotations;
using ForumServer.Core.Lists;
using ForumServer.Core.Moderation;

namespace ForumServer.Core.Retention;

/// <summary>The <c>Retention</c> section: how long data nobody confirmed or nobody needs any more is kept.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Unconfirmed list subscriptions and unconfirmed deletion requests are dropped after this many days.</summary>
    [Range(1, 3650)]
    public int UnconfirmedDays { get; set; } = 7;

    /// <summary>Requester address and description of done or rejected deletion requests are purged after this many days.</summary>
    [Range(1, 3650)]
    public int ClosedRequestDays { get; set; } = 30;

    /// <summary>
    /// Expired confirmation tokens are purged this long after they expire; until then a late click still gets the
    /// clear "this link has expired" page rather than "unknown link".
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan ExpiredTokenGrace { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the retention job runs.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>What one retention run removed.</summary>
public sealed record RetentionReport(int SubscriptionsDropped, int RequestsDropped, int TokensPurged, int RequestsPurged)
{
    public int Total => SubscriptionsDropped + RequestsDropped + TokensPurged + RequestsPurged;
}

/// <summary>
/// Applies the retention rules: unconfirmed subscriptions and deletion requests go after
/// <see cref="RetentionOptions.UnconfirmedDays"/>, expired confirmation tokens are purged (a day after expiry), and the personal data of
/// closed deletion requests goes after <see cref="RetentionOptions.ClosedRequestDays"/> (the request itself, its
/// state and dates stay as the record that it was handled).
/// </summary>
public sealed class RetentionPolicy(IListStore lists, IModerationStore moderation, RetentionOptions options, TimeProvider time)
{
    public async Task<RetentionReport> ApplyAsync()
    {
        var now = time.GetUtcNow();
        var unconfirmedBefore = now.AddDays(-options.UnconfirmedDays);
        int subscriptionsDropped = 0, requestsDropped = 0, tokensPurged = 0, requestsPurged = 0;

        foreach (var subscription in await lists.ListPendingSubscriptionsAsync())
        {
            if ((subscription.ConfirmationSentAt ?? subscription.CreatedAt) <= unconfirmedBefore)
            {
                await lists.DeleteSubscriptionAsync(subscription.Id);
                subscriptionsDropped++;
            }
            else if (subscription.ConfirmTokenHash is not null && subscription.ConfirmExpiresAt is { } expires && expires + options.ExpiredTokenGrace <= now)
            {
                subscription.ConfirmTokenHash = null;
                subscription.ConfirmExpiresAt = null;
                await lists.SaveSubscriptionAsync(subscription);
                tokensPurged++;
            }
        }

        foreach (var request in await moderation.ListDeletionRequestsInStateAsync(DeletionRequestState.Received))
        {
            if (request.CreatedAt > unconfirmedBefore) continue;
            await moderation.DeleteDeletionRequestAsync(request.Id);
            requestsDropped++;
        }

        var closedBefore = now.AddDays(-options.ClosedRequestDays);
        foreach (var state in new[] { DeletionRequestState.Confirmed, DeletionRequestState.InProgress, DeletionRequestState.Done, DeletionRequestState.Rejected })
            foreach (var request in await moderation.ListDeletionRequestsInStateAsync(state))
            {
                var changed = false;
                // A confirmation link has done its job once the request is confirmed: it only ever led to this one request.
                if (request.ConfirmationTokenHash is not null && request.ConfirmedAt is { } confirmed && confirmed <= unconfirmedBefore)
                {
                    request.ConfirmationTokenHash = null;
                    tokensPurged++;
                    changed = true;
                }
                if (state is DeletionRequestState.Done or DeletionRequestState.Rejected && request.PersonalDataPurgedAt is null
                    && request.DecidedAt is { } decided && decided <= closedBefore)
                {
                    request.Email = "";
                    request.Description = "";
                    request.RejectionReason = null;
                    request.MemberId = null;
                    request.ConfirmationTokenHash = null;
                    request.PersonalDataPurgedAt = now;
                    requestsPurged++;
                    changed = true;
                }
                if (changed) await moderation.UpdateDeletionRequestAsync(request);
            }
        return new RetentionReport(subscriptionsDropped, requestsDropped, tokensPurged, requestsPurged);
    }
}
