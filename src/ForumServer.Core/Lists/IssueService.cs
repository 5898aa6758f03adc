using ForumServer.Core.Common;
using ForumServer.Core.Forum;
using ForumServer.Core.Mail;

namespace ForumServer.Core.Lists;

/// <summary>What a list manager does with an issue: write, preview, test, schedule or send, and watch it go.</summary>
public sealed class IssueService(IListStore store, IOutboxStore outboxStore, Outbox outbox, ListMailer mailer, PostRenderer renderer, TimeProvider time)
{
    public const int MaxSubject = 200;
    public const int MaxBody = 100_000;

    public async Task<OperationResult<ListIssue>> SaveDraftAsync(long? issueId, string listId, string? subject, string? body, string authorId)
    {
        var list = await store.FindListAsync(listId);
        if (list is null) return OperationResult<ListIssue>.Missing();
        var errors = Validate(subject, body);
        if (errors.Length > 0) return OperationResult<ListIssue>.Invalid(errors);
        var issue = issueId is { } id ? await store.FindIssueAsync(id) : new ListIssue { ListId = list.Id, AuthorId = authorId, CreatedAt = time.GetUtcNow() };
        if (issue is null || issue.ListId != list.Id) return OperationResult<ListIssue>.Missing();
        if (issue.State != IssueState.Draft && issue.State != IssueState.Scheduled)
            return OperationResult<ListIssue>.Invalid(new FieldError("", "This issue is already being sent and can no longer change."));
        issue.Subject = subject!.Trim();
        issue.BodyMarkdown = body!;
        issue.BodyHtml = renderer.Render(body!);
        await store.SaveIssueAsync(issue);
        return OperationResult<ListIssue>.Ok(issue);
    }

    public string Preview(string body) => renderer.Render(body);

    public async Task<OperationResult<ListIssue>> SendTestAsync(long issueId, string managerEmail)
    {
        var (issue, list) = await FindAsync(issueId);
        if (issue is null || list is null) return OperationResult<ListIssue>.Missing();
        await outbox.EnqueueAsync(mailer.Test(list, issue, managerEmail));
        return OperationResult<ListIssue>.Ok(issue);
    }

    /// <summary>Schedules the send; <paramref name="at"/> null or in the past means now.</summary>
    public async Task<OperationResult<ListIssue>> ScheduleAsync(long issueId, DateTimeOffset? at)
    {
        var (issue, list) = await FindAsync(issueId);
        if (issue is null || list is null) return OperationResult<ListIssue>.Missing();
        if (issue.State is not (IssueState.Draft or IssueState.Scheduled))
            return OperationResult<ListIssue>.Invalid(new FieldError("", "This issue is already being sent."));
        var now = time.GetUtcNow();
        if (at is null && IsStarted(issue, now))
            return OperationResult<ListIssue>.Invalid(new FieldError("", "This issue is already being sent."));
        var was = issue.State;
        issue.State = IssueState.Scheduled;
        issue.ScheduledAt = at is { } when && when > now ? when : now;
        return await store.SaveIssueIfStateAsync(issue, was)
            ? OperationResult<ListIssue>.Ok(issue)
            : OperationResult<ListIssue>.Invalid(new FieldError("", "This issue is already being sent."));
    }

    /// <summary>Sending has begun or is due now: too late to send again, schedule or go back to draft.</summary>
    public static bool IsStarted(ListIssue issue, DateTimeOffset now) =>
        issue.IsPublished || (issue.State == IssueState.Scheduled && issue.ScheduledAt <= now);

    public async Task<OperationResult<ListIssue>> UnscheduleAsync(long issueId)
    {
        var issue = await store.FindIssueAsync(issueId);
        if (issue is null) return OperationResult<ListIssue>.Missing();
        if (issue.State != IssueState.Scheduled) return OperationResult<ListIssue>.Invalid(new FieldError("", "Only a scheduled issue can go back to draft."));
        issue.State = IssueState.Draft;
        issue.ScheduledAt = null;
        return await store.SaveIssueIfStateAsync(issue, IssueState.Scheduled)
            ? OperationResult<ListIssue>.Ok(issue)
            : OperationResult<ListIssue>.Invalid(new FieldError("", "This issue is already being sent."));
    }

    public Task<BatchProgress> ProgressAsync(ListIssue issue) => outboxStore.CountBatchAsync(issue.Batch);

    /// <summary>
    /// Queues every due issue for its confirmed subscribers, a batch per transaction together with the issue's
    /// cursor, so an interrupted run continues after the last queued subscriber and nobody is queued twice.
    /// </summary>
    public async Task<int> EnqueueDueAsync(int batchSize, CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var issue in await store.ListDueIssuesAsync(time.GetUtcNow()))
        {
            var list = await store.FindListAsync(issue.ListId);
            if (list is null) continue;
            if (issue.State == IssueState.Scheduled)
            {
                await outboxStore.SaveContentAsync(mailer.IssueContent(list, issue));
                issue.State = IssueState.Sending;
                issue.SentAt = time.GetUtcNow();
                await store.SaveIssueAsync(issue);
            }
            while (!cancellationToken.IsCancellationRequested)
            {
                var recipients = await store.ListConfirmedAsync(list.Id, issue.EnqueuedThrough, batchSize);
                if (recipients.Count == 0) break;
                var now = time.GetUtcNow();
                var messages = new List<OutboundMessage>(recipients.Count);
                foreach (var subscription in recipients)
                {
                    var message = mailer.Issue(list, issue, subscription);
                    Outbox.Stamp(message, now);
                    messages.Add(message);
                }
                issue.EnqueuedThrough = recipients[^1].Id;
                issue.RecipientCount += recipients.Count;
                await store.EnqueueIssueBatchAsync(issue, messages);
                queued += messages.Count;
                outbox.Wake();
            }
            if (cancellationToken.IsCancellationRequested) break;
            issue.State = IssueState.Sent;
            await store.SaveIssueAsync(issue);
        }
        return queued;
    }

    private async Task<(ListIssue?, MailingList?)> FindAsync(long issueId)
    {
        var issue = await store.FindIssueAsync(issueId);
        return issue is null ? (null, null) : (issue, await store.FindListAsync(issue.ListId));
    }

    private static FieldError[] Validate(string? subject, string? body)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(subject)) errors.Add(new("Subject", "Enter a subject."));
        else if (subject.Trim().Length > MaxSubject) errors.Add(new("Subject", $"The subject can be at most {MaxSubject} characters."));
        else if (subject.Any(char.IsControl)) errors.Add(new("Subject", "The subject cannot contain line breaks or control characters."));
        if (string.IsNullOrWhiteSpace(body)) errors.Add(new("Body", "Write the message."));
        else if (body.Length > MaxBody) errors.Add(new("Body", $"The message can be at most {MaxBody:N0} characters."));
        return errors.ToArray();
    }
}
