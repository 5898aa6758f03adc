using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;

namespace ForumServer.Core.Reactions;

/// <summary>Likes on posts: one per member and post, never on one's own post, each raised as a forum event.</summary>
public sealed class ReactionService(IReactionStore store, IForumStore forum, IMemberStore members, ForumEventPublisher events, TimeProvider time)
{
    public const int MaxNamesShown = 50;

    /// <summary>Likes the post, or takes the like back when <paramref name="like"/> is false.</summary>
    public async Task<OperationResult<int>> SetAsync(Actor actor, int postId, bool like)
    {
        if (!actor.CanPost) return OperationResult<int>.Denied();
        var post = await forum.GetPostAsync(postId);
        if (post is null || post.IsRemoved) return OperationResult<int>.Missing();
        var topic = await forum.GetTopicAsync(post.TopicId);
        if (topic is null || topic.IsRemoved) return OperationResult<int>.Missing();
        if (post.AuthorId == actor.Id)
            return OperationResult<int>.Invalid(new FieldError("", "You cannot like your own post."));

        if (like)
        {
            var added = await store.TryAddAsync(new Reaction
            {
                Id = Reaction.IdOf(postId, actor.Id), PostId = postId, TopicId = topic.Id, MemberId = actor.Id, CreatedAt = time.GetUtcNow(),
            });
            if (added) await RaiseAsync(new ReactionAdded(topic, post, actor.Id, actor.DisplayName));
        }
        else if (await store.RemoveAsync(postId, actor.Id))
            await RaiseAsync(new ReactionRemoved(topic, post, actor.Id));
        return OperationResult<int>.Ok(await store.CountOfPostAsync(postId));
    }

    /// <summary>Display names of who liked the post (never anything else about them).</summary>
    public async Task<(IReadOnlyList<string> Names, int Total)> WhoAsync(int postId)
    {
        var reactions = await store.ListOfPostAsync(postId, MaxNamesShown);
        var names = new List<string>();
        foreach (var reaction in reactions)
            if (await members.GetAsync(reaction.MemberId) is { } member) names.Add(member.DisplayName);
        return (names, await store.CountOfPostAsync(postId));
    }

    private async Task RaiseAsync(ForumEvent forumEvent)
    {
        await events.PublishAsync(forumEvent);
    }
}
