using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;

namespace EngagementHub.Core.Organisations;

/// <summary>
/// What a feature in a layer above does when an organisation is deactivated, so that nothing is left waiting on an
/// organisation whose people can no longer sign in (ADR 7, 2026-12-02): an agreement it is still awaited for is settled
/// without it, and the others are told; what cannot be settled without it (an exercise's option, a deadline's answer, a
/// review round or action) stays as it is, and its other side is told what it can still do.
/// <see cref="OrganisationDirectory.SetActiveAsync"/> calls every one registered inside the deactivation's own save, so
/// the organisation, what its leaving changes and the notices land together or not at all.
/// </summary>
public interface IOrganisationDeactivation
{
    /// <summary>
    /// Changes, through each entity's own behaviour and with the step's notices, what awaited <paramref name="organisation"/>,
    /// or adds the notices of what still waits on it; adds to <paramref name="db"/> without saving.
    /// </summary>
    /// <param name="db">The deactivation's context; the caller saves it, with the organisation, in one transaction.</param>
    /// <param name="actor">The administrator deactivating it.</param>
    /// <param name="organisation">The organisation, already marked deactivated, not yet saved.</param>
    /// <param name="now">The moment of the deactivation (UTC).</param>
    /// <param name="ct">Cancels the reads; nothing is saved.</param>
    Task OrganisationDeactivatedAsync(EngagementHubDbContext db, Actor actor, Organisation organisation, DateTimeOffset now, CancellationToken ct = default);
}
