using System.Text.RegularExpressions;

namespace ForumServer.Core.Inbound;

/// <summary>
/// Decides whether mail to the contact address asks for data removal. A false positive costs little: the sender
/// must still confirm by link, and an unconfirmed request never reaches the queue.
/// </summary>
public static partial class RemovalRequestDetector
{
    public static bool AsksForRemoval(string? subject, string? text) =>
        RemovalWords().IsMatch(subject ?? "") || RemovalWords().IsMatch(Start(text));

    // Only the start of the body counts: quoted replies and signatures further down should not decide.
    private static string Start(string? text) => text is null ? "" : text.Length > 2000 ? text[..2000] : text;

    [GeneratedRegex(@"\b(delete|deleted|deletion|remove|removed|removal|erase|erased|erasure|forget|forgotten|gdpr|dsgvo|art(icle|\.)?\s*17)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RemovalWords();
}
