using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.WorkProgramme;

/// <summary>
/// Reminds the LINk's people of feedback owed to the referrer of a decided issue: a few working days before it is due,
/// on the day, and once when it is late. Called by the reminder sweep (<c>Reminders.ReminderSweep</c>), so it runs on
/// the same schedule and is held on weekends and bank holidays like the deadline reminders (ADR 0022).
/// </summary>
/// <remarks>
/// The referrer is outside every organisation, so a <see cref="ResponseDeadline"/> (which belongs to a recipient
/// organisation and its contact) and its delivery log do not fit. Each reminder is recorded on the issue under its key
/// by a conditional update before its notices are added, in one transaction: only the run whose update changed the row
/// records them, so a retry or a second node never repeats one.
/// </remarks>
/// <remarks>
/// The conditional update also re-checks, at the time of writing, that the feedback is still owed, still due on the
/// date read, and owed by a LINk still active (ADR 6): an issue whose feedback was given, whose due date a bank holiday
/// change moved, or whose LINk was deactivated, between the read and the write gets no reminder from that read. A
/// deactivated LINk's issues are not reminded of until it is reactivated. The update holds the row to the commit, so a change saved meanwhile
/// waits for it; a moved date is reminded of by the next sweep.
/// </remarks>
public static class FeedbackReminders
{
    /// <summary>How many working days before the feedback is due the first reminder goes out.</summary>
    public const int WorkingDaysBefore = 5;

    /// <returns>The reminder step due on <paramref name="today"/> for feedback due on <paramref name="due"/>, or null.</returns>
    public static string? StepOn(DateOnly due, DateOnly today, WorkingDayCalendar calendar) =>
        due < today ? "late"
        : due == today ? "due"
        : calendar.AddWorkingDays(today, WorkingDaysBefore) >= due ? "soon"
        : null;

    /// <summary>
    /// Records the reminders that came due on <paramref name="today"/> (UK date), once each, and only for feedback still
    /// owed and due on the date read when they are recorded. Refuses nobody (the reminder sweep runs it as the system).
    /// </summary>
    /// <returns>How many issues were reminded of.</returns>
    /// <exception cref="System.Data.Common.DbException">The database failed; what was not committed is recorded by the next sweep.</exception>
    public static async Task<int> RemindAsync(EngagementHubDbContext db, WorkingDayCalendar calendar, DateOnly today, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!calendar.IsWorkingDay(today))
        {
            return 0;
        }

        var horizon = calendar.AddWorkingDays(today, WorkingDaysBefore);
        var owed = await db.RaisedIssues.AsNoTracking()
            .Where(i => i.Step == IssueStep.Decided && i.FeedbackDue != null && i.FeedbackDue <= horizon
                        && db.Organisations.Any(o => o.Id == i.LinkOrganisationId && o.IsActive))
            .OrderBy(i => i.Id)
            .ToListAsync(ct);
        var reminded = 0;
        foreach (var issue in owed)
        {
            if (StepOn(issue.FeedbackDue!.Value, today, calendar) is not { } step)
            {
                continue;
            }

            var key = $"{step}@{issue.FeedbackDue:yyyy-MM-dd}";
            if (issue.FeedbackReminderKey == key)
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.RaisedIssues
                .Where(i => i.Id == issue.Id && (i.FeedbackReminderKey == null || i.FeedbackReminderKey != key)
                            // Still owed (RaisedIssue.FeedbackOwed), due on the date read, and by a LINk still active (ADR 6).
                            && i.Step == IssueStep.Decided && i.ConsentToContact && i.FeedbackDue == issue.FeedbackDue
                            && db.Organisations.Any(o => o.Id == i.LinkOrganisationId && o.IsActive))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.FeedbackReminderKey, key), ct);
            if (claimed == 0)
            {
                continue;
            }

            await WorkProgrammeNotices.IssueFeedbackDueAsync(db, issue, step switch { "late" => "overdue", "due" => "due today", _ => "due soon" }, now, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            reminded++;
        }

        return reminded;
    }
}
