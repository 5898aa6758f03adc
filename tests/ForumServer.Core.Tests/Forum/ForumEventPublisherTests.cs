using ForumServer.Core.Forum;

namespace ForumServer.Core.Tests.Forum;

public sealed class ForumEventPublisherTests
{
    private sealed class Handler(string name, ForumEventStage stage, List<string> log) : IForumEventHandler
    {
        public ForumEventStage Stage => stage;

        public Task HandleAsync(ForumEvent forumEvent, CancellationToken cancellationToken = default)
        {
            log.Add(name);
            return Task.CompletedTask;
        }
    }

    private sealed class DefaultStageHandler(List<string> log) : IForumEventHandler
    {
        public Task HandleAsync(ForumEvent forumEvent, CancellationToken cancellationToken = default)
        {
            log.Add("default");
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Handlers_run_media_then_derived_then_broadcast_whatever_the_registration_order()
    {
        var log = new List<string>();
        var publisher = new ForumEventPublisher([
            new Handler("live", ForumEventStage.Broadcast, log),
            new Handler("search", ForumEventStage.Derived, log),
            new DefaultStageHandler(log),
            new Handler("media", ForumEventStage.Media, log),
        ]);

        await publisher.PublishAsync(new CategoryChanged(new Category { Id = 1 }));

        Assert.Equal(["media", "search", "default", "live"], log);
    }
}
