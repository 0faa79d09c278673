using EngagementHub.Core.Identity;
using EngagementHub.Web.Components.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EngagementHub.Web.Identity;

public static class AccountEndpoints
{
    /// <summary>
    /// Sign-out is a POST with an antiforgery token, so no link or image on another site can sign anyone out. When the
    /// database cannot remove the session, the person is sent to their account page, which says they are still signed in.
    /// </summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async Task<IResult> (
            HttpContext context, [FromServices] SignInManager<ApplicationUser> signIn, [FromServices] ILogger<SignInManager<ApplicationUser>> logger) =>
        {
            // The antiforgery middleware only records its verdict; an endpoint that binds no form must read it itself.
            if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
            {
                return TypedResults.BadRequest("Sign-out needs the form from an EngagementHub page.");
            }

            try
            {
                await signIn.SignOutAsync();
            }
            catch (Exception failure) when (AppComponentBase.IsDatabaseFailure(failure))
            {
                // The stored session could not be removed, so the cookie still works: the person stays signed in and is
                // told so on their account page, rather than shown the error page or, worse, told they signed out.
                logger.LogError(failure, "Sign-out failed because the database could not remove the session");
                return TypedResults.LocalRedirect("~/account?signOutFailed=true");
            }

            return TypedResults.LocalRedirect("~/account/login?signedOut=true");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return endpoints;
    }
}
