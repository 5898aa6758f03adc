namespace ForumServer.Core.Inbound;

/// <summary>Mail to the forum contact address that is not a removal request; moderators read and answer it.</summary>
public sealed class ContactMessage
{
    public const int MaxSubjectLength = 200;
    public const int MaxTextLength = 20_000;
    public const int MaxAnswerLength = 10_000;

    public int Id { get; set; }

    /// <summary>Where the answer goes; shown to administrators only.</summary>
    public string FromAddress { get; set; } = "";
    public string FromName { get; set; } = "";
    public string Subject { get; set; } = "";

    /// <summary>The readable text of the message; attachments are never stored, only counted.</summary>
    public string Text { get; set; } = "";
    public int DroppedAttachments { get; set; }
    public string? MessageId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    public string? Answer { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedById { get; set; }

    public bool IsOpen => ClosedAt is null;
}

/// <summary>Storage of contact messages.</summary>
public interface IContactMessageStore
{
    Task AddAsync(ContactMessage message);
    Task<ContactMessage?> GetAsync(int id);
    Task UpdateAsync(ContactMessage message);

    /// <summary>Unanswered messages, oldest first.</summary>
    Task<IReadOnlyList<ContactMessage>> ListOpenAsync(int take);
    Task<int> CountAsync();

    /// <summary>Every message from an address (personal-data export).</summary>
    Task<IReadOnlyList<ContactMessage>> ListFromAddressAsync(string address);

    /// <summary>Forgets every message from an address (account removal).</summary>
    Task<int> DeleteFromAddressAsync(string address);
}
