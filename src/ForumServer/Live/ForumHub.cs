using ForumServer.Core.Forum;
using Microsoft.AspNetCore.SignalR;

namespace ForumServer.Live;

/// <summary>
/// Pages join the group of what they show (a topic, a category, the front page) and then only listen.
/// Ids are checked so a client cannot fill the server with groups for things that do not exist.
/// </summary>
public sealed class ForumHub(IForumStore store, HubConnectionLimiter limiter) : Hub<IForumClient>
{
    public const string Path = "/live";
    private const string AddressKey = "address";

    /// <summary>Refuses a connection past the per-address limit; the slot is given back when the connection closes.</summary>
    public override Task OnConnectedAsync()
    {
        var address = Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!limiter.TryOpen(address))
            throw new HubException($"Too many live connections from one address (at most {limiter.Limit}).");
        Context.Items[AddressKey] = address;
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(AddressKey, out var address) && address is string a) limiter.Close(a);
        return Task.CompletedTask;
    }

    /// <summary>One page watches one or two things; a few tabs share nothing, so this is generous.</summary>
    private const int MaxGroupsPerConnection = 16;

    public async Task WatchTopic(int topicId)
    {
        var topic = await store.GetTopicAsync(topicId);
        if (topic is null || topic.IsRemoved) throw new HubException($"Topic {topicId} does not exist.");
        await JoinAsync(LiveGroups.Topic(topicId));
    }

    public async Task WatchCategory(int categoryId)
    {
        if (await store.GetCategoryAsync(categoryId) is null) throw new HubException($"Category {categoryId} does not exist.");
        await JoinAsync(LiveGroups.Category(categoryId));
    }

    public Task WatchFront() => JoinAsync(LiveGroups.Front);

    private async Task JoinAsync(string group)
    {
        var joined = Joined();
        if (joined.Contains(group)) return;
        if (joined.Count >= MaxGroupsPerConnection) throw new HubException($"A connection watches at most {MaxGroupsPerConnection} things.");
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        joined.Add(group);
    }

    private HashSet<string> Joined()
    {
        if (Context.Items.TryGetValue(nameof(Joined), out var value) && value is HashSet<string> set) return set;
        set = new HashSet<string>(StringComparer.Ordinal);
        Context.Items[nameof(Joined)] = set;
        return set;
    }
}
