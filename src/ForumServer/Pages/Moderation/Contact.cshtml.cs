using ForumServer.Accounts;
using ForumServer.Core.Inbound;
using ForumServer.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Moderation;

/// <summary>One message sent to the forum contact address: read it, answer it or close it.</summary>
[Authorize(Policy = AccountsSetup.ModeratorPolicy)]
public sealed class ContactMessageModel(ContactMessageService contacts, CurrentMember current) : PageModel
{
    public ContactMessage Item { get; private set; } = null!;
    public string? Answer { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAnswerAsync(int id, string? answer)
    {
        Answer = answer;
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        var refusal = this.Refusal(await contacts.AnswerAsync(actor, id, answer), Page);
        return refusal is PageResult ? await LoadAsync(id) ?? refusal : refusal ?? RedirectToPage();
    }

    public async Task<IActionResult> OnPostDismissAsync(int id)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        return this.Refusal(await contacts.DismissAsync(actor, id), Page) ?? RedirectToPage("/Moderation/Index");
    }

    /// <summary>Loads the message; returns the refusal when there is none or the viewer may not see it.</summary>
    private async Task<IActionResult?> LoadAsync(int id)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        var result = await contacts.GetAsync(actor, id);
        if (this.Refusal(result, Page) is { } refusal) return refusal;
        Item = result.Value!;
        return null;
    }
}
