namespace ForumServer.Live;

/// <summary>The <c>Live</c> section: how live updates reach open pages.</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>
    /// StackExchange.Redis connection string of the SignalR backplane. Empty (the default) keeps live updates inside
    /// this process; set it when several servers share the forum so each one's events reach every open page.
    /// </summary>
    public string RedisConnectionString { get; set; } = "";

    /// <summary>Open live connections one client address may hold (a browser needs one per tab).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int MaxConnectionsPerAddress { get; set; } = 20;
}
