using System.Security.Claims;
using ForumServer.Core.Notifications;
using ForumServer.Pages.Forum;
using ForumServer.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Notifications;

/// <summary>The member's own notifications, newest first; open one (marks it read) or mark all read. No JavaScript needed.</summary>
[Authorize, RateLimitedPosts(RateLimitedPostsAttribute.Forum)]
public sealed class IndexModel(NotificationService notifications) : PageModel
{
    public IReadOnlyList<Notification> Items { get; private set; } = [];
    public Pager Pager { get; private set; } = Pager.Single;
    public int Unread { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] int page = 1)
    {
        if (page < 1 || page > NotificationService.MaxPages) return NotFound();
        var (items, pages) = await notifications.ListAsync(MemberId, page);
        if (page > pages) return NotFound();
        Items = items;
        Pager = new Pager("/notifications", page, pages);
        Unread = await notifications.CountUnreadAsync(MemberId);
        return Page();
    }

    public async Task<IActionResult> OnPostOpenAsync([FromForm] int id)
    {
        var n = await notifications.OpenAsync(MemberId, id);
        return n is null ? NotFound() : Redirect(notifications.LinkOf(n));
    }

    public async Task<IActionResult> OnPostAllReadAsync()
    {
        await notifications.MarkAllReadAsync(MemberId);
        return Redirect("/notifications");
    }

    private string MemberId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
