using ForumServer.Core.Notifications;

namespace ForumServer.Pages.Notifications;

/// <summary>A watch level form for one topic or category; <see cref="ReturnUrl"/> is where the post goes back to.</summary>
public sealed record WatchFormView(WatchTarget Target, int Id, WatchLevel Level, string ReturnUrl);
