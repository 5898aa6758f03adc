using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Pages.Forum;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Admin;

[Authorize(Policy = AccountsSetup.AdministratorPolicy)]
public sealed class MembersModel(IMemberStore members, UserManager<Member> users, SignInManager<Member> signIn, StaffDirectory staff, RoleGrants grants) : PageModel
{
    private const int PerPage = 50;

    public IReadOnlyList<Member> Members { get; private set; } = [];
    public int Total { get; private set; }
    public Pager Pager { get; private set; } = Pager.Single;

    public async Task<IActionResult> OnGetAsync([FromQuery] string? page)
    {
        Total = await members.CountAsync();
        if (this.ChoosePage(page, Total, PerPage, "/admin/members", out var slice) is { } answer) return answer;
        Members = await members.ListAsync(slice.Skip, PerPage);
        Pager = new Pager("/admin/members", slice.Page, slice.Last);
        return Page();
    }

    public Task<IActionResult> OnPostGrantAsync(string id) => ChangeAsync(id, Roles.Moderator, grant: true);
    public Task<IActionResult> OnPostRevokeAsync(string id) => ChangeAsync(id, Roles.Moderator, grant: false);
    public Task<IActionResult> OnPostGrantListManagerAsync(string id) => ChangeAsync(id, Roles.ListManager, grant: true);
    public Task<IActionResult> OnPostRevokeListManagerAsync(string id) => ChangeAsync(id, Roles.ListManager, grant: false);

    private async Task<IActionResult> ChangeAsync(string id, string role, bool grant)
    {
        var member = await users.FindByIdAsync(id);
        if (member is null) return NotFound();
        var result = grant ? await users.AddToRoleAsync(member, role) : await users.RemoveFromRoleAsync(member, role);
        if (!result.Succeeded) return BadRequest();
        staff.Invalidate();
        if (grant) grants.Granted(member.Id);
        // A grant reaches the member's open sessions on their next request (RoleGrants rebuilds the principal from the
        // store), without signing them out. A revoke must take effect now: it ends their sessions.
        if (!grant) await users.UpdateSecurityStampAsync(member);
        // The administrator's own session is re-issued with the new roles (and the new stamp), so they stay signed in.
        if (users.GetUserId(User) == member.Id) await signIn.RefreshSignInAsync(member);
        return RedirectToPage();
    }
}
