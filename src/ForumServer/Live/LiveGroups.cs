namespace ForumServer.Live;

/// <summary>Names of the SignalR groups a page joins: one per topic, one per category, one for the front page.</summary>
public static class LiveGroups
{
    public const string Front = "front";

    public static string Topic(int topicId) => $"topic:{topicId}";

    public static string Category(int categoryId) => $"category:{categoryId}";
}
