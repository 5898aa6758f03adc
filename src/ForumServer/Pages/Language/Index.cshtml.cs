using ForumServer.Core.Localization;
using ForumServer.Http;
using ForumServer.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Language;

/// <summary>A visitor picks the language of the pages; the only place the language cookie is written.</summary>
[ForumServer.Accounts.AllowWhileSuspended]
public sealed class IndexModel(TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public bool Remember { get; set; }

    public string Current => Texts.CurrentLanguage;

    public void OnGet() { }

    public IActionResult OnPost()
    {
        if (Texts.Supported(Language) is not { } language || language != Language)
        {
            ModelState.AddModelError(nameof(Language), Texts.T("Choose English, Italiano or Deutsch."));
            return this.Refused();
        }
        LanguageCookie.Write(Response, language, Remember, time.GetUtcNow());
        return LocalRedirect(ForumServer.Security.LocalUrl.OrElse(ReturnUrl));
    }
}
