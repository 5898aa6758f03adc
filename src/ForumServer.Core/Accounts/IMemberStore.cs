using ForumServer.Core.Accounts;

namespace ForumServer.Core.Accounts;

/// <summary>Member lookups the features need beyond what ASP.NET Core Identity asks of its store.</summary>
public interface IMemberStore
{
    Task<Member?> GetAsync(string id);
    Task<IReadOnlyList<Member>> ListAsync(int skip, int take);
    Task<int> CountAsync();
    Task<bool> AnyInRoleAsync(string role);

    /// <summary>Overwrites the one kept IP address and time of last access.</summary>
    Task RecordAccessAsync(string memberId, string? ip, DateTimeOffset at);

    /// <summary>Sets or lifts a suspension; setting one also renews the security stamp, which ends existing sessions.</summary>
    Task SetSuspensionAsync(string memberId, Suspension? suspension);

    /// <summary>Records that the account's removal has started; renews the security stamp, which ends existing sessions.</summary>
    Task MarkErasureAsync(string memberId, PendingErasure erasure);

    /// <summary>Members whose removal started and did not finish (bounded: removals are rare and finish in seconds).</summary>
    Task<IReadOnlyList<Member>> ListPendingErasuresAsync(int take);

    /// <summary>Deletes the member record: email, display name, password, IP and last access go with it.</summary>
    Task<bool> EraseAsync(string memberId);
}

/// <summary>Small named values the site keeps for itself (setup token hash, schema version).</summary>
public interface ISettingsStore
{
    Task<string?> GetAsync(string key);
    Task SetAsync(string key, string? value);
}
