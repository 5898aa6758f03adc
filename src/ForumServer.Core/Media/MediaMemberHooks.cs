using ForumServer.Core.Accounts;
using ForumServer.Core.Media;
using ForumServer.Core.Moderation;
using ForumServer.Core.Privacy;

namespace ForumServer.Core.Media;

/// <summary>Keeps media in step with moderation and privacy: removal deletes files, export lists them.</summary>
public sealed class MediaMemberHooks(MediaService media, IMediaItemStore items) : IMemberContentCleaner, IPersonalDataSource
{
    public string Section => "media";

    public async Task MemberErasedAsync(string memberId, string email, AccountRemovalMode mode, CancellationToken cancellationToken = default)
    {
        if (mode == AccountRemovalMode.DeleteContent)
        {
            await media.DeleteAllOfMemberAsync(memberId);
            return;
        }
        // Anonymized posts keep their pictures; uploads never attached to a post are the member's alone.
        await media.DeleteUnattachedOfMemberAsync(memberId);
    }

    public async Task<object?> CollectAsync(Member member, CancellationToken cancellationToken = default) =>
        (await items.ListOfOwnerAsync(member.Id)).Select(i => new
        {
            i.Id, Kind = i.Kind.ToString(), i.PostId, i.Width, i.Height, i.Bytes, i.CreatedAt, Url = $"/media/{i.Id}",
        }).ToList();
}
