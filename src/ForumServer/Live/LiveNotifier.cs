using ForumServer.Core.Forum;
using Microsoft.AspNetCore.SignalR;

namespace ForumServer.Live;

/// <summary>Sends each forum event to the pages watching the topic, its category and the front page.</summary>
public sealed class LiveNotifier(IHubContext<ForumHub, IForumClient> hub, LiveMarkup markup, ILogger<LiveNotifier> logger) : IForumEventHandler
{
    public ForumEventStage Stage => ForumEventStage.Broadcast;

    public async Task HandleAsync(ForumEvent forumEvent, CancellationToken cancellationToken = default)
    {
        try
        {
            await SendAsync(forumEvent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The write is stored already; a page that missed this catches up on its next reconnect or reload.
            logger.LogWarning(ex, "Live update for {Event} in topic {TopicId} was not sent", forumEvent.GetType().Name, forumEvent.TopicId);
        }
    }

    private async Task SendAsync(ForumEvent forumEvent)
    {
        var topicGroup = hub.Clients.Group(LiveGroups.Topic(forumEvent.TopicId));
        var listGroups = hub.Clients.Groups(LiveGroups.Category(forumEvent.CategoryId), LiveGroups.Front);
        switch (forumEvent)
        {
            case TopicCreated e:
                await listGroups.TopicCreated(await markup.TopicMessageAsync(e.Topic));
                break;
            case PostCreated e:
                await topicGroup.PostCreated(await markup.PostMessageAsync(e.Topic, e.Post));
                await listGroups.TopicActivity(await markup.TopicMessageAsync(e.Topic));
                break;
            case PostEdited e:
                await topicGroup.PostEdited(await markup.PostMessageAsync(e.Topic, e.Post));
                break;
            case PostRemoved e:
                await topicGroup.PostRemoved(await markup.PostMessageAsync(e.Topic, e.Post));
                break;
            case TopicLocked e:
                {
                    var message = await markup.TopicMessageAsync(e.Topic);
                    await topicGroup.TopicLocked(message);
                    await listGroups.TopicLocked(message);
                    break;
                }
            case TopicRemoved e:
                {
                    var message = await markup.TopicMessageAsync(e.Topic, removed: true);
                    await topicGroup.TopicRemoved(message);
                    await listGroups.TopicRemoved(message);
                    break;
                }
            case TopicMoved e:
                await hub.Clients.Group(LiveGroups.Category(e.FromCategoryId)).TopicRemoved(await markup.TopicMessageAsync(e.Topic, removed: true));
                var moved = await markup.TopicMessageAsync(e.Topic);
                await hub.Clients.Group(LiveGroups.Category(e.CategoryId)).TopicCreated(moved);
                await hub.Clients.Group(LiveGroups.Front).TopicActivity(moved);
                break;
        }
    }
}
