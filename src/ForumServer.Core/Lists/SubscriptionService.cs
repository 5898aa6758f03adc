using ForumServer.Core.Common;
using ForumServer.Core.Mail;
using MimeKit;

namespace ForumServer.Core.Lists;

/// <summary>Double opt-in, confirmation, unsubscribe and preferences.</summary>
public sealed class SubscriptionService(IListStore store, Outbox outbox, ListMailer mailer, ListOptions options, TimeProvider time, IBounceStore? bounces = null)
{
    public const string ExpiredMessage = "This confirmation link has expired. Subscribe again to get a new one.";
    public const string InvalidMessage = "This confirmation link is not valid or was already used.";

    /// <summary>
    /// Starts double opt-in. The outcome is the same whether the address was new, pending or already subscribed,
    /// so the form cannot be used to find out who is on a list.
    /// </summary>
    public async Task<OperationResult<bool>> SubscribeAsync(string listId, string? email)
    {
        var list = await store.FindListAsync(listId);
        if (list is null) return OperationResult<bool>.Missing();
        if (NormalizeEmail(email) is not { } address)
            return OperationResult<bool>.Invalid(new FieldError("Email", "Enter an email address like name@example.org."));

        var now = time.GetUtcNow();
        var subscription = await store.FindSubscriptionAsync(list.Id, address) ?? New(list.Id, address, now);
        if (subscription.State == SubscriptionState.Confirmed) return OperationResult<bool>.Ok(true);
        // Per-address limit: a pending address gets at most one confirmation per interval.
        if (subscription.State == SubscriptionState.Pending && subscription.ConfirmationSentAt is { } sent
            && now - sent < options.ResendConfirmationAfter)
            return OperationResult<bool>.Ok(true);

        var token = ListTokens.New();
        subscription.State = SubscriptionState.Pending;
        subscription.Language = Localization.Texts.CurrentLanguage;
        subscription.ConfirmTokenHash = ListTokens.Hash(token);
        subscription.ConfirmExpiresAt = now + options.ConfirmationLifetime;
        subscription.ConfirmationSentAt = now;
        await store.SaveSubscriptionAsync(subscription);
        var confirmation = mailer.Confirmation(list, subscription, token, options.ConfirmationLifetime);
        confirmation.OnDemand = true;
        await outbox.EnqueueAsync(confirmation);
        return OperationResult<bool>.Ok(true);
    }

    /// <summary>A signed-in member whose address is already confirmed needs no second opt-in.</summary>
    public async Task<OperationResult<Subscription>> SubscribeConfirmedAddressAsync(string listId, string email)
    {
        var list = await store.FindListAsync(listId);
        if (list is null) return OperationResult<Subscription>.Missing();
        if (NormalizeEmail(email) is not { } address)
            return OperationResult<Subscription>.Invalid(new FieldError("Email", "Your account has no usable email address."));
        var subscription = await store.FindSubscriptionAsync(list.Id, address) ?? New(list.Id, address, time.GetUtcNow());
        if (subscription.State != SubscriptionState.Confirmed)
        {
            subscription.Language = Localization.Texts.CurrentLanguage; // the member's language: issues come in it
            await ConfirmAsync(list, subscription);
        }
        return OperationResult<Subscription>.Ok(subscription);
    }

    /// <summary>What the confirmation page shows before the button is pressed; changes nothing.</summary>
    public async Task<OperationResult<MailingList>> CheckConfirmationAsync(string? token)
    {
        var (subscription, error) = await FindPendingAsync(token);
        if (subscription is null) return error!;
        return OperationResult<MailingList>.Ok((await store.FindListAsync(subscription.ListId))!);
    }

    public async Task<OperationResult<MailingList>> ConfirmAsync(string? token)
    {
        var (subscription, error) = await FindPendingAsync(token);
        if (subscription is null) return error!;
        var list = (await store.FindListAsync(subscription.ListId))!;
        await ConfirmAsync(list, subscription);
        return OperationResult<MailingList>.Ok(list);
    }

    /// <summary>Unsubscribes at once; repeating it is harmless. Unknown tokens are NotFound.</summary>
    public async Task<OperationResult<MailingList>> UnsubscribeAsync(string? token)
    {
        var subscription = await FindByTokenAsync(token);
        if (subscription is null) return OperationResult<MailingList>.Missing();
        if (subscription.State != SubscriptionState.Unsubscribed)
        {
            subscription.State = SubscriptionState.Unsubscribed;
            subscription.UnsubscribedAt = time.GetUtcNow();
            subscription.ConfirmTokenHash = null;
            await store.SaveSubscriptionAsync(subscription);
        }
        return OperationResult<MailingList>.Ok((await store.FindListAsync(subscription.ListId))!);
    }

    public async Task<Subscription?> FindByTokenAsync(string? token) =>
        ListTokens.LooksValid(token) ? await store.FindByTokenAsync(token!) : null;

    /// <summary>Every list and whether the token's address receives it.</summary>
    public async Task<OperationResult<IReadOnlyList<(MailingList List, bool Subscribed)>>> PreferencesAsync(string? token)
    {
        var subscription = await FindByTokenAsync(token);
        if (subscription is null) return OperationResult<IReadOnlyList<(MailingList, bool)>>.Missing();
        var mine = await store.ListForAddressAsync(subscription.Email);
        var lists = await store.ListListsAsync();
        return OperationResult<IReadOnlyList<(MailingList, bool)>>.Ok(lists
            .Select(l => (l, mine.Any(s => s.ListId == l.Id && s.State == SubscriptionState.Confirmed)))
            .ToList());
    }

    /// <summary>
    /// Sets which lists the token's address receives. The token proves the address only if it was once confirmed,
    /// so only then may it join another list without a new opt-in.
    /// </summary>
    public async Task<OperationResult<bool>> SetPreferencesAsync(string? token, IReadOnlyCollection<string> listIds)
    {
        var subscription = await FindByTokenAsync(token);
        if (subscription is null) return OperationResult<bool>.Missing();
        var now = time.GetUtcNow();
        foreach (var list in await store.ListListsAsync())
        {
            var existing = await store.FindSubscriptionAsync(list.Id, subscription.Email);
            var wanted = listIds.Contains(list.Id);
            if (wanted && existing?.State != SubscriptionState.Confirmed)
            {
                if (subscription.ConfirmedAt is null) continue;
                await ConfirmAsync(list, existing ?? New(list.Id, subscription.Email, now));
            }
            else if (!wanted && existing is { State: not SubscriptionState.Unsubscribed })
            {
                existing.State = SubscriptionState.Unsubscribed;
                existing.UnsubscribedAt = now;
                existing.ConfirmTokenHash = null;
                await store.SaveSubscriptionAsync(existing);
            }
        }
        return OperationResult<bool>.Ok(true);
    }

    public static string? NormalizeEmail(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 254 || trimmed.Any(char.IsWhiteSpace)) return null;
        if (!MailboxAddress.TryParse(trimmed, out var mailbox) || mailbox.Address != trimmed || !string.IsNullOrEmpty(mailbox.Name)) return null;
        var at = trimmed.IndexOf('@');
        if (at <= 0 || at != trimmed.LastIndexOf('@') || at == trimmed.Length - 1) return null;
        return trimmed;
    }

    private async Task ConfirmAsync(MailingList list, Subscription subscription)
    {
        var now = time.GetUtcNow();
        subscription.State = SubscriptionState.Confirmed;
        subscription.ConfirmedAt = now;
        subscription.UnsubscribedAt = null;
        subscription.ConfirmTokenHash = null; // single use
        subscription.ConfirmExpiresAt = null;
        await store.SaveSubscriptionAsync(subscription);
        // The confirmation link arrived, so mail reaches this address again: a bouncing mark no longer holds.
        if (bounces is not null) await bounces.ClearAsync(subscription.Email);
        await outbox.EnqueueAsync(mailer.Welcome(list, subscription));
    }

    private async Task<(Subscription?, OperationResult<MailingList>?)> FindPendingAsync(string? token)
    {
        var subscription = ListTokens.LooksValid(token) ? await store.FindByConfirmHashAsync(ListTokens.Hash(token!)) : null;
        if (subscription is null || subscription.State != SubscriptionState.Pending)
            return (null, OperationResult<MailingList>.Invalid(new FieldError("token", InvalidMessage)));
        if (subscription.ConfirmExpiresAt is not { } expires || expires <= time.GetUtcNow())
            return (null, OperationResult<MailingList>.Invalid(new FieldError("token", ExpiredMessage)));
        return (subscription, null);
    }

    private static Subscription New(string listId, string email, DateTimeOffset now) => new()
    {
        ListId = listId,
        Email = email,
        Key = Subscription.KeyFor(listId, email),
        Token = ListTokens.New(),
        CreatedAt = now,
    };
}
