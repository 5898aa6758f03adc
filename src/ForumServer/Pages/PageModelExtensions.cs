using ForumServer.Core.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ForumServer.Pages;

public static class ModelStateExtensions
{
    /// <summary>Shows domain errors beside the form fields they name (prefix is the bound input's name).</summary>
    public static void AddFieldErrors(this ModelStateDictionary modelState, IEnumerable<FieldError> errors, string prefix = "Input")
    {
        foreach (var error in errors)
            modelState.AddModelError(string.IsNullOrEmpty(error.Field) ? "" : $"{prefix}.{error.Field}", error.Text);
    }
}
