using System.Text.Json;
using System.Text.Json.Serialization;
using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Moderation;

namespace ForumServer.Core.Privacy;

/// <summary>
/// Adds a section to a member's data export (media list, list subscriptions). Each source returns only what
/// belongs to that member, or null to add nothing.
/// </summary>
public interface IPersonalDataSource
{
    /// <summary>The section's key in the exported JSON, e.g. "media".</summary>
    string Section { get; }

    Task<object?> CollectAsync(Member member, CancellationToken cancellationToken = default);
}

/// <summary>Everything the forum keeps about one member, as one JSON document (right of access).</summary>
public sealed class PersonalDataExporter(
    IForumStore forum, IModerationStore moderation, IEnumerable<IPersonalDataSource> sources, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<byte[]> ExportAsync(Member member, CancellationToken cancellationToken = default)
    {
        var posts = await forum.ListPostsByAuthorAsync(member.Id);
        var topicTitles = new Dictionary<int, string>();
        foreach (var topicId in posts.Select(p => p.TopicId).Distinct())
            if (await forum.GetTopicAsync(topicId) is { } topic) topicTitles[topicId] = topic.Title;

        var document = new Dictionary<string, object?>
        {
            ["exportedAt"] = time.GetUtcNow(),
            ["profile"] = new
            {
                member.Id,
                member.DisplayName,
                member.Email,
                member.EmailConfirmed,
                member.Language,
                member.Roles,
                member.CreatedAt,
                Suspension = member.Suspension is { } s ? new { s.At, s.Until } : null,
            },
            ["lastAccess"] = new { Ip = member.LastAccessIp, At = member.LastAccessAt },
            ["posts"] = posts.Select(p => new
            {
                p.Id,
                p.TopicId,
                Topic = topicTitles.GetValueOrDefault(p.TopicId),
                p.Number,
                p.CreatedAt,
                p.EditedAt,
                p.Markdown,
                Removed = p.Removal is { } r ? new { r.By, r.At } : null,
            }),
            ["flagsFiled"] = (await moderation.ListFlagsFiledByAsync(member.Id)).Select(f => new
            {
                f.Id, f.PostId, f.Reason, f.CreatedAt, f.ResolvedAt,
            }),
            ["deletionRequests"] = (await moderation.ListDeletionRequestsOfMemberAsync(member.Id)).Select(d => new
            {
                d.Id, d.Scope, d.PostIds, d.Description, d.State, d.CreatedAt, d.ConfirmedAt, d.DueAt, d.DecidedAt, d.RejectionReason,
            }),
        };
        foreach (var source in sources)
            document[source.Section] = await source.CollectAsync(member, cancellationToken);
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }
}
