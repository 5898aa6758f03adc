using System.ComponentModel.DataAnnotations;

namespace ForumServer.Core.Moderation;

/// <summary>The <c>Moderation</c> section of configuration.</summary>
public sealed class ModerationOptions
{
    public const string Section = "Moderation";

    /// <summary>Days from confirmation within which a deletion request must be decided (GDPR: one month).</summary>
    [Range(1, 365)]
    public int DeletionRequestDeadlineDays { get; set; } = 30;
}
