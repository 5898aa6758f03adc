namespace ForumServer.Live;

/// <summary>
/// A post as open topic pages show it. <see cref="Html"/> is the post's article exactly as the page renders it
/// for a reader without rights on it (sanitized at write time); nothing private (email, IP) is ever in it.
/// </summary>
public sealed record PostMessage(
    int TopicId, int CategoryId, int PostId, int Number, int Page, string AuthorId, string AuthorName, string Html, string Url);

/// <summary>
/// A topic as category and front pages list it. <see cref="RowHtml"/> is its row on the category page,
/// <see cref="FrontRowHtml"/> its row on the front page (which may name the category); both empty when removed.
/// </summary>
public sealed record TopicMessage(
    int TopicId, int CategoryId, string Title, string AuthorName, int PostCount, string LastPosterName, bool IsLocked,
    string Url, string RowHtml, string FrontRowHtml);

/// <summary>What the hub sends to pages. The hub never receives content: posting stays an HTTP form post.</summary>
public interface IForumClient
{
    Task PostCreated(PostMessage message);
    Task PostEdited(PostMessage message);
    Task PostRemoved(PostMessage message);
    Task TopicCreated(TopicMessage message);

    /// <summary>A topic got a reply: its row moves up with new counts.</summary>
    Task TopicActivity(TopicMessage message);
    Task TopicLocked(TopicMessage message);
    Task TopicRemoved(TopicMessage message);
}
