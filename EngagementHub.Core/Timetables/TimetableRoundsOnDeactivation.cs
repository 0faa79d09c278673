using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Timetables;

/// <summary>
/// A deactivated organisation leaves every year's round still out for agreement that awaits it
/// (<see cref="AnnualTimetable.LeaveRound"/>, ADR 7, 2026-12-02), so no year stays "proposed" for an organisation that
/// can no longer agree; the others are told (<see cref="TimetableNotices.OrganisationLeftRoundAsync"/>).
/// </summary>
public sealed class TimetableRoundsOnDeactivation : IOrganisationDeactivation
{
    /// <summary>
    /// Takes <paramref name="organisation"/> out of each year out for agreement that still awaits it, in year order, and
    /// adds the notices of what became of each round; an agreement it already gave stands. Adds to <paramref name="db"/>
    /// without saving.
    /// </summary>
    /// <param name="db">The deactivation's context, saved by the caller with the organisation.</param>
    /// <param name="actor">The administrator deactivating it (the caller checked the right); not told.</param>
    /// <param name="organisation">The organisation being deactivated.</param>
    /// <param name="now">The moment of the deactivation (UTC).</param>
    /// <param name="ct">Cancels the reads; nothing is saved.</param>
    /// <returns>A task that completes once every round is settled. Refuses nobody: the directory checked the administrator.</returns>
    public async Task OrganisationDeactivatedAsync(EngagementHubDbContext db, Actor actor, Organisation organisation, DateTimeOffset now, CancellationToken ct = default)
    {
        // A handful of rows (one per year), filtered here: the taking-part list is a stored collection.
        var open = await db.AnnualTimetables.Include(t => t.Agreements)
            .Where(t => t.Status == TimetableStatus.Proposed).OrderBy(t => t.Year).ToListAsync(ct);
        foreach (var timetable in open)
        {
            var left = timetable.LeaveRound(organisation.Id, organisation.Name, now);
            if (left != RoundLeaving.NotAwaited)
            {
                await TimetableNotices.OrganisationLeftRoundAsync(db, actor, timetable, left, organisation.Name, now, ct);
            }
        }
    }
}
