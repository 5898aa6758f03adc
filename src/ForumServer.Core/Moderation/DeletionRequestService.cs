using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;

namespace ForumServer.Core.Moderation;

/// <summary>
/// Requests to delete personal data: filed by members or visitors (later by email), confirmed, worked by
/// moderators. Doing a request runs the same removal code as moderation.
/// </summary>
public sealed class DeletionRequestService(
    IModerationStore store,
    IForumStore forum,
    ModerationService moderation,
    AccountEraser eraser,
    ModerationMailer mailer,
    AuditLog audit,
    SiteOptions site,
    ModerationOptions options,
    TimeProvider time,
    IEnumerable<IDeletionRequestObserver> observers)
{
    /// <summary>
    /// A signed-in member asks: they are who they say, so the request counts as confirmed at once. Asking again for
    /// the same thing while that request is open gives the open one (<see cref="FiledRequest.AlreadyOpen"/>).
    /// </summary>
    public async Task<OperationResult<FiledRequest>> FileForMemberAsync(Member member, DeletionScope scope, IReadOnlyCollection<int> postIds, string? description)
    {
        var text = description?.Trim() ?? "";
        if (text.Length > DeletionRequest.MaxDescriptionLength)
            return OperationResult<FiledRequest>.Invalid(FieldError.Of("Description", "The description must be at most {0} characters.", DeletionRequest.MaxDescriptionLength));
        var ids = postIds.Distinct().ToList();
        if (scope == DeletionScope.Posts)
        {
            if (ids.Count == 0)
                return OperationResult<FiledRequest>.Invalid(new FieldError("PostIds", "Choose at least one of your posts."));
            foreach (var id in ids)
                if (await forum.GetPostAsync(id) is not { } post || post.AuthorId != member.Id)
                    return OperationResult<FiledRequest>.Invalid(FieldError.Of("PostIds", "Post {0} is not one of your posts.", id));
        }
        else if (scope != DeletionScope.Account)
            return OperationResult<FiledRequest>.Invalid(new FieldError("Scope", "Choose your account or some of your posts."));

        var request = new DeletionRequest
        {
            Source = DeletionRequestSource.MemberForm,
            MemberId = member.Id,
            Language = Localization.Texts.Supported(member.Language) ?? Localization.Texts.CurrentLanguage,
            Email = member.Email,
            Scope = scope,
            PostIds = scope == DeletionScope.Posts ? ids : [],
            Description = text,
            CreatedAt = time.GetUtcNow(),
        };
        return OperationResult<FiledRequest>.Ok(await OpenAsync(request));
    }

    /// <summary>A visitor without an account asks; nothing reaches the queue until the emailed link confirms it.</summary>
    public async Task<OperationResult<DeletionRequest>> FileForVisitorAsync(string? email, string? description) =>
        await FileUnconfirmedAsync(DeletionRequestSource.VisitorForm, email, description);

    /// <summary>For requests that arrive by email at the forum address (inbound mail, later).</summary>
    public async Task<OperationResult<DeletionRequest>> FileFromEmailAsync(string? email, string? description) =>
        await FileUnconfirmedAsync(DeletionRequestSource.Email, email, description);

    /// <summary>
    /// The emailed link proves the address: the request joins the queue, unless the same address already has an
    /// identical request open; then that one stands (<see cref="FiledRequest.AlreadyOpen"/>) and this one stays unconfirmed.
    /// </summary>
    public async Task<OperationResult<FiledRequest>> ConfirmAsync(int id, string? token)
    {
        var request = await store.GetDeletionRequestAsync(id);
        if (request is null || request.ConfirmationTokenHash is null || string.IsNullOrEmpty(token)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(request.ConfirmationTokenHash)))
            return OperationResult<FiledRequest>.Missing();
        if (request.State != DeletionRequestState.Received) return OperationResult<FiledRequest>.Ok(new FiledRequest(request, AlreadyOpen: false));
        return OperationResult<FiledRequest>.Ok(await OpenAsync(request));
    }

    public async Task<OperationResult<DeletionRequest>> StartAsync(Actor actor, int id)
    {
        if (!actor.IsModerator) return OperationResult<DeletionRequest>.Denied();
        var request = await store.GetDeletionRequestAsync(id);
        if (request is null || request.State == DeletionRequestState.Received) return OperationResult<DeletionRequest>.Missing();
        if (request.State != DeletionRequestState.Confirmed)
            return OperationResult<DeletionRequest>.Invalid(FieldError.Of("", "This request is {0} and cannot be started.", request.State));
        request.State = DeletionRequestState.InProgress;
        request.HandledById = actor.Id;
        await store.UpdateDeletionRequestAsync(request);
        await audit.RecordAsync(actor.Id, AuditActions.StartRequest, "request", id.ToString(), null);
        await mailer.SendInProgressAsync(request);
        await ChangedAsync(request);
        return OperationResult<DeletionRequest>.Ok(request);
    }

    /// <summary>
    /// Does the request: removes the requesting member's account (in <paramref name="mode"/>) or the posts it
    /// names, plus any posts the moderator lists, then marks it done and tells the requester.
    /// </summary>
    public async Task<OperationResult<DeletionRequest>> CompleteAsync(Actor actor, int id, AccountRemovalMode mode, IReadOnlyCollection<int> extraPostIds, string? note)
    {
        if (!actor.IsModerator) return OperationResult<DeletionRequest>.Denied();
        var request = await store.GetDeletionRequestAsync(id);
        if (request is null || request.State == DeletionRequestState.Received) return OperationResult<DeletionRequest>.Missing();
        if (!request.IsOpen)
            return OperationResult<DeletionRequest>.Invalid(FieldError.Of("", "This request is already {0}.", request.State));

        var reason = $"deletion request #{id}" + (string.IsNullOrWhiteSpace(note) ? "" : ": " + note.Trim());
        // Check every named post first, so a bad id changes nothing.
        var postIds = request.PostIds.Concat(extraPostIds).Distinct().ToList();
        var live = new List<int>();
        foreach (var postId in postIds)
        {
            var post = await forum.GetPostAsync(postId);
            if (post is null) return OperationResult<DeletionRequest>.Invalid(FieldError.Of("PostIds", "There is no post {0}.", postId));
            if (!post.IsRemoved) live.Add(postId);
        }
        foreach (var postId in live)
            if ((await moderation.RemovePostAsync(actor, postId, reason)).Forbidden) return OperationResult<DeletionRequest>.Denied();
        if (request.Scope == DeletionScope.Account && request.MemberId is { } memberId)
        {
            var erased = await eraser.RemoveAsync(actor, memberId, mode, reason);
            if (erased.Forbidden)
                return OperationResult<DeletionRequest>.Invalid(new FieldError("", "Only an administrator can remove an administrator's account."));
        }

        request.State = DeletionRequestState.Done;
        request.OpenKey = null;
        request.DecidedAt = time.GetUtcNow();
        request.HandledById = actor.Id;
        await store.UpdateDeletionRequestAsync(request);
        await audit.RecordAsync(actor.Id, AuditActions.CompleteRequest, "request", id.ToString(), note);
        await mailer.SendDoneAsync(request);
        await ChangedAsync(request);
        return OperationResult<DeletionRequest>.Ok(request);
    }

    public async Task<OperationResult<DeletionRequest>> RejectAsync(Actor actor, int id, string? reason)
    {
        if (!actor.IsModerator) return OperationResult<DeletionRequest>.Denied();
        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length == 0)
            return OperationResult<DeletionRequest>.Invalid(new FieldError("Reason", "Give the requester a reason for the rejection."));
        if (trimmed.Length > ModerationService.MaxReasonLength)
            return OperationResult<DeletionRequest>.Invalid(FieldError.Of("Reason", "The reason must be at most {0} characters.", ModerationService.MaxReasonLength));
        var request = await store.GetDeletionRequestAsync(id);
        if (request is null || request.State == DeletionRequestState.Received) return OperationResult<DeletionRequest>.Missing();
        if (!request.IsOpen)
            return OperationResult<DeletionRequest>.Invalid(FieldError.Of("", "This request is already {0}.", request.State));

        request.State = DeletionRequestState.Rejected;
        request.OpenKey = null;
        request.RejectionReason = trimmed;
        request.DecidedAt = time.GetUtcNow();
        request.HandledById = actor.Id;
        await store.UpdateDeletionRequestAsync(request);
        await audit.RecordAsync(actor.Id, AuditActions.RejectRequest, "request", id.ToString(), trimmed);
        await mailer.SendRejectedAsync(request);
        await ChangedAsync(request);
        return OperationResult<DeletionRequest>.Ok(request);
    }

    private async Task<OperationResult<DeletionRequest>> FileUnconfirmedAsync(DeletionRequestSource source, string? email, string? description)
    {
        var address = email?.Trim() ?? "";
        var text = description?.Trim() ?? "";
        var errors = new List<FieldError>();
        if (address.Length == 0) errors.Add(new FieldError("Email", "Email is required: the confirmation link goes there."));
        else if (address.Length > 254 || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
            errors.Add(new FieldError("Email", "Email must be a single valid address such as name@example.org."));
        if (text.Length == 0) errors.Add(new FieldError("Description", "Describe what should be deleted (for example the link to a post)."));
        else if (text.Length > DeletionRequest.MaxDescriptionLength)
            errors.Add(FieldError.Of("Description", "The description must be at most {0} characters.", DeletionRequest.MaxDescriptionLength));
        if (errors.Count > 0) return OperationResult<DeletionRequest>.Invalid([.. errors]);

        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var request = new DeletionRequest
        {
            Source = source,
            Email = address,
            Language = Localization.Texts.CurrentLanguage,
            Scope = DeletionScope.Other,
            Description = text,
            ConfirmationTokenHash = Hash(token),
            State = DeletionRequestState.Received,
            CreatedAt = time.GetUtcNow(),
        };
        await store.AddDeletionRequestAsync(request);
        await mailer.SendConfirmRequestAsync(request, site.Link($"/privacy/delete/confirm?id={request.Id}&token={token}"));
        return OperationResult<DeletionRequest>.Ok(request);
    }

    /// <summary>
    /// Confirms the request and puts it in the queue, in one store step that refuses a second open request with the
    /// same requester and content (parallel identical requests give one). Only a request that was opened now mails.
    /// </summary>
    private async Task<FiledRequest> OpenAsync(DeletionRequest request)
    {
        var now = time.GetUtcNow();
        request.State = DeletionRequestState.Confirmed;
        request.ConfirmedAt = now;
        request.DueAt = now.AddDays(options.DeletionRequestDeadlineDays);
        request.OpenKey = DeletionRequestKeys.OpenKey(request);
        var stored = await store.OpenDeletionRequestAsync(request);
        if (stored.Id != request.Id)
        {
            // Not stored: an identical one is open. Leave this request as it was (a visitor's stays unconfirmed).
            (request.State, request.ConfirmedAt, request.DueAt, request.OpenKey) = (DeletionRequestState.Received, null, null, null);
            return new FiledRequest(stored, AlreadyOpen: true);
        }
        await mailer.SendToForumAddressAsync(request, request.DueAt.Value);
        await mailer.SendReceivedAsync(request, request.DueAt.Value);
        await ChangedAsync(request);
        return new FiledRequest(request, AlreadyOpen: false);
    }

    private async Task ChangedAsync(DeletionRequest request)
    {
        foreach (var observer in observers) await observer.DeletionRequestChangedAsync(request);
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
