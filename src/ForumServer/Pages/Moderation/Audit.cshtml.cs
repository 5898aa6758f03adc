using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Core.Moderation;
using ForumServer.Pages.Forum;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Moderation;

/// <summary>The audit log: administrators only, never public.</summary>
[Authorize(Policy = AccountsSetup.AdministratorPolicy)]
public sealed class AuditModel(IModerationStore store, IMemberStore members) : PageModel
{
    private const int PerPage = 100;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    /// <summary>Display names of actors whose accounts still exist.</summary>
    public Dictionary<string, string> Names { get; } = [];
    public Pager Pager { get; private set; } = Pager.Single;

    public async Task<IActionResult> OnGetAsync([FromQuery] string? page)
    {
        if (this.ChoosePage(page, await store.CountAuditAsync(), PerPage, "/moderation/audit", out var slice) is { } answer) return answer;
        Entries = await store.ListAuditAsync(slice.Skip, PerPage);
        foreach (var id in Entries.Select(e => e.ActorId).Distinct())
            if (await members.GetAsync(id) is { } m) Names[id] = m.DisplayName;
        Pager = new Pager("/moderation/audit", slice.Page, slice.Last);
        return Page();
    }
}
