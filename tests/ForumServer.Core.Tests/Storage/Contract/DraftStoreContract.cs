using ForumServer.Core.Drafts;

namespace ForumServer.Core.Tests.Storage.Contract;

/// <summary>What every <see cref="IDraftStore"/> must do: one draft per member and place, the newest 100 kept.</summary>
public abstract class DraftStoreContract : StoreContract
{
    private IDraftStore Store => Stores.Drafts;

    private static Draft DraftOf(string member, string key, string body, int minute) => new()
    {
        Id = Draft.IdOf(member, key), MemberId = member, Key = key, Title = "", Body = body, UpdatedAt = T0.AddMinutes(minute),
    };

    [Fact]
    public async Task A_draft_is_saved_replaced_listed_and_deleted_per_member_and_place()
    {
        await Store.SaveAsync(DraftOf("alice", "t1", "half a reply", 0));
        await Store.SaveAsync(DraftOf("alice", "t1", "most of a reply", 1));
        await Store.SaveAsync(DraftOf("alice", "c2", "a new topic", 2));
        await Store.SaveAsync(DraftOf("bob", "t1", "bob's reply", 3));

        var stored = (await Store.GetAsync("alice", "t1"))!;
        Assert.Equal(("most of a reply", T0.AddMinutes(1)), (stored.Body, stored.UpdatedAt));
        Assert.Equal(["c2", "t1"], (await Store.ListOfMemberAsync("alice")).Select(d => d.Key).Order());

        await Store.DeleteAsync("alice", "t1");
        Assert.Null(await Store.GetAsync("alice", "t1"));
        Assert.Equal("bob's reply", (await Store.GetAsync("bob", "t1"))!.Body);
        Assert.Null(await Store.GetAsync("alice", "t9"));
    }

    [Fact]
    public async Task Beyond_the_limit_a_members_oldest_drafts_go_and_other_members_keep_theirs()
    {
        await Store.SaveAsync(DraftOf("bob", "t1", "bob's", 0));
        for (var i = 1; i <= Draft.MaxPerMember + 2; i++)
            await Store.SaveAsync(DraftOf("alice", $"t{i}", $"draft {i}", i));

        var kept = await Store.ListOfMemberAsync("alice");
        Assert.Equal(Draft.MaxPerMember, kept.Count);
        Assert.Null(await Store.GetAsync("alice", "t1"));
        Assert.Null(await Store.GetAsync("alice", "t2"));
        Assert.NotNull(await Store.GetAsync("alice", "t3"));
        Assert.NotNull(await Store.GetAsync("bob", "t1"));
    }

    [Fact]
    public async Task Parallel_saves_past_the_limit_all_succeed_and_keep_the_newest()
    {
        for (var i = 1; i <= Draft.MaxPerMember - 5; i++)
            await Store.SaveAsync(DraftOf("alice", $"t{i}", $"draft {i}", i));

        await InParallelAsync(20, i => Store.SaveAsync(DraftOf("alice", $"c{i + 1}", "parallel", 1000 + i)));

        var kept = await Store.ListOfMemberAsync("alice");
        Assert.Equal(Draft.MaxPerMember, kept.Count);
        Assert.Equal(20, kept.Count(d => d.Body == "parallel"));
    }

    [Fact]
    public async Task Deleting_all_of_a_member_leaves_the_others()
    {
        await Store.SaveAsync(DraftOf("alice", "t1", "a", 0));
        await Store.SaveAsync(DraftOf("alice", "c1", "b", 1));
        await Store.SaveAsync(DraftOf("bob", "t1", "c", 2));

        await Store.DeleteAllOfMemberAsync("alice");

        Assert.Empty(await Store.ListOfMemberAsync("alice"));
        Assert.Single(await Store.ListOfMemberAsync("bob"));
    }
}
