namespace ForumServer.Core.Notifications;

/// <summary>Display names for the composer's @mention autocomplete: names only, never anything else of a member.</summary>
public interface IMemberNameDirectory
{
    Task<IReadOnlyList<string>> NamesStartingWithAsync(string prefix, int take);
}
