using ForumServer.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace ForumServer.Accounts;

/// <summary>
/// Staff pages check the stored member on every request: a suspended moderator's cookie keeps its roles until the
/// security stamp is next validated, and staff powers must end at the moment of suspension, not up to 30 s later.
/// </summary>
public sealed class NotSuspendedRequirement : IAuthorizationRequirement;

public sealed class NotSuspendedHandler(IServiceScopeFactory scopes, TimeProvider time) : AuthorizationHandler<NotSuspendedRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, NotSuspendedRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true) return;
        await using var scope = scopes.CreateAsyncScope();
        var member = await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().GetUserAsync(context.User);
        if (member is not null && !member.IsSuspended(time.GetUtcNow())) context.Succeed(requirement);
    }
}
