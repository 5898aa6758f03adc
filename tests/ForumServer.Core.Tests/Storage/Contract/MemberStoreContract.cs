using ForumServer.Core.Accounts;

namespace ForumServer.Core.Tests.Storage.Contract;

/// <summary>What every member store (<see cref="Core.Storage.IMemberStore"/> and Identity's user store) must do.</summary>
public abstract class MemberStoreContract : StoreContract
{
    private static Member NewMember(string name, string email) => new()
    {
        DisplayName = name, NormalizedDisplayName = name.ToUpperInvariant(),
        Email = email, NormalizedEmail = email.ToUpperInvariant(), CreatedAt = T0,
    };

    [Fact]
    public async Task Created_members_are_found_by_id_email_and_name()
    {
        var alice = NewMember("Alice", "alice@example.org");
        Assert.True((await Stores.Users.CreateAsync(alice, default)).Succeeded);

        Assert.Equal("Alice", (await Stores.Members.GetAsync(alice.Id))!.DisplayName);
        Assert.Equal(alice.Id, (await Stores.Users.FindByEmailAsync("ALICE@EXAMPLE.ORG", default))!.Id);
        Assert.Equal(alice.Id, (await Stores.Users.FindByNameAsync("ALICE", default))!.Id);
        Assert.Null(await Stores.Users.FindByEmailAsync("BOB@EXAMPLE.ORG", default));
        Assert.Equal(1, await Stores.Members.CountAsync());
    }

    [Fact]
    public async Task Display_names_are_unique_ignoring_case()
    {
        Assert.True((await Stores.Users.CreateAsync(NewMember("Alice", "a@example.org"), default)).Succeeded);
        var result = await Stores.Users.CreateAsync(NewMember("ALICE", "b@example.org"), default);

        Assert.False(result.Succeeded);
        Assert.Equal(1, await Stores.Members.CountAsync());
    }

    [Fact]
    public async Task A_second_account_for_one_email_is_refused()
    {
        Assert.True((await Stores.Users.CreateAsync(NewMember("Alice", "alice@example.org"), default)).Succeeded);
        var result = await Stores.Users.CreateAsync(NewMember("Alicia", "Alice@Example.org"), default);

        Assert.False(result.Succeeded);
        Assert.Equal(1, await Stores.Members.CountAsync());
    }

    [Fact]
    public async Task Parallel_registrations_with_one_email_give_exactly_one_account()
    {
        var results = await InParallelAsync(10, i => Stores.Users.CreateAsync(NewMember($"Member{i}", "same@example.org"), default));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(1, await Stores.Members.CountAsync());
        Assert.NotNull(await Stores.Users.FindByEmailAsync("SAME@EXAMPLE.ORG", default));
    }

    [Fact]
    public async Task Members_list_by_name_in_pages()
    {
        foreach (var name in new[] { "Carol", "alice", "Bob" })
            await Stores.Users.CreateAsync(NewMember(name, name + "@example.org"), default);

        Assert.Equal(["alice", "Bob"], (await Stores.Members.ListAsync(0, 2)).Select(m => m.DisplayName));
        Assert.Equal(["Carol"], (await Stores.Members.ListAsync(2, 2)).Select(m => m.DisplayName));
    }

    [Fact]
    public async Task Access_suspension_and_erasure_are_stored()
    {
        var bob = NewMember("Bob", "bob@example.org");
        bob.Roles.Add(Roles.Moderator);
        await Stores.Users.CreateAsync(bob, default);
        var stamp = bob.SecurityStamp;

        await Stores.Members.RecordAccessAsync(bob.Id, "192.0.2.1", T0);
        await Stores.Members.SetSuspensionAsync(bob.Id, new Suspension { At = T0, Until = T0.AddDays(1) });

        var stored = (await Stores.Members.GetAsync(bob.Id))!;
        Assert.Equal(("192.0.2.1", T0), (stored.LastAccessIp, stored.LastAccessAt));
        Assert.True(stored.IsSuspended(T0.AddHours(1)));
        Assert.NotEqual(stamp, stored.SecurityStamp);
        Assert.True(await Stores.Members.AnyInRoleAsync(Roles.Moderator));
        Assert.False(await Stores.Members.AnyInRoleAsync(Roles.Administrator));

        Assert.True(await Stores.Members.EraseAsync(bob.Id));
        Assert.Null(await Stores.Members.GetAsync(bob.Id));
        Assert.Null(await Stores.Users.FindByEmailAsync("BOB@EXAMPLE.ORG", default));
        Assert.False(await Stores.Members.EraseAsync(bob.Id));
    }

    [Fact]
    public async Task A_started_erasure_is_stored_ends_sessions_and_is_listed_until_the_record_goes()
    {
        var bob = NewMember("Bob", "bob@example.org");
        await Stores.Users.CreateAsync(bob, default);
        await Stores.Users.CreateAsync(NewMember("Carol", "carol@example.org"), default);
        Assert.Empty(await Stores.Members.ListPendingErasuresAsync(10));

        await Stores.Members.MarkErasureAsync(bob.Id, new PendingErasure { DeleteContent = true, ActorId = "mod", Reason = "spam", At = T0 });

        var pending = Assert.Single(await Stores.Members.ListPendingErasuresAsync(10));
        Assert.Equal((bob.Id, true, "mod", "spam", T0), (pending.Id, pending.Erasure!.DeleteContent, pending.Erasure.ActorId, pending.Erasure.Reason, pending.Erasure.At));
        Assert.NotEqual(bob.SecurityStamp, pending.SecurityStamp);
        Assert.True(pending.IsSuspended(T0));
        Assert.True(await Stores.Members.EraseAsync(bob.Id));
        Assert.Empty(await Stores.Members.ListPendingErasuresAsync(10));
    }
}
