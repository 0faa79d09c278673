using EngagementHub.Core.Identity;

namespace EngagementHub.Core.Organisations;

/// <summary>
/// Whom a person acts for, where the answer depends on the kind of their own organisation. The features' questions
/// ("may this person log a deadline?") are asked of their services, which answer through these, so the server's check
/// and the page that shows or hides a button give the same answer (docs/conventions.md, "Questions of permission").
/// </summary>
public static class ActingFor
{
    /// <summary>Does the person act for the LINk, as an editor or administrator of it?</summary>
    /// <param name="actor">The person asking, as signed in.</param>
    /// <param name="actorOrganisationKind">The kind of the actor's own organisation; null when they have none.</param>
    /// <returns>True when the actor is an editor or administrator acting for their own organisation and it is the LINk;
    /// false for a viewer, for anyone of another kind of organisation, without one, or the system.</returns>
    public static bool TheLink(Actor actor, OrganisationKind? actorOrganisationKind) =>
        actorOrganisationKind == OrganisationKind.Link && actor.OrganisationId is { } own && OrganisationAccess.CanActFor(actor, own);
}
