using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Exercises;

/// <summary>What follows from a change to who agrees an exercise (ADR 0011).</summary>
public static class ExerciseAgreement
{
    /// <summary>
    /// At start-up: exercises saved as proposed although both sides had agreed their option (before the state followed
    /// the agreement) become agreed, recorded in the audit log as a system change. Returns how many changed.
    /// </summary>
    public static async Task<int> ReconcileStatesAsync(EngagementHubDbContext db, CancellationToken ct = default)
    {
        var stale = await db.Exercises
            .Where(e => e.State == ExerciseState.Proposed && e.AgreementStatus == AgreementStatus.Agreed)
            .ToListAsync(ct);
        var changed = stale.Count(e => e.ReconcileStateWithAgreement());
        if (changed > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return changed;
    }
}
