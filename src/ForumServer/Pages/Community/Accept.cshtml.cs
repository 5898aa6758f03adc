using ForumServer.Accounts;
using ForumServer.Core.Curation;
using ForumServer.Core.Localization;
using ForumServer.Http;
using ForumServer.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Community;

/// <summary><c>POST /p/{id}/accept</c>: the topic's author or a moderator marks (or unmarks) a reply as the answer.</summary>
[RateLimitedPosts(RateLimitedPostsAttribute.Forum)]
public sealed class AcceptModel(CurationService curation, CurrentMember current) : PageModel
{
    public string? Error { get; private set; }

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(int id, bool accept = true)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        var result = await curation.AcceptAsync(actor, id, accept);
        if (result.NotFound) return NotFound();
        if (result.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        if (!result.Succeeded)
        {
            Error = Texts.T(result.Errors[0].Message);
            return this.Refused();
        }
        var topic = result.Value!;
        return Redirect($"/t/{topic.Id}/{topic.Slug}#post-{id}");
    }
}
