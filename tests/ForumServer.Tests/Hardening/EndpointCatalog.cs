using System.Text.RegularExpressions;
using ForumServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ForumServer.Tests.Hardening;

/// <summary>One way to call a state-changing endpoint: method, concrete URL, and where it came from.</summary>
public sealed record StateChangingEndpoint(string Method, string Url, string Pattern, string Handler, IReadOnlyList<object> Metadata)
{
    public override string ToString() => $"{Method} {Url}";
}

/// <summary>Every state-changing endpoint the app has, read from its endpoint data source, not from a hand-kept list.</summary>
public static partial class EndpointCatalog
{
    public static async Task<IReadOnlyList<StateChangingEndpoint>> ListAsync(ForumApp app, IReadOnlyDictionary<string, string> sampleRouteValues)
    {
        var sources = app.Services.GetServices<EndpointDataSource>();
        var loader = app.Services.GetRequiredService<PageLoader>();
        var found = new List<StateChangingEndpoint>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var url = Fill(pattern, sampleRouteValues);
            var page = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            if (page is not null)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods.Where(h => !string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)))
                {
                    var target = handler.Name is null ? url : url + (url.Contains('?') ? "&" : "?") + "handler=" + handler.Name;
                    found.Add(new(handler.HttpMethod.ToUpperInvariant(), target, pattern, $"{page.ViewEnginePath}:{handler.Name ?? "(default)"}", endpoint.Metadata.ToList()));
                }
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var method in methods.Where(m => m is not "GET" and not "HEAD" and not "OPTIONS"))
                found.Add(new(method, url, pattern, endpoint.DisplayName ?? pattern, endpoint.Metadata.ToList()));
        }
        return found.DistinctBy(e => (e.Method, e.Url)).ToList();
    }

    private static string Fill(string pattern, IReadOnlyDictionary<string, string> values) =>
        Parameter().Replace(pattern, m =>
        {
            var name = m.Groups["name"].Value;
            var optional = m.Value.Contains('?');
            return values.TryGetValue(name, out var v) ? v : optional ? "" : "1";
        }).Replace("//", "/").TrimEnd('/') is { Length: > 0 } s ? s : "/";

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();
}
