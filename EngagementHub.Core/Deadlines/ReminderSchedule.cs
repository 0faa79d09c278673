using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Deadlines;

/// <summary>
/// The deadlines' side of the reminder sweep: the keys its deliveries are recorded under, and having it plan many open
/// deadlines again after a change that moves their reminders.
/// </summary>
public static class ReminderSchedule
{
    /// <summary>
    /// Sets <see cref="ResponseDeadline.NextReminderOn"/> of the open ones among <paramref name="deadlines"/> to
    /// <paramref name="today"/> where it was later (or missing), in one statement that bypasses the audit (the date says
    /// nothing to a reader), and renews their <see cref="ResponseDeadline.ReminderPlanToken"/>: a sweep that read one of
    /// them before this change then finds it changed and does not move its date on from what it planned with the old
    /// calendar or settings. Their <see cref="ResponseDeadline.Version"/> stays: nothing on the deadline changed, so a person
    /// with its page open is not refused a save over it, nor told that whoever last edited it changed it (ADR 3).
    /// Used when the bank holidays change (they move "days before" and overdue reminders even where the due date stays)
    /// and when a kind's reminder settings change.
    /// </summary>
    /// <returns>How many deadlines were marked.</returns>
    public static Task<int> PlanAgainAsync(IQueryable<ResponseDeadline> deadlines, DateOnly today, CancellationToken ct = default)
    {
        var token = Guid.NewGuid();
        return deadlines.Where(ResponseDeadline.Open)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.NextReminderOn, d => d.NextReminderOn != null && d.NextReminderOn < today ? d.NextReminderOn : today)
                .SetProperty(d => d.ReminderPlanToken, token), ct);
    }

    /// <summary>
    /// The delivery key of a reminder step (<see cref="ReminderPlanner"/>) in the reminder sweep's log: the plain step for
    /// the due date the deadline was logged with, the step and the due date (e.g. "due@2022-09-29") for any other.
    /// </summary>
    public static string KeyFor(string step, DateOnly dueDate, DateOnly loggedDueDate) => KeyFor(step, dueDate, dueDate == loggedDueDate);

    /// <summary>As <see cref="KeyFor(string, DateOnly, DateOnly)"/>, told whether the due date is the logged one.</summary>
    internal static string KeyFor(string step, DateOnly dueDate, bool asLogged) =>
        asLogged ? step : $"{step}@{dueDate:yyyy-MM-dd}";

    /// <summary>
    /// True when a recorded delivery key still speaks of the deadline's current due date; false for one planned before
    /// the date moved (an extension, or a recount after the bank holidays changed), which must not go out.
    /// </summary>
    public static bool IsForDueDate(string key, DateOnly dueDate, DateOnly loggedDueDate)
    {
        var at = key.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? dueDate == loggedDueDate : key[(at + 1)..] == dueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }
}
