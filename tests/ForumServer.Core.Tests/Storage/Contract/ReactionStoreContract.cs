using ForumServer.Core.Reactions;

namespace ForumServer.Core.Tests.Storage.Contract;

/// <summary>What every <see cref="IReactionStore"/> must do: one like per member and post, parallel likes included.</summary>
public abstract class ReactionStoreContract : StoreContract
{
    private IReactionStore Store => Stores.Reactions;

    private static Reaction Like(int postId, string member, int second = 0, int topicId = 1) => new()
    {
        Id = Reaction.IdOf(postId, member), PostId = postId, TopicId = topicId, MemberId = member, CreatedAt = T0.AddSeconds(second),
    };

    [Fact]
    public async Task A_member_likes_a_post_once_and_can_take_it_back()
    {
        Assert.True(await Store.TryAddAsync(Like(10, "alice")));
        Assert.False(await Store.TryAddAsync(Like(10, "alice", 5)));
        Assert.Equal(1, await Store.CountOfPostAsync(10));

        Assert.True(await Store.RemoveAsync(10, "alice"));
        Assert.False(await Store.RemoveAsync(10, "alice"));
        Assert.Equal(0, await Store.CountOfPostAsync(10));
        Assert.True(await Store.TryAddAsync(Like(10, "alice", 9)));
    }

    [Fact]
    public async Task Likes_are_counted_per_post_and_topic_and_listed_oldest_first()
    {
        await Store.TryAddAsync(Like(10, "carol", 3));
        await Store.TryAddAsync(Like(10, "alice", 1));
        await Store.TryAddAsync(Like(10, "bob", 2));
        await Store.TryAddAsync(Like(11, "alice", 4));
        await Store.TryAddAsync(Like(20, "alice", 5, topicId: 2));

        Assert.Equal((3, 4, 1), (await Store.CountOfPostAsync(10), await Store.CountOfTopicAsync(1), await Store.CountOfTopicAsync(2)));
        var counts = await Store.CountOfPostsAsync([10, 11, 12, 10]);
        Assert.Equal([(10, 3), (11, 1)], counts.OrderBy(c => c.Key).Select(c => (c.Key, c.Value)));
        Assert.Equal([10, 11], (await Store.LikedByAsync("alice", [10, 11, 12])).Order());
        Assert.Equal([10], await Store.LikedByAsync("bob", [10, 11]));
        Assert.Empty(await Store.LikedByAsync("dave", [10, 11]));

        Assert.Equal(["alice", "bob"], (await Store.ListOfPostAsync(10, 2)).Select(r => r.MemberId));
        Assert.Equal([10, 11, 20], (await Store.ListOfMemberAsync("alice")).Select(r => r.PostId).Order());
    }

    [Fact]
    public async Task Parallel_likes_by_one_member_count_once_and_by_many_members_count_each()
    {
        var same = await InParallelAsync(20, i => Store.TryAddAsync(Like(10, "alice", i)));
        var many = await InParallelAsync(20, i => Store.TryAddAsync(Like(11, $"member{i}", i)));

        Assert.Single(same, added => added);
        Assert.Equal(1, await Store.CountOfPostAsync(10));
        Assert.All(many, Assert.True);
        Assert.Equal(20, await Store.CountOfPostAsync(11));
    }

    [Fact]
    public async Task Removing_a_members_likes_leaves_the_others()
    {
        await Store.TryAddAsync(Like(10, "alice"));
        await Store.TryAddAsync(Like(11, "alice"));
        await Store.TryAddAsync(Like(10, "bob"));

        await Store.RemoveAllOfMemberAsync("alice");

        Assert.Empty(await Store.ListOfMemberAsync("alice"));
        Assert.Equal("bob", Assert.Single(await Store.ListOfPostAsync(10, 10)).MemberId);
    }
}
