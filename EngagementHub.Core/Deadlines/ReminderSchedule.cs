using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Deadlines;

/// <summary>Has the reminder sweep plan many open deadlines again, after a change that moves their reminders.</summary>
public static class ReminderSchedule
{
    /// <summary>
    /// Sets <see cref="ResponseDeadline.NextReminderOn"/> of the open ones among <paramref name="deadlines"/> to
    /// <paramref name="today"/> where it was later (or missing), in one statement that bypasses the audit (the date says
    /// nothing to a reader), and renews their concurrency token: a sweep that read one of them before this change then
    /// finds it changed and does not move its date on from what it planned with the old calendar or settings.
    /// Used when the bank holidays change (they move "days before" and overdue reminders even where the due date stays)
    /// and when a kind's reminder settings change.
    /// </summary>
    /// <returns>How many deadlines were marked.</returns>
    public static Task<int> PlanAgainAsync(IQueryable<ResponseDeadline> deadlines, DateOnly today, CancellationToken ct = default)
    {
        var version = Guid.NewGuid();
        return deadlines.Where(ResponseDeadline.Open)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.NextReminderOn, d => d.NextReminderOn != null && d.NextReminderOn < today ? d.NextReminderOn : today)
                .SetProperty(d => d.Version, version), ct);
    }
}
