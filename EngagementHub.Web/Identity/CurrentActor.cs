using EngagementHub.Core.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace EngagementHub.Web.Identity;

/// <summary>
/// The signed-in person as an <see cref="Actor"/>, read on the server from the circuit's authentication state —
/// never from anything the browser sends — for components to hand to Core's services.
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication)
{
    public async Task<Actor?> FindAsync() => Actor.FromPrincipal((await authentication.GetAuthenticationStateAsync()).User);

    public async Task<Actor> GetAsync() =>
        await FindAsync() ?? throw new AccessDeniedException("Your session has ended. Sign in again to continue.");
}
