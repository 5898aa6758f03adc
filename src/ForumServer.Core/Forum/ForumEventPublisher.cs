namespace ForumServer.Core.Forum;

/// <summary>
/// The one place forum events are raised, by <see cref="ForumService"/> after each committed write. Handlers run
/// one after the other in <see cref="ForumEventStage"/> order: store commit (done before publishing), then media,
/// then search index, notifications and caches, then the live broadcast; registration order within a stage.
/// </summary>
public sealed class ForumEventPublisher
{
    private readonly IForumEventHandler[] _handlers;

    public ForumEventPublisher(IEnumerable<IForumEventHandler> handlers) =>
        _handlers = handlers.Select((handler, index) => (handler, index))
            .OrderBy(h => h.handler.Stage).ThenBy(h => h.index)
            .Select(h => h.handler).ToArray();

    /// <summary>The handlers in the order they run.</summary>
    public IReadOnlyList<IForumEventHandler> Handlers => _handlers;

    public async Task PublishAsync(ForumEvent forumEvent, CancellationToken cancellationToken = default)
    {
        foreach (var handler in _handlers)
            await handler.HandleAsync(forumEvent, cancellationToken);
    }

    public async Task PublishAsync(IEnumerable<ForumEvent> forumEvents, CancellationToken cancellationToken = default)
    {
        foreach (var forumEvent in forumEvents)
            await PublishAsync(forumEvent, cancellationToken);
    }
}
