using System.Text;
using ForumServer.Core.Accounts;
using ForumServer.Core.Lists;
using ForumServer.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Lists.Manage;

/// <summary>Subscriber addresses for list managers and administrators; the CSV export is for administrators.</summary>
[Authorize(Policy = ListsSetup.ListManagerPolicy)]
public sealed class SubscribersModel(IListStore store) : PageModel
{
    private const int Shown = 500;

    public MailingList List { get; private set; } = new();
    public IReadOnlyList<Subscription> Subscribers { get; private set; } = [];
    public bool More { get; private set; }
    public bool CanExport => User.IsInRole(Roles.Administrator);

    public async Task<IActionResult> OnGetAsync(string list)
    {
        if (await store.FindListAsync(list) is not { } found) return NotFound();
        List = found;
        var page = await store.ListSubscriptionsAsync(found.Id, 0, Shown + 1);
        More = page.Count > Shown;
        Subscribers = page.Take(Shown).ToList();
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(string list)
    {
        if (!CanExport) return Forbid();
        if (await store.FindListAsync(list) is not { } found) return NotFound();
        var csv = new StringBuilder("email,state,subscribed_at,confirmed_at,unsubscribed_at\r\n");
        long after = 0;
        while (true)
        {
            var page = await store.ListSubscriptionsAsync(found.Id, after, 1000);
            if (page.Count == 0) break;
            foreach (var s in page)
                csv.Append(Field(s.Email)).Append(',').Append(s.State).Append(',').Append(s.CreatedAt.ToString("O")).Append(',')
                   .Append(s.ConfirmedAt?.ToString("O")).Append(',').Append(s.UnsubscribedAt?.ToString("O")).Append("\r\n");
            after = page[^1].Id;
        }
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"{found.Id}-subscribers.csv");
    }

    /// <summary>Quotes a field and defuses spreadsheet formulas.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0])) value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
