using EngagementHub.Core.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace EngagementHub.Web.Identity;

/// <summary>
/// The signed-in person as an <see cref="Actor"/>, read on the server from the circuit's authentication state —
/// never from anything the browser sends — for components to hand to Core's services. A circuit outlives the request
/// that started it, so the session behind it is checked each time: once it has ended (signed out elsewhere, or an
/// administrator disabled, moved or re-roled the person, or deactivated their organisation), the circuit acts for nobody.
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, DatabaseTicketStore? sessions = null)
{
    /// <returns>The person, or null when nobody is signed in or their session has ended.</returns>
    public async Task<Actor?> FindAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return sessions is not null && !await sessions.IsOpenAsync(user) ? null : Actor.FromPrincipal(user);
    }

    /// <exception cref="AccessDeniedException">Nobody is signed in, or the session has ended.</exception>
    public async Task<Actor> GetAsync() =>
        await FindAsync() ?? throw new AccessDeniedException("Your session has ended. Sign in again to continue.");
}
