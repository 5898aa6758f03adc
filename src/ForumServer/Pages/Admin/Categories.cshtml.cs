using ForumServer.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Admin;

[Authorize(Policy = AccountsSetup.AdministratorPolicy)]
public sealed class CategoriesModel(IForumStore store, ForumService forum) : PageModel
{
    public IReadOnlyList<Category> Categories { get; private set; } = [];

    public async Task OnGetAsync() => Categories = await store.ListCategoriesAsync();

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? description)
    {
        var result = await forum.CreateCategoryAsync(name, description);
        return await AfterAsync(result.Succeeded, result.Errors);
    }

    public async Task<IActionResult> OnPostUpdateAsync(int id, string? name, string? description, int sortOrder)
    {
        var result = await forum.UpdateCategoryAsync(id, name, description, sortOrder);
        if (result.NotFound) return NotFound();
        return await AfterAsync(result.Succeeded, result.Errors);
    }

    private async Task<IActionResult> AfterAsync(bool succeeded, IReadOnlyList<Core.Common.FieldError> errors)
    {
        if (succeeded) return RedirectToPage();
        ModelState.AddFieldErrors(errors, prefix: "");
        foreach (var e in errors) ModelState.AddModelError("", e.Text);
        Categories = await store.ListCategoriesAsync();
        return this.Refused();
    }
}
