using System.Text;
using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Core.Moderation;
using ForumServer.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Lists.Manage;

/// <summary>Subscriber addresses for list managers and administrators; the CSV export is for administrators.</summary>
[Authorize(Policy = ListsSetup.ListManagerPolicy)]
public sealed class SubscribersModel(IListStore store, IBounceStore bounces, AuditLog audit, CurrentMember current) : PageModel
{
    public const string BounceClearedAction = "bounce.cleared";

    private const int Shown = 500;

    public MailingList List { get; private set; } = new();
    public IReadOnlyList<Subscription> Subscribers { get; private set; } = [];
    public bool More { get; private set; }
    public bool CanExport => User.IsInRole(Roles.Administrator);

    /// <summary>Shown addresses marked bouncing (list mail to them is skipped).</summary>
    public IReadOnlySet<string> Bouncing { get; private set; } = new HashSet<string>();
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string list)
    {
        // A query flag rather than TempData: TempData would set a cookie.
        if (Request.Query["cleared"] == "1") Message = Core.Localization.Texts.T("The bouncing mark is cleared: list mail goes to this address again.");
        if (await store.FindListAsync(list) is not { } found) return NotFound();
        List = found;
        var page = await store.ListSubscriptionsAsync(found.Id, 0, Shown + 1);
        More = page.Count > Shown;
        Subscribers = page.Take(Shown).ToList();
        var bouncing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var subscriber in Subscribers)
            if (await bounces.IsBouncingAsync(subscriber.Email)) bouncing.Add(subscriber.Email);
        Bouncing = bouncing;
        return Page();
    }

    /// <summary>Clears the bouncing mark of one subscriber of this list; the audit log keeps who did it (not the address).</summary>
    public async Task<IActionResult> OnPostClearBounceAsync(string list, [FromForm] string? email)
    {
        if (await store.FindListAsync(list) is not { } found) return NotFound();
        var subscription = email is { Length: > 0 and <= 320 } ? await store.FindSubscriptionAsync(found.Id, email.Trim()) : null;
        if (subscription is null) return NotFound();
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        if (await bounces.IsBouncingAsync(subscription.Email))
        {
            await bounces.ClearAsync(subscription.Email);
            await audit.RecordAsync(actor.Id, BounceClearedAction, "Subscription", subscription.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), found.Id);
        }
        return Redirect($"/lists/manage/subscribers/{found.Id}?cleared=1");
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
