using ForumServer.Accounts;
using ForumServer.Core.Privacy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Privacy;

/// <summary>Right of access: the signed-in member downloads everything kept about them as one JSON file.</summary>
[Authorize]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ExportModel(PersonalDataExporter exporter, CurrentMember current, TimeProvider time) : PageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        var member = await current.GetAsync();
        if (member is null) return Challenge();
        var json = await exporter.ExportAsync(member, HttpContext.RequestAborted);
        return File(json, "application/json", $"personal-data-{time.GetUtcNow():yyyy-MM-dd}.json");
    }
}
