using EngagementHub.Core.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EngagementHub.Web.Identity;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token, so no link or image on another site can sign anyone out.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async Task<IResult> (HttpContext context, [FromServices] SignInManager<ApplicationUser> signIn) =>
        {
            // The antiforgery middleware only records its verdict; an endpoint that binds no form must read it itself.
            if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
            {
                return TypedResults.BadRequest("Sign-out needs the form from an EngagementHub page.");
            }

            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/login?signedOut=true");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return endpoints;
    }
}
