using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;

namespace ForumServer.Live;

/// <summary>
/// Renders a page partial (e.g. <c>/Pages/Forum/_Posts.cshtml</c>) to a string, so live messages and catch-up
/// fragments carry the very markup the pages show instead of a second copy of it.
/// </summary>
public sealed class PartialRenderer(IRazorViewEngine engine, ITempDataProvider tempData, IModelMetadataProvider metadata, IServiceProvider services)
{
    /// <summary>Renders outside any request (as an anonymous reader sees it) unless a request is given.</summary>
    public async Task<string> RenderAsync<TModel>(string viewPath, TModel model, HttpContext? request = null)
    {
        // Outside a request, a scope of its own: resolving the views' scoped services (buffers, tag helpers) from the
        // root provider serialized every render on the root's lock and kept what they allocated for the process's life.
        await using var scope = request is null ? services.CreateAsyncScope() : (AsyncServiceScope?)null;
        var http = request ?? new DefaultHttpContext { RequestServices = scope!.Value.ServiceProvider };
        var actionContext = new ActionContext(http, http.GetRouteData(), new ActionDescriptor());
        var found = engine.GetView(executingFilePath: null, viewPath, isMainPage: false);
        if (!found.Success) throw new InvalidOperationException($"Partial {viewPath} was not found.");

        await using var writer = new StringWriter();
        var viewData = new ViewDataDictionary<TModel>(metadata, new ModelStateDictionary()) { Model = model };
        var context = new ViewContext(actionContext, found.View, viewData, new TempDataDictionary(http, tempData), writer, new HtmlHelperOptions());
        await found.View.RenderAsync(context);
        return writer.ToString().Trim();
    }
}
