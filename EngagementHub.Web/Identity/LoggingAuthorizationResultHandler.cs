using EngagementHub.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace EngagementHub.Web.Identity;

/// <summary>Logs every request an authorisation policy forbids, then lets the default handler answer it.</summary>
public sealed class LoggingAuthorizationResultHandler(OrganisationAccess access) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            access.Deny(Actor.FromPrincipal(context.User), $"{context.Request.Method} {context.Request.Path}", "a protected page");
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
