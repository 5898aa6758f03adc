using System.Globalization;
using ForumServer.Accounts;
using ForumServer.Core.Curation;
using ForumServer.Core.Forum;
using ForumServer.Core.Localization;
using ForumServer.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Community;

/// <summary><c>/t/{id}/pin</c>: moderators pin a topic to its category or the front page, until a date or unpinned.</summary>
[Authorize(Policy = AccountsSetup.ModeratorPolicy)]
public sealed class PinModel(IForumStore forum, CurationService curation, CurrentMember current, TimeProvider time) : PageModel
{
    public Topic Topic { get; private set; } = null!;
    public bool PinnedNow { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, PinScope? scope, string? until)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        if (scope is null || !ModelState.IsValid)
        {
            ModelState.Clear();
            ModelState.AddModelError("scope", Texts.T("Choose where the topic is pinned."));
            return await LoadAsync(id) ? this.Refused() : NotFound();
        }
        DateTimeOffset? end = null;
        if (!string.IsNullOrWhiteSpace(until))
        {
            if (until.Length > 20 || !DateTime.TryParseExact(until, ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                ModelState.AddModelError("until", Texts.T("Give the end date as YYYY-MM-DD (UTC), or leave it empty."));
                return await LoadAsync(id) ? this.Refused() : NotFound();
            }
            end = new DateTimeOffset(parsed, TimeSpan.Zero);
        }
        var result = await curation.PinAsync(actor, id, scope.Value, end);
        if (result.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        if (result.NotFound) return NotFound();
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError(error.Field.ToLowerInvariant(), Texts.T(error.Message));
            return await LoadAsync(id) ? this.Refused() : NotFound();
        }
        return Redirect(ForumLinks.Topic(result.Value!));
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await forum.GetTopicAsync(id) is not { IsRemoved: false } topic) return false;
        Topic = topic;
        PinnedNow = topic.IsPinnedAt(time.GetUtcNow());
        return true;
    }
}
