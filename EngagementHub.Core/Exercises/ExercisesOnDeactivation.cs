using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Exercises;

/// <summary>
/// A deactivated commissioner leads exercises whose joint-working option still waits on it
/// (<see cref="EngagementExercise.OptionWaitsOn"/>): the option can no longer be agreed with it, so the LINk of each is
/// told, with what it can do (<see cref="ExerciseNotices.LeadDeactivatedAsync"/>, 2026-12-02). Nothing on the exercise
/// changes: only the LINk's move to another lead (ADR 11) or a cancelling settles it. A deactivated LINk likewise
/// leaves the option of each of its exercises that waits on it unagreeable: the lead commissioner is told
/// (<see cref="ExerciseNotices.LinkDeactivatedAsync"/>).
/// </summary>
public sealed class ExercisesOnDeactivation : IOrganisationDeactivation
{
    /// <summary>
    /// Adds, for each exercise led by <paramref name="organisation"/> whose option is not agreed and still waits on the
    /// commissioner's side, in id order, the LINk's notice, then, for each exercise with <paramref name="organisation"/>
    /// as its LINk whose option waits on the LINk's side, the lead commissioner's notice; exercises closed, cancelled or agreed, those the option waits
    /// on the LINk for, and those the organisation takes part in without leading are left alone. Adds to
    /// <paramref name="db"/> without saving.
    /// </summary>
    /// <param name="db">The deactivation's context, saved by the caller with the organisation.</param>
    /// <param name="actor">The administrator deactivating it (the caller checked the right); not told.</param>
    /// <param name="organisation">The organisation being deactivated.</param>
    /// <param name="now">The moment of the deactivation (UTC).</param>
    /// <param name="ct">Cancels the reads; nothing is saved.</param>
    /// <returns>A task that completes once every notice is added. Refuses nobody: the directory checked the administrator.</returns>
    public async Task OrganisationDeactivatedAsync(EngagementHubDbContext db, Actor actor, Organisation organisation, DateTimeOffset now, CancellationToken ct = default)
    {
        // One read for both sides: an organisation is a lead commissioner or a LINk, never both on one exercise.
        var waiting = await db.Exercises.AsNoTracking().Include(e => e.Proposals).AsSplitQuery()
            .Where(EngagementExercise.OptionMayChange)
            .Where(e => (e.LeadCommissionerId == organisation.Id || e.LinkOrganisationId == organisation.Id) && e.AgreementStatus != AgreementStatus.Agreed)
            .OrderBy(e => e.Id).ToListAsync(ct);
        foreach (var exercise in waiting.Where(e => e.LeadCommissionerId == organisation.Id && e.OptionWaitsOn(AgreementSide.Commissioner)))
        {
            await ExerciseNotices.LeadDeactivatedAsync(db, actor, exercise, organisation.Name, now, ct);
        }

        foreach (var exercise in waiting.Where(e => e.LinkOrganisationId == organisation.Id && e.OptionWaitsOn(AgreementSide.Link)))
        {
            await ExerciseNotices.LinkDeactivatedAsync(db, actor, exercise, organisation.Name, now, ct);
        }
    }
}
