using Microsoft.Extensions.Logging;

namespace EngagementHub.Core.Identity;

/// <summary>
/// The one server-side answer to "may this person act for organisation X?" and "may they administer the partnership?".
/// Every feature's service calls it before changing anything; every refusal is logged.
/// </summary>
/// <remarks>
/// An admin administers organisations and users, but acts in the domain (agreeing an option, answering a deadline)
/// only for their own organisation, like anyone else: administering the system is not speaking for a commissioner.
/// </remarks>
public sealed class OrganisationAccess(ILogger<OrganisationAccess> logger)
{
    /// <summary>
    /// Whether the person is an editor or admin of that organisation (never the system actor). The actor comes from an
    /// open session, which only an account that may use the app has (<c>Organisations/AccountStanding</c>): a member of a
    /// deactivated organisation, like a disabled person, has none, and the web app's <c>CurrentActor</c> reads the
    /// session and account afresh for every action.
    /// </summary>
    /// <returns>True when they may act for it; a question, it logs and refuses nothing (the Ensure methods do).</returns>
    public static bool CanActFor(Actor actor, int organisationId) =>
        !actor.IsSystem && actor.Role is UserRole.Editor or UserRole.Admin && actor.OrganisationId == organisationId;

    /// <summary>Whether the person administers the partnership's organisations, users and reference data.</summary>
    /// <returns>True for an administrator; a question, it logs and refuses nothing.</returns>
    public static bool CanAdminister(Actor actor) => actor.IsAdmin;

    /// <summary>Refuses (and logs) an action for an organisation the actor does not act for.</summary>
    /// <param name="actor">The person acting.</param>
    /// <param name="organisationId">The organisation the action is for.</param>
    /// <param name="action">What they tried, for the log, e.g. "answer a deadline".</param>
    /// <exception cref="AccessDeniedException">The actor may not act for the organisation.</exception>
    public void EnsureCanActFor(Actor actor, int organisationId, string action)
    {
        if (!CanActFor(actor, organisationId))
        {
            var refusal = Refusal.NotActingFor(organisationId, action);
            Deny(actor, refusal.Action, refusal.Target);
            throw new AccessDeniedException(refusal.Message);
        }
    }

    /// <summary>Refuses (and logs) an administrative action by someone who is not an admin.</summary>
    /// <param name="actor">The person acting.</param>
    /// <param name="action">What they tried, for the log, e.g. "add a bank holiday".</param>
    /// <exception cref="AccessDeniedException">The actor is not an administrator.</exception>
    public void EnsureAdministrator(Actor actor, string action)
    {
        if (!CanAdminister(actor))
        {
            Deny(actor, action, "administration");
            throw new AccessDeniedException("Only an administrator can do this.");
        }
    }

    /// <summary>Records a refusal decided elsewhere (e.g. by an authorisation policy at the HTTP edge).</summary>
    public void Deny(Actor? actor, string action, string target) =>
        logger.LogWarning(
            "Access denied: {UserId} ({Role}, organisation {OrganisationId}) tried to {Action} on {Target}",
            actor?.UserId ?? "anonymous", actor?.Role.ToString() ?? "none", actor?.OrganisationId, action, target);
}
