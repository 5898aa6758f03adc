using System.Security.Claims;
using ForumServer.Core.Forum;
using ForumServer.Core.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Notifications;

/// <summary>"New": recent topics the member has not opened yet (muted ones left out).</summary>
[Authorize]
public sealed class NewModel(NotificationService notifications) : PageModel
{
    public const int Shown = 50;
    public IReadOnlyList<Topic> Topics { get; private set; } = [];

    public async Task OnGetAsync() => Topics = await notifications.NewTopicsAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, Shown);
}
