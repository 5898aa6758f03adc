using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ForumServer.Security;

/// <summary>
/// The <c>ForwardedHeaders</c> section: which reverse proxies may say, with X-Forwarded-For and X-Forwarded-Proto,
/// who the client is and that it came over https. Empty (the default) trusts nobody, not even loopback.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of proxies whose forwarded headers count, e.g. "10.0.0.5" or "::1".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies in CIDR form, e.g. "10.0.0.0/8".</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a chain are read from the right of X-Forwarded-For.</summary>
    public int ForwardLimit { get; set; } = 1;

    /// <summary>Names the entries that are not an address or a network, for the start-up check.</summary>
    public IEnumerable<string> Invalid() =>
        KnownProxies.Where(p => !IPAddress.TryParse(p, out _)).Concat(KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)));
}

public static class TrustedProxies
{
    public static void AddTrustedProxies(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrustedProxyOptions>().BindConfiguration(TrustedProxyOptions.Section)
            .Validate(o => !o.Invalid().Any(), "ForwardedHeaders:KnownProxies must be IP addresses and KnownNetworks CIDR networks (e.g. 10.0.0.0/8).")
            .Validate(o => o.ForwardLimit is >= 1 and <= 10, "ForwardedHeaders:ForwardLimit must be between 1 and 10.")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((o, trusted) =>
        {
            // With both lists empty the middleware would trust every sender, so then it reads no header at all.
            var any = trusted.Value.KnownProxies.Count + trusted.Value.KnownNetworks.Count > 0;
            o.ForwardedHeaders = any ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            o.ForwardLimit = trusted.Value.ForwardLimit;
            // The framework trusts loopback by default; only what the operator lists counts here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.Value.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in trusted.Value.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
    }

    /// <summary>
    /// Forwarded headers from trusted proxies only, then every cookie marked Secure when the request is https (directly
    /// or as a trusted proxy says). Goes first, so the client address and scheme are right for everything after.
    /// </summary>
    public static void UseTrustedProxies(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.SameAsRequest });
    }
}
