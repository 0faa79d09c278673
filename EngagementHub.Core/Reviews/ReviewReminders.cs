using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Reviews;

/// <summary>
/// The joint reviews' reminders, run by the reminder sweep: a round closing within <see cref="DaysBefore"/> calendar days reminds
/// the sides still to submit (not on a round kept as a duplicate of its year's first, which nobody is asked to rate, nor
/// on one that can no longer go on, <see cref="ReviewRound.CannotGoOn"/>);
/// an agreed action reminds its owner when it comes within <see cref="DaysBefore"/> calendar days of its
/// due date and again once it is overdue, until it is marked done.
/// </summary>
/// <remarks>
/// Sent once, on any number of nodes: each reminder first sets its marker on the row (the round's or action's
/// "reminded for" date) with a conditional update, and only the run whose update changed the row records the notices,
/// in the same transaction. A new due or closing date is a new marker, so it is reminded of in turn. Held on weekends
/// and bank holidays, like the deadline reminders.
/// </remarks>
/// <remarks>
/// The conditional update also re-checks, at the time of writing, what the reminder was read for (ADR 6): a round still
/// closing on the date read with the same sides' submissions still awaited and still able to go on (no side still to
/// submit that is one organisation deactivated, <see cref="ReviewRound.CannotGoOn"/>), an action still not done, still
/// due on the date read and owned by an organisation still active. One submitted, done, moved or deactivated between the
/// read and the write gets no reminder from that read; the update holds the row to the commit, so a change saved
/// meanwhile waits for it, and a moved date is reminded of by the next sweep in turn. An action whose owner organisation
/// is deactivated is not reminded of (its deactivation told the other side, ADR 23) until it is reactivated.
/// </remarks>
public static class ReviewReminders
{
    /// <summary>How far ahead a closing date or an action's due date reminds: calendar days, not working days (unlike
    /// <see cref="WorkProgramme.FeedbackReminders.WorkingDaysBefore"/>).</summary>
    public const int DaysBefore = 5;

    /// <summary>
    /// Records the reminders that came due on <paramref name="today"/> (UK date), once each, and only for a round or action
    /// still as read when they are recorded. Refuses nobody (the reminder sweep runs it as the system).
    /// </summary>
    /// <returns>How many reminders (rounds and actions) were recorded.</returns>
    /// <exception cref="System.Data.Common.DbException">The database failed; nothing is recorded, and the next sweep tries again.</exception>
    public static async Task<int> RemindAsync(EngagementHubDbContext db, WorkingDayCalendar calendar, DateOnly today, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!calendar.IsWorkingDay(today))
        {
            return 0;
        }

        var soon = today.AddDays(DaysBefore);
        var rounds = await db.ReviewRounds.AsNoTracking()
            .Where(r => r.ClosesOn >= today && r.ClosesOn <= soon && (r.LinkSubmittedAt == null || r.CommissionersSubmittedAt == null)
                        && (r.ClosingRemindedFor == null || r.ClosingRemindedFor != r.ClosesOn)
                        // A round kept as a duplicate of the year's first (ReviewRound.DuplicateOfRoundId) is not the
                        // one the sides are asked to rate: the first round is, and is reminded.
                        && r.DuplicateOfRoundId == null)
            .ToListAsync(ct);
        var dueSoon = await db.ReviewActions.AsNoTracking()
            .Where(a => a.DoneOn == null && a.DueOn >= today && a.DueOn <= soon && (a.DueSoonRemindedFor == null || a.DueSoonRemindedFor != a.DueOn)
                        && db.Organisations.Any(o => o.Id == a.OwnerOrganisationId && o.IsActive))
            .ToListAsync(ct);
        var overdue = await db.ReviewActions.AsNoTracking()
            .Where(a => a.DoneOn == null && a.DueOn < today && (a.OverdueRemindedFor == null || a.OverdueRemindedFor != a.DueOn)
                        && db.Organisations.Any(o => o.Id == a.OwnerOrganisationId && o.IsActive))
            .ToListAsync(ct);
        if (rounds.Count + dueSoon.Count + overdue.Count == 0)
        {
            return 0;
        }

        var inactive = await db.Organisations.AsNoTracking().Where(o => !o.IsActive).Select(o => o.Id).ToListAsync(ct);
        var roundIds = dueSoon.Concat(overdue).Select(a => a.RoundId).Distinct().ToList();
        var years = await db.ReviewRounds.AsNoTracking().Where(r => roundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.FinancialYear, ct);
        var recorded = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A round that can no longer go on (one side's only organisation deactivated before it rated) asks nobody to rate
        // it: "My work" does not list it either, and its deactivation told the other side so.
        foreach (var round in rounds.Where(r => !r.CannotGoOn(inactive)).OrderBy(r => r.Id))
        {
            // Still closing on the date read, a first round, with the same sides' submissions awaited, and still able to go
            // on (each side still to submit that is one organisation, its LINk or its one commissioner, still active): a
            // side that submitted since the read is not asked to, nor is the other side of one deactivated since (ADR 6).
            var claimed = await db.ReviewRounds
                .Where(r => r.Id == round.Id && (r.ClosingRemindedFor == null || r.ClosingRemindedFor != round.ClosesOn)
                            && r.ClosesOn == round.ClosesOn && r.DuplicateOfRoundId == null
                            && r.LinkSubmittedAt == round.LinkSubmittedAt && r.CommissionersSubmittedAt == round.CommissionersSubmittedAt
                            && (r.LinkSubmittedAt != null || db.Organisations.Any(o => o.Id == r.LinkOrganisationId && o.IsActive))
                            && (r.CommissionersSubmittedAt != null || r.CommissionerOrganisationId == null
                                || db.Organisations.Any(o => o.Id == r.CommissionerOrganisationId && o.IsActive)))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.ClosingRemindedFor, round.ClosesOn), ct);
            if (claimed == 0)
            {
                continue;
            }

            // A round with all commissioners asks those active now, read in this transaction after the round was written.
            var commissioners = round.CommissionersSubmittedAt is null && round.CommissionerOrganisationId is null
                ? await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Commissioner && o.IsActive).Select(o => o.Id).ToListAsync(ct)
                : [];
            int[] waiting =
            [
                .. round.LinkSubmittedAt is null ? [round.LinkOrganisationId] : Array.Empty<int>(),
                .. round.CommissionersSubmittedAt is null ? round.CommissionerOrganisationId is { } c ? [c] : commissioners : [],
            ];
            await ReviewNotices.ClosingAsync(db, round, waiting, now, ct);
            recorded++;
        }

        foreach (var action in dueSoon.OrderBy(a => a.Id))
        {
            // Still not done, still due on the date read, and its owner organisation still active (ADR 6).
            var claimed = await db.ReviewActions
                .Where(a => a.Id == action.Id && (a.DueSoonRemindedFor == null || a.DueSoonRemindedFor != action.DueOn)
                            && a.DoneOn == null && a.DueOn == action.DueOn && db.Organisations.Any(o => o.Id == a.OwnerOrganisationId && o.IsActive))
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.DueSoonRemindedFor, action.DueOn), ct);
            if (claimed > 0)
            {
                await ReviewNotices.ActionDueAsync(db, action, years[action.RoundId], overdue: false, now, ct);
                recorded++;
            }
        }

        foreach (var action in overdue.OrderBy(a => a.Id))
        {
            // Still not done, still due on the date read, and its owner organisation still active (ADR 6).
            var claimed = await db.ReviewActions
                .Where(a => a.Id == action.Id && (a.OverdueRemindedFor == null || a.OverdueRemindedFor != action.DueOn)
                            && a.DoneOn == null && a.DueOn == action.DueOn && db.Organisations.Any(o => o.Id == a.OwnerOrganisationId && o.IsActive))
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.OverdueRemindedFor, action.DueOn), ct);
            if (claimed > 0)
            {
                await ReviewNotices.ActionDueAsync(db, action, years[action.RoundId], overdue: true, now, ct);
                recorded++;
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return recorded;
    }
}
