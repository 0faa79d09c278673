using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;

namespace EngagementHub.Core.Deadlines;

/// <summary>
/// Dates that the features above Deadlines store and count in working days (a referrer's feedback on a work programme
/// issue), so that a change of the bank holidays moves them as it moves response deadlines: in the same preview, the
/// same transaction, with a note of why and a notice. Declared here for <see cref="BankHolidayCalendar"/>, implemented
/// by the feature that owns the date (ADR 0019's ports) and registered in <c>AddEngagementHubCore</c>.
/// </summary>
public interface IRecountedDates
{
    /// <summary>
    /// Works out which of the feature's stored dates the change from <paramref name="before"/> to <paramref name="after"/>
    /// moves: each is counted again, the same number of working days from the same day, and a date already met (the
    /// feedback given) keeps the date it was met against. With <paramref name="apply"/>, changes the rows tracked by
    /// <paramref name="db"/>, with each one's note, and adds the notices, all for the caller's one save as
    /// <paramref name="actor"/>; without it, changes nothing.
    /// </summary>
    /// <param name="db">The holiday change's context: what <paramref name="apply"/> changes is saved with the change.</param>
    /// <param name="actor">The administrator changing the holidays, who is told nothing of it.</param>
    /// <param name="before">The working days the dates were counted on.</param>
    /// <param name="after">The working days after the change (Monday to Friday, not a bank holiday).</param>
    /// <param name="because">Given the day counting starts from and the old and new UK dates, why it moved, e.g. "bank
    /// holiday Mon 16 Nov 2026 (…) was added".</param>
    /// <param name="apply">True to move the dates (with notes and notices); false for the admin's preview.</param>
    /// <param name="ct">Cancels the reads.</param>
    /// <returns>The dates that move, with their UK dates before and after.</returns>
    Task<IReadOnlyList<MovedDeadline>> RecountAsync(
        EngagementHubDbContext db, Actor actor, WorkingDayCalendar before, WorkingDayCalendar after, Func<DateOnly, DateOnly, DateOnly, string> because,
        bool apply, CancellationToken ct);
}
