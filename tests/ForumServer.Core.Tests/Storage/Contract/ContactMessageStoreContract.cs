using ForumServer.Core.Inbound;


namespace ForumServer.Core.Tests.Storage.Contract;

/// <summary>What every <see cref="IContactMessageStore"/> must do.</summary>
public abstract class ContactMessageStoreContract : StoreContract
{
    private async Task<ContactMessage> AddAsync(string from, string subject)
    {
        var message = new ContactMessage { FromAddress = from, FromName = "x", Subject = subject, Text = "hello", ReceivedAt = T0 };
        await Stores.Contact.AddAsync(message);
        return message;
    }

    [Fact]
    public async Task Open_messages_come_oldest_first_and_closing_removes_them_from_the_list()
    {
        var a = await AddAsync("ann@example.org", "one");
        var b = await AddAsync("bob@example.org", "two");

        Assert.Equal(["one", "two"], (await Stores.Contact.ListOpenAsync(10)).Select(m => m.Subject));
        a.ClosedAt = T0.AddHours(1);
        a.Answer = "thanks";
        await Stores.Contact.UpdateAsync(a);

        Assert.Equal([b.Id], (await Stores.Contact.ListOpenAsync(10)).Select(m => m.Id));
        Assert.Equal("thanks", (await Stores.Contact.GetAsync(a.Id))!.Answer);
        Assert.Equal(2, await Stores.Contact.CountAsync());
    }

    [Fact]
    public async Task Messages_of_an_address_are_listed_and_deleted_ignoring_case()
    {
        await AddAsync("Ann@Example.org", "one");
        await AddAsync("ann@example.org", "two");
        var other = await AddAsync("bob@example.org", "three");

        Assert.Equal(2, (await Stores.Contact.ListFromAddressAsync("ANN@example.org")).Count);
        Assert.Equal(2, await Stores.Contact.DeleteFromAddressAsync("ann@example.org"));
        Assert.Empty(await Stores.Contact.ListFromAddressAsync("ann@example.org"));
        Assert.NotNull(await Stores.Contact.GetAsync(other.Id));
    }
}
