namespace ForumServer.Core.Accounts;

/// <summary>
/// The one rule for joining data to an account by email address (list subscriptions, contact mail): only once the
/// account has confirmed that address. Anyone can register with someone else's address and never confirm it.
/// </summary>
public static class AddressJoin
{
    /// <summary>The member's address when confirmed, else null: nothing found by address belongs to the account yet.</summary>
    public static string? ConfirmedAddressOf(Member member) =>
        member.EmailConfirmed && !string.IsNullOrEmpty(member.Email) ? member.Email : null;
}
