using System.Text;
using ForumServer.Accounts;
using ForumServer.Core.Privacy;
using ForumServer.Logging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Admin;

/// <summary>The server's recent log lines for administrators, with IP addresses, email addresses and display names blanked out.</summary>
[Authorize(Policy = AccountsSetup.AdministratorPolicy)]
public sealed class LogsModel(RecentLogBuffer buffer, RedactorNames names, LogRedactor redactor, TimeProvider time) : PageModel
{
    public int Count { get; private set; }
    public int Capacity => buffer.Capacity;

    public void OnGet() => Count = buffer.Snapshot().Count;

    public async Task<IActionResult> OnGetDownloadAsync()
    {
        // Lines were redacted when written; names of members who registered since are caught here.
        await names.RefreshAsync();
        var text = string.Join("\n", buffer.Snapshot().Select(redactor.Redact)) + "\n";
        Response.Headers.CacheControl = "no-store";
        return File(Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", $"forum-log-{time.GetUtcNow():yyyyMMdd-HHmmss}.txt");
    }
}
