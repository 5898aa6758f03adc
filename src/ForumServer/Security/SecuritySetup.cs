using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;

namespace ForumServer.Security;

/// <summary>The <c>RateLimits</c> section: how many form posts one client may make per minute.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Register, sign-in, password reset and other account forms.</summary>
    [Range(1, 100_000)]
    public int AccountPostsPerMinute { get; set; } = 10;

    /// <summary>New topics, replies and edits.</summary>
    [Range(1, 100_000)]
    public int ForumPostsPerMinute { get; set; } = 20;

    /// <summary>New topics, replies and edits by one signed-in member, whatever addresses they come from.</summary>
    [Range(1, 100_000)]
    public int ForumPostsPerMemberPerMinute { get; set; } = 20;
}

/// <summary>Marks a page whose POST handlers share a per-client rate limit. GETs are never limited.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RateLimitedPostsAttribute(string policy) : Attribute
{
    public const string Account = "account";
    public const string Forum = "forum";

    public string Policy { get; } = policy;
}

public static class SecuritySetup
{
    public static void AddSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<FormLimitOptions>().BindConfiguration(FormLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add<FormGuardFilter>(int.MinValue + 1));
        builder.AddTrustedProxies();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = ".forum.af";
            o.FormFieldName = "__af";
        });
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(PerClientAddress(), PerMember());
        });
    }

    /// <summary>Forum posts of one signed-in member (by the member id in the sign-in cookie), across all their addresses.</summary>
    private static PartitionedRateLimiter<HttpContext> PerMember() =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var marker = context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedPostsAttribute>();
            var member = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
            if (marker?.Policy != RateLimitedPostsAttribute.Forum || member is null || !HttpMethods.IsPost(context.Request.Method))
                return RateLimitPartition.GetNoLimiter("");
            var limits = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter("member:" + member, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.ForumPostsPerMemberPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });

    private static PartitionedRateLimiter<HttpContext> PerClientAddress() =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var marker = context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedPostsAttribute>();
            if (marker is null || !HttpMethods.IsPost(context.Request.Method))
                return RateLimitPartition.GetNoLimiter("");
            var limits = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value;
            var permits = marker.Policy == RateLimitedPostsAttribute.Account ? limits.AccountPostsPerMinute : limits.ForumPostsPerMinute;
            var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter($"{marker.Policy}:{client}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });

    /// <summary>Headers on every response: no inline script, no framing, no sniffing, no referrer leaks.</summary>
    public static void UseSecurityHeaders(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (!headers.ContainsKey("Content-Security-Policy"))
                    headers.ContentSecurityPolicy =
                        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; " +
                        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            await next();
        });
}
