using ForumServer.Core.Forum;

namespace ForumServer.Core.Profiles;

/// <summary>Profiles and the public activity a profile page reads (posts and topics not removed).</summary>
public interface IProfileStore
{
    Task<MemberProfile?> GetAsync(string memberId);
    Task SaveAsync(MemberProfile profile);
    Task DeleteAsync(string memberId);

    Task<int> CountPostsAsync(string authorId);

    /// <summary>Posts not removed, newest first.</summary>
    Task<IReadOnlyList<Post>> ListPostsAsync(string authorId, int skip, int take);
    Task<int> CountTopicsAsync(string authorId);

    /// <summary>Topics not removed, newest first.</summary>
    Task<IReadOnlyList<Topic>> ListTopicsAsync(string authorId, int skip, int take);
    Task<int> CountAcceptedAnswersAsync(string authorId);

    /// <summary>Forgets a removed member where topic lists copied their id (last poster, accepted answer's author).</summary>
    Task ForgetMemberInTopicsAsync(string memberId);
}
