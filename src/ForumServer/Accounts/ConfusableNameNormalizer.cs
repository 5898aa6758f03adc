using ForumServer.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace ForumServer.Accounts;

/// <summary>
/// Identity's lookup form of a display name is its confusables skeleton, so the unique index on the normalized
/// name refuses look-alikes ("Аdmin" with a Cyrillic А, "ΑdmΙn") as it refuses duplicates. Emails as Identity does.
/// </summary>
public sealed class ConfusableNameNormalizer : ILookupNormalizer
{
    private readonly UpperInvariantLookupNormalizer _emails = new();

    public string? NormalizeName(string? name) => name is null ? null : DisplayNameRules.Skeleton(name);

    public string? NormalizeEmail(string? email) => _emails.NormalizeEmail(email);
}
