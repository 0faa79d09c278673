using EngagementHub.Core.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace EngagementHub.Web.Identity;

/// <summary>
/// The signed-in person as an <see cref="Actor"/>, read on the server from the circuit's authentication state —
/// never from anything the browser sends — for components to hand to Core's services. A circuit outlives the request
/// that started it, so the session behind it is checked each time: once it has ended (signed out elsewhere, or an
/// administrator disabled, moved or re-roled the person, or deactivated their organisation), the circuit acts for nobody.
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, OrganisationAccess access, DatabaseTicketStore? sessions = null)
{
    /// <returns>The person, or null when nobody is signed in or their session has ended. A question: it logs and
    /// refuses nothing (<see cref="GetAsync"/> does).</returns>
    public async Task<Actor?> FindAsync() => (await ReadAsync()).Acting;

    /// <summary>The person acting from an open page, whose session is checked now (ADR 4).</summary>
    /// <returns>The person, while their session is open.</returns>
    /// <exception cref="AccessDeniedException">Nobody is signed in, or the session has ended (logged, with the user, role
    /// and organisation the page was opened as, as every refusal is: ADR 4).</exception>
    public async Task<Actor> GetAsync()
    {
        var (acting, signedIn) = await ReadAsync();
        if (acting is null)
        {
            // The page still holds who opened it; the log names them, so an administrator can see that a person they
            // disabled, moved or re-roled (or whose organisation they deactivated) went on trying from an open page.
            access.Deny(signedIn, "act from a page opened before their session ended", "their ended session");
            throw new AccessDeniedException("Your session has ended. Sign in again to continue.");
        }

        return acting;
    }

    /// <returns>Who is acting (null once the session has ended), and who the circuit was signed in as.</returns>
    private async Task<(Actor? Acting, Actor? SignedIn)> ReadAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var signedIn = Actor.FromPrincipal(user);
        return (sessions is not null && !await sessions.IsOpenAsync(user) ? null : signedIn, signedIn);
    }
}
