using ForumServer.Accounts;
using ForumServer.Core.Curation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Community;

/// <summary><c>POST /admin/categories/{id}/questions</c>: an administrator turns accepted answers on or off for a category.</summary>
[Authorize(Policy = AccountsSetup.AdministratorPolicy)]
public sealed class QuestionsModel(CurationService curation, CurrentMember current) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(int id, bool questions)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        var result = await curation.SetQuestionsAsync(actor, id, questions);
        if (result.NotFound) return NotFound();
        if (result.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        return Redirect("/admin/categories");
    }
}
