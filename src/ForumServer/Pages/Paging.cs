using System.Globalization;
using ForumServer.Core.Localization;
using ForumServer.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages;

/// <summary>The page of a paged list to show: its number (1..<see cref="Last"/>) and how many items come before it.</summary>
public readonly record struct PageSlice(int Page, int Last, int PerPage)
{
    /// <summary>Items before this page. Computed in long, and at most the item count, so it always fits an int.</summary>
    public int Skip => (int)Math.Min(int.MaxValue, (long)(Page - 1) * PerPage);
}

/// <summary>
/// Reads <c>?page=</c> the same way on every paged page: absent means 1; not a whole number answers 400 with a page
/// saying so; below 1 redirects to the first page and past the last redirects to the last, so no number, however
/// large, costs more than one count.
/// </summary>
public static class Paging
{
    /// <summary>The slice to show, or (when it returns a result) the answer to send instead.</summary>
    public static IActionResult? ChoosePage(this PageModel model, string? raw, long itemCount, int perPage, string basePath, out PageSlice slice)
    {
        var last = (int)Math.Clamp((Math.Max(itemCount, 0) + perPage - 1) / perPage, 1, int.MaxValue);
        slice = new PageSlice(1, last, perPage);
        if (string.IsNullOrEmpty(raw)) return null;
        var text = raw.Trim();
        var negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        if (digits.Length == 0 || digits.Length > 64 || !digits.All(char.IsAsciiDigit))
            return model.BadInput(Texts.T("The page number must be a whole number, like 2."));
        var requested = digits.Length > 12 ? long.MaxValue : long.Parse(digits, CultureInfo.InvariantCulture);
        if (negative) requested = -requested;
        if (requested < 1) return new RedirectResult(new Pager(basePath, 1, last).Link(1));
        if (requested > last) return new RedirectResult(new Pager(basePath, last, last).Link(last));
        slice = new PageSlice((int)requested, last, perPage);
        return null;
    }
}

/// <summary>Page links: current page and the last page that exists.</summary>
public sealed record Pager(string BasePath, int Current, int Last)
{
    public static readonly Pager Single = new("/", 1, 1);

    public string Link(int page) => page <= 1 ? BasePath : $"{BasePath}?page={page}";

    /// <summary>The page numbers to link: the first, the last and two either side of the current one (never a loop over all pages).</summary>
    public IEnumerable<int> Shown()
    {
        var from = Math.Max(2, Current - 2);
        var to = (int)Math.Min(Last - 1L, Current + 2L);
        yield return 1;
        for (var i = from; i <= to; i++) yield return i;
        if (Last > 1) yield return Last;
    }
}
