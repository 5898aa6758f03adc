using ForumServer.Core.Forum;

namespace ForumServer.Core.Media;

/// <summary>Keeps media in step with posts: attached when a post referring to them is saved, deleted with the post.</summary>
public sealed class MediaPostEvents(MediaService media, IForumStore forum) : IForumEventHandler
{
    public ForumEventStage Stage => ForumEventStage.Media;

    public async Task HandleAsync(ForumEvent forumEvent, CancellationToken cancellationToken = default)
    {
        switch (forumEvent)
        {
            case TopicCreated created: await media.AttachAsync(created.FirstPost); break;
            case PostCreated created: await media.AttachAsync(created.Post); break;
            case PostEdited edited: await media.AttachAsync(edited.Post); break;
            case PostRemoved removed: await media.DeleteOfPostAsync(removed.Post.Id); break;
            case TopicRemoved removed:
                foreach (var post in await forum.ListPostsAsync(removed.Topic.Id, 0, int.MaxValue))
                    await media.DeleteOfPostAsync(post.Id);
                break;
        }
    }
}
