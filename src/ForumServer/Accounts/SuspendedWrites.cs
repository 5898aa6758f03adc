using ForumServer.Core.Localization;
using ForumServer.Http;
using ForumServer.Pages;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.SignalR;

namespace ForumServer.Accounts;

/// <summary>Marks a page or endpoint a suspended member may still post to (sign-out, the language pick).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowWhileSuspendedAttribute : Attribute;

/// <summary>
/// Every write of a signed-in member (any POST, PUT, PATCH or DELETE: pages, media, lists) checks the stored member,
/// not the sign-in cookie, which keeps working until the security stamp is next validated (up to 30 s after a
/// suspension). A suspended or removed member gets 403 with a page that says why; nothing is written.
/// </summary>
public static class SuspendedWrites
{
    public static void UseSuspendedWriteCheck(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            if (IsWrite(context) && context.User.Identity?.IsAuthenticated == true
                && context.Features.Get<IStatusCodeReExecuteFeature>() is null
                && context.GetEndpoint() is { } endpoint
                && endpoint.Metadata.GetMetadata<AllowWhileSuspendedAttribute>() is null
                && endpoint.Metadata.GetMetadata<HubMetadata>() is null)
            {
                var member = await context.RequestServices.GetRequiredService<CurrentMember>().GetAsync();
                var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                if (member is null || member.IsSuspended(now))
                {
                    ErrorDetail.Set(context, member is null
                        ? Texts.T("This account no longer exists. Sign out and sign in again.")
                        : Texts.T("Your account is suspended, so you cannot post or change anything. You can still sign out."));
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }
            }
            await next();
        });

    private static bool IsWrite(HttpContext context) =>
        !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
          || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method));
}
