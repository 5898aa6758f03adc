using ForumServer.Core.Moderation;

namespace ForumServer.Core.Moderation;

/// <summary>Flags, deletion requests and the audit log.</summary>
public interface IModerationStore
{
    Task AddFlagAsync(Flag flag);
    Task<Flag?> GetFlagAsync(int id);
    Task<Flag?> FindOpenFlagAsync(int postId, string filedById);
    Task<IReadOnlyList<Flag>> ListOpenFlagsAsync(int take);
    Task<int> CountOpenFlagsAsync();
    Task<IReadOnlyList<Flag>> ListFlagsFiledByAsync(string memberId);

    /// <summary>Closes every open flag on these posts (the posts are gone, so the flags are dealt with).</summary>
    Task ResolveFlagsAsync(IReadOnlyCollection<int> postIds, string resolvedById, DateTimeOffset at);
    Task ResolveFlagAsync(int flagId, string resolvedById, DateTimeOffset at);

    /// <summary>Deletes the flags a member filed (they identify the member).</summary>
    Task DeleteFlagsFiledByAsync(string memberId);

    Task AddDeletionRequestAsync(DeletionRequest request);
    Task<DeletionRequest?> GetDeletionRequestAsync(int id);
    Task UpdateDeletionRequestAsync(DeletionRequest request);

    /// <summary>
    /// Stores <paramref name="request"/> (open, with its <see cref="DeletionRequest.OpenKey"/>; inserted when its id is 0,
    /// else updated) and returns it, unless another open request has the same key: then nothing is stored and that one
    /// is returned. One step under concurrent calls: parallel identical requests leave one open.
    /// </summary>
    Task<DeletionRequest> OpenDeletionRequestAsync(DeletionRequest request);

    /// <summary>Confirmed and in-progress requests, the oldest deadline first.</summary>
    Task<IReadOnlyList<DeletionRequest>> ListOpenDeletionRequestsAsync(int take);
    Task<int> CountOpenDeletionRequestsAsync();
    Task<IReadOnlyList<DeletionRequest>> ListDeletionRequestsOfMemberAsync(string memberId);

    /// <summary>Requests in one state, for the retention job (the state is indexed).</summary>
    Task<IReadOnlyList<DeletionRequest>> ListDeletionRequestsInStateAsync(DeletionRequestState state);
    Task DeleteDeletionRequestAsync(int id);

    Task AppendAuditAsync(AuditEntry entry);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int skip, int take);
    Task<int> CountAuditAsync();
}
