using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Exercises;

/// <summary>What follows from a change to who agrees an exercise (ADR 0011).</summary>
public static class ExerciseAgreement
{
    /// <summary>
    /// Adds an in-app notification for every active editor and admin of the previous and of the new lead commissioner
    /// of <paramref name="exercise"/>, to the context's pending changes, so they are saved in the same transaction as
    /// the move. Adds nothing when neither organisation has such a person.
    /// </summary>
    /// <param name="reopened">Whether the move reopened agreement of the joint-working option.</param>
    public static async Task NotifyLeadChangedAsync(
        EngagementHubDbContext db, EngagementExercise exercise, int previousLeadId, bool reopened, Actor actor, DateTimeOffset at, CancellationToken ct = default)
    {
        var newLeadId = exercise.LeadCommissionerId;
        var names = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == previousLeadId || o.Id == newLeadId)
            .ToDictionaryAsync(o => o.Id, o => UntrustedText.Isolate(o.Name), ct);
        var recipients = await db.Users.AsNoTracking()
            .Where(u => (u.OrganisationId == previousLeadId || u.OrganisationId == newLeadId)
                        && (u.Role == UserRole.Editor || u.Role == UserRole.Admin) && !u.IsDisabled)
            .Select(u => u.Id)
            .ToListAsync(ct);
        var (from, to) = (names.GetValueOrDefault(previousLeadId, "the previous commissioner"), names.GetValueOrDefault(newLeadId, "another commissioner"));
        var title = UntrustedText.Isolate(exercise.Title);
        var body = $"{UntrustedText.Isolate(actor.DisplayName)} moved the exercise \"{title}\" from {from} to {to}."
                   + (reopened
                       ? $" The joint-working option is no longer agreed: what {from} agreed does not bind {to}, so it now awaits {to}'s agreement."
                       : "");
        db.Notifications.AddRange(recipients.Select(id =>
            new Notification(id, $"Exercise moved to {to}: {title}", body, $"/exercises/{exercise.Id}", at)));
    }

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
