
namespace ForumServer.Core.Moderation;

/// <summary>Writes audit entries with the current time.</summary>
public sealed class AuditLog(IModerationStore store, TimeProvider time)
{
    public Task RecordAsync(string actorId, string action, string itemType, string itemId, string? reason) =>
        store.AppendAuditAsync(new AuditEntry
        {
            At = time.GetUtcNow(),
            ActorId = actorId,
            Action = action,
            ItemType = itemType,
            ItemId = itemId,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        });
}
