using ForumServer.Core.Accounts;
using ForumServer.Core.Drafts;
using ForumServer.Core.Moderation;
using ForumServer.Core.Privacy;
using ForumServer.Core.Profiles;
using ForumServer.Core.Reactions;

namespace ForumServer.Community;

/// <summary>Removal and export of what the community features keep per member: profile and avatar, likes, drafts.</summary>
public sealed class CommunityMemberHooks(IServiceScopeFactory scopes, IReactionStore reactions, IDraftStore drafts) : IMemberContentCleaner, IPersonalDataSource
{
    public string Section => "community";


    public async Task MemberErasedAsync(string memberId, string email, AccountRemovalMode mode, CancellationToken cancellationToken = default)
    {
        // Whatever the mode, likes, drafts and the avatar are personal: they go.
        await reactions.RemoveAllOfMemberAsync(memberId);
        await drafts.DeleteAllOfMemberAsync(memberId);
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ProfileService>().EraseAsync(memberId);
    }

    public async Task<object?> CollectAsync(Member member, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var profile = await scope.ServiceProvider.GetRequiredService<ProfileService>().GetAsync(member.Id);
        return new
        {
            Profile = new { profile.HideActivity, Avatar = profile.HasAvatar ? $"/u/{member.Id}/avatar/l" : null, profile.AvatarAt },
            Likes = (await reactions.ListOfMemberAsync(member.Id)).Select(r => new { r.PostId, r.TopicId, r.CreatedAt }).ToList(),
            Drafts = (await drafts.ListOfMemberAsync(member.Id)).Select(d => new { d.Key, d.Title, d.Body, d.UpdatedAt }).ToList(),
        };
    }
}
