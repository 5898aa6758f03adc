using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Media;
using ForumServer.Core.Moderation;

namespace ForumServer.Core.Profiles;

/// <summary>A member's public profile: what it shows, the avatar files and the activity setting.</summary>
public sealed class ProfileService(IProfileStore store, IMemberStore members, IMediaStore files, AvatarImages images, AuditLog audit, TimeProvider time)
{
    public const int MaxAvatarBytes = 5 * 1024 * 1024;
    public const int ActivityPerPage = 10;
    public const int MaxActivityPage = 1000;
    public const string RemoveAvatarAction = "avatar.remove";

    public async Task<MemberProfile> GetAsync(string memberId) =>
        await store.GetAsync(memberId) ?? new MemberProfile { Id = memberId };

    public async Task SetHideActivityAsync(Member member, bool hide)
    {
        var profile = await GetAsync(member.Id);
        profile.HideActivity = hide;
        await store.SaveAsync(profile);
    }

    /// <summary>Stores a new avatar from an uploaded photo: re-encoded without metadata, centre square, three sizes.</summary>
    public async Task<OperationResult<MemberProfile>> SetAvatarAsync(Member member, byte[] upload, CancellationToken cancellationToken = default)
    {
        if (upload.Length == 0) return OperationResult<MemberProfile>.Invalid(new FieldError("Avatar", "Choose an image file."));
        if (upload.Length > MaxAvatarBytes)
            return OperationResult<MemberProfile>.Invalid(new FieldError("Avatar", "The image must be at most 5 MB."));
        var (made, contentType, error) = images.Make(upload);
        if (error is not null) return OperationResult<MemberProfile>.Invalid(new FieldError("Avatar", error));

        var profile = await GetAsync(member.Id);
        var previous = profile.AvatarVersion;
        var version = Math.Abs(previous) + 1;
        foreach (var (size, bytes) in made)
        {
            using var content = new MemoryStream(bytes);
            await files.SaveAsync(KeyOf(member.Id, version, size, contentType), content, cancellationToken);
        }
        var previousType = profile.AvatarContentType;
        profile.AvatarVersion = version;
        profile.AvatarContentType = contentType;
        profile.AvatarAt = time.GetUtcNow();
        await store.SaveAsync(profile);
        if (previous > 0) await DeleteFilesAsync(member.Id, previous, previousType);
        return OperationResult<MemberProfile>.Ok(profile);
    }

    /// <summary>Back to the generated default; by the member, or by a moderator (audit-logged).</summary>
    public async Task<OperationResult<MemberProfile>> RemoveAvatarAsync(Actor actor, string memberId, string? reason = null)
    {
        var byModerator = actor.Id != memberId;
        if (byModerator && !actor.IsModerator) return OperationResult<MemberProfile>.Denied();
        if (reason?.Length > ModerationService.MaxReasonLength)
            return OperationResult<MemberProfile>.Invalid(new FieldError("Reason", "The reason must be at most 500 characters."));
        if (await members.GetAsync(memberId) is null) return OperationResult<MemberProfile>.Missing();
        var profile = await GetAsync(memberId);
        if (!profile.HasAvatar) return OperationResult<MemberProfile>.Ok(profile);
        await DeleteFilesAsync(memberId, profile.AvatarVersion, profile.AvatarContentType);
        // The version stays counted up, so cached URLs of the removed picture are never reused.
        profile.AvatarVersion = -profile.AvatarVersion;
        profile.AvatarContentType = "";
        profile.AvatarAt = null;
        await store.SaveAsync(profile);
        if (byModerator) await audit.RecordAsync(actor.Id, RemoveAvatarAction, "member", memberId, reason);
        return OperationResult<MemberProfile>.Ok(profile);
    }

    /// <summary>The stored avatar file for a size, or null for the generated default.</summary>
    public async Task<(Stream Content, string ContentType, string ETag)?> OpenAvatarAsync(string memberId, int size, CancellationToken cancellationToken = default)
    {
        var profile = await store.GetAsync(memberId);
        if (profile is not { HasAvatar: true }) return null;
        var stream = await files.OpenReadAsync(KeyOf(memberId, profile.AvatarVersion, size, profile.AvatarContentType), cancellationToken);
        return stream is null ? null : (stream, profile.AvatarContentType, $"\"av{profile.AvatarVersion}-{size}\"");
    }

    /// <summary>Everything of the member's profile goes: settings and avatar files.</summary>
    public async Task EraseAsync(string memberId)
    {
        if (await store.GetAsync(memberId) is { HasAvatar: true } profile)
            await DeleteFilesAsync(memberId, profile.AvatarVersion, profile.AvatarContentType);
        await store.DeleteAsync(memberId);
        await store.ForgetMemberInTopicsAsync(memberId);
    }

    private async Task DeleteFilesAsync(string memberId, int version, string contentType)
    {
        foreach (var size in AvatarSizes.All) await files.DeleteAsync(KeyOf(memberId, version, size, contentType));
    }

    private static string KeyOf(string memberId, int version, int size, string contentType) =>
        $"av-{memberId.ToLowerInvariant()}-{version}-{size}.{(contentType == "image/png" ? "png" : "jpg")}";
}
