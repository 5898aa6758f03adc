using ForumServer.Core.Moderation;

namespace ForumServer.Core.Tests.Storage.Contract;

/// <summary>What every <see cref="Core.Storage.IModerationStore"/> must do.</summary>
public abstract class ModerationStoreContract : StoreContract
{
    private async Task<Flag> FlagAsync(int postId, string by, int minutes = 0)
    {
        var flag = new Flag { PostId = postId, TopicId = 1, FiledById = by, Reason = "spam", CreatedAt = T0.AddMinutes(minutes) };
        await Stores.Moderation.AddFlagAsync(flag);
        return flag;
    }

    [Fact]
    public async Task Open_flags_are_found_listed_and_resolved()
    {
        var a = await FlagAsync(10, "alice");
        var b = await FlagAsync(11, "alice", 1);
        var c = await FlagAsync(10, "bob", 2);

        Assert.Equal(a.Id, (await Stores.Moderation.FindOpenFlagAsync(10, "alice"))!.Id);
        Assert.Equal([a.Id, b.Id, c.Id], (await Stores.Moderation.ListOpenFlagsAsync(10)).Select(f => f.Id));
        Assert.Equal(3, await Stores.Moderation.CountOpenFlagsAsync());

        await Stores.Moderation.ResolveFlagsAsync([10], "mod", T0.AddHours(1));
        Assert.Equal([b.Id], (await Stores.Moderation.ListOpenFlagsAsync(10)).Select(f => f.Id));
        Assert.Null(await Stores.Moderation.FindOpenFlagAsync(10, "alice"));
        Assert.Equal("mod", (await Stores.Moderation.GetFlagAsync(a.Id))!.ResolvedById);

        await Stores.Moderation.ResolveFlagAsync(b.Id, "mod", T0.AddHours(2));
        Assert.Equal(0, await Stores.Moderation.CountOpenFlagsAsync());
    }

    [Fact]
    public async Task Flags_filed_by_a_member_are_listed_and_deleted()
    {
        await FlagAsync(10, "alice");
        await FlagAsync(11, "alice");
        var other = await FlagAsync(10, "bob");

        Assert.Equal(2, (await Stores.Moderation.ListFlagsFiledByAsync("alice")).Count);
        await Stores.Moderation.DeleteFlagsFiledByAsync("alice");
        Assert.Empty(await Stores.Moderation.ListFlagsFiledByAsync("alice"));
        Assert.NotNull(await Stores.Moderation.GetFlagAsync(other.Id));
    }

    [Fact]
    public async Task Open_deletion_requests_come_by_deadline()
    {
        DeletionRequest Request(DeletionRequestState state, int dueDays, string? member = null) => new()
        {
            Email = "x@example.org", State = state, CreatedAt = T0, DueAt = T0.AddDays(dueDays), MemberId = member, Description = "d",
        };
        var late = Request(DeletionRequestState.Confirmed, 20);
        var soon = Request(DeletionRequestState.InProgress, 5, "alice");
        var received = Request(DeletionRequestState.Received, 1);
        var done = Request(DeletionRequestState.Done, 2, "alice");
        foreach (var r in new[] { late, soon, received, done }) await Stores.Moderation.AddDeletionRequestAsync(r);

        Assert.Equal([soon.Id, late.Id], (await Stores.Moderation.ListOpenDeletionRequestsAsync(10)).Select(r => r.Id));
        Assert.Equal(2, await Stores.Moderation.CountOpenDeletionRequestsAsync());
        Assert.Equal([soon.Id, done.Id], (await Stores.Moderation.ListDeletionRequestsOfMemberAsync("alice")).Select(r => r.Id));
        Assert.Equal([received.Id], (await Stores.Moderation.ListDeletionRequestsInStateAsync(DeletionRequestState.Received)).Select(r => r.Id));

        late.State = DeletionRequestState.Rejected;
        await Stores.Moderation.UpdateDeletionRequestAsync(late);
        await Stores.Moderation.DeleteDeletionRequestAsync(received.Id);
        Assert.Equal([soon.Id], (await Stores.Moderation.ListOpenDeletionRequestsAsync(10)).Select(r => r.Id));
        Assert.Null(await Stores.Moderation.GetDeletionRequestAsync(received.Id));
    }

    [Fact]
    public async Task Audit_lists_newest_first_in_pages()
    {
        for (var i = 0; i < 5; i++)
            await Stores.Moderation.AppendAuditAsync(new AuditEntry { At = T0.AddMinutes(i), ActorId = "mod", Action = AuditActions.RemovePost, ItemType = "post", ItemId = i.ToString() });

        Assert.Equal(["4", "3"], (await Stores.Moderation.ListAuditAsync(0, 2)).Select(a => a.ItemId));
        Assert.Equal(["0"], (await Stores.Moderation.ListAuditAsync(4, 2)).Select(a => a.ItemId));
        Assert.Equal(5, await Stores.Moderation.CountAuditAsync());
    }

    [Fact]
    public async Task Parallel_audit_entries_are_all_kept()
    {
        await InParallelAsync(30, i => Stores.Moderation.AppendAuditAsync(new AuditEntry { At = T0, ActorId = "mod", Action = "x", ItemType = "post", ItemId = i.ToString() }));

        Assert.Equal(30, await Stores.Moderation.CountAuditAsync());
        Assert.Equal(30, (await Stores.Moderation.ListAuditAsync(0, 100)).Select(a => a.ItemId).Distinct().Count());
    }

    [Fact]
    public async Task Parallel_opens_of_one_key_leave_one_open_request_and_give_the_others_that_one()
    {
        DeletionRequest Open(string key) => new()
        {
            Email = "x@example.org", State = DeletionRequestState.Confirmed, CreatedAt = T0, DueAt = T0.AddDays(30), MemberId = "alice",
            Description = "d", OpenKey = key,
        };
        var results = await InParallelAsync(8, _ => Stores.Moderation.OpenDeletionRequestAsync(Open("member:alice|Account|")));

        Assert.Equal(1, await Stores.Moderation.CountOpenDeletionRequestsAsync());
        var id = (await Stores.Moderation.ListOpenDeletionRequestsAsync(10)).Single().Id;
        Assert.All(results, r => Assert.Equal(id, r.Id));

        // Another key opens its own; a closed request no longer holds its key; updating the open one keeps it.
        var other = await Stores.Moderation.OpenDeletionRequestAsync(Open("member:alice|Posts|7"));
        Assert.NotEqual(id, other.Id);
        var open = (await Stores.Moderation.GetDeletionRequestAsync(id))!;
        Assert.Equal(id, (await Stores.Moderation.OpenDeletionRequestAsync(open)).Id);
        open.State = DeletionRequestState.Rejected;
        open.OpenKey = null;
        await Stores.Moderation.UpdateDeletionRequestAsync(open);
        var again = await Stores.Moderation.OpenDeletionRequestAsync(Open("member:alice|Account|"));
        Assert.NotEqual(id, again.Id);
        Assert.Equal(2, await Stores.Moderation.CountOpenDeletionRequestsAsync());
    }
}
