using ForumServer.Http;
using ForumServer.Accounts;
using ForumServer.Core.Moderation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Moderation;

[Authorize(Policy = AccountsSetup.ModeratorPolicy)]
public sealed class QueueModel(ModerationService moderation, CurrentMember current, TimeProvider time) : PageModel
{
    public ModerationQueue Queue { get; private set; } = new([], []);
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        Now = time.GetUtcNow();
        Queue = await moderation.GetQueueAsync();
    }

    public async Task<IActionResult> OnPostDismissAsync(int flagId)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        var result = await moderation.DismissFlagAsync(actor, flagId, null);
        return this.Refusal(result, Page) ?? RedirectToPage();
    }
}
