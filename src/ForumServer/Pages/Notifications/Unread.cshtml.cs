using System.Security.Claims;
using ForumServer.Core.Forum;
using ForumServer.Core.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Notifications;

/// <summary>"Unread": tracked or watched topics with posts the member has not read yet.</summary>
[Authorize]
public sealed class UnreadModel(NotificationService notifications) : PageModel
{
    public const int Shown = 50;
    public IReadOnlyList<(Topic Topic, TopicUnread Unread)> Topics { get; private set; } = [];

    public async Task OnGetAsync() => Topics = await notifications.UnreadTopicsAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, Shown);
}
