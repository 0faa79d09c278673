using EngagementHub.Core.Common;

namespace EngagementHub.Core.Deadlines;

/// <summary>The kinds of reminder a deadline gets, in the order they come.</summary>
public enum ReminderStepKind
{
    /// <summary>N working days before the due date.</summary>
    BeforeDue,
    /// <summary>On the due date.</summary>
    OnDueDate,
    /// <summary>The first working day overdue.</summary>
    FirstOverdue,
    /// <summary>Every 5 working days after that while unanswered.</summary>
    WeeklyOverdue,
    /// <summary>To the LINk owner only: consider referral to the scrutiny committee.</summary>
    Escalation,
}

/// <summary>One reminder, under a key that is stable for its deadline (e.g. "before-5", "due", "overdue-week-2").</summary>
public sealed record ReminderStep(string Key, ReminderStepKind Kind, int WorkingDays)
{
    /// <summary>The escalation notice goes to the LINk owner alone; every other step also goes to the named contact.</summary>
    public bool OwnerOnly => Kind == ReminderStepKind.Escalation;
}

/// <summary>
/// Which reminders a deadline is due now. Pure: the same inputs always give the same steps, so a sweep can run as
/// often as it likes and the unique key of each step (recorded before sending) stops a second send.
/// </summary>
/// <remarks>
/// Two families: the chase (before the due date, on it, first day overdue, then weekly) and the escalation notice.
/// Only the latest step of each family that has come is returned: after downtime nobody gets a stale "due in 5
/// working days" once the due date has passed, only the reminder that is true today.
/// Nothing is returned on a weekend or bank holiday: a sweep then (the app back from downtime on a Saturday, or a
/// sweep on a holiday) records nothing, and what came due goes out once on the next working day, as that day's
/// latest step. Nothing unsent is lost, because the plan for any day already includes everything that came before it.
/// </remarks>
public static class ReminderPlanner
{
    public const int WorkingDaysBetweenOverdueReminders = 5;

    /// <summary>The reminder steps a deadline is due today: at most one of the chase and the escalation notice each.</summary>
    /// <param name="dueDate">The deadline's due date (UK calendar date), an agreed extension's when there is one.</param>
    /// <param name="state">The deadline's state; only an awaiting or acknowledged deadline gets reminders.</param>
    /// <param name="remindDaysBefore">Working days before the due date on which a reminder goes out (the kind's rule).</param>
    /// <param name="escalateAfterWorkingDays">Working days overdue at which the escalation notice goes; 0 for none.</param>
    /// <param name="calendar">The working days (Monday to Friday, not a bank holiday in England and Wales).</param>
    /// <param name="today">Today's UK calendar date (<see cref="Common.UkTime.Today(TimeProvider)"/>).</param>
    /// <param name="received">When given, before-due steps that would fall before the deadline began are dropped
    /// (a 3-working-day deadline gets no "5 days before" reminder).</param>
    /// <returns>
    /// The steps due, each under the key its delivery is recorded with; empty on a day that is not a working day, and
    /// for a deadline no longer awaiting or acknowledged.
    /// </returns>
    public static IReadOnlyList<ReminderStep> DueNow(
        DateOnly dueDate, DeadlineState state, IReadOnlyCollection<int> remindDaysBefore, int escalateAfterWorkingDays,
        WorkingDayCalendar calendar, DateOnly today, DateOnly? received = null)
    {
        if (state is not (DeadlineState.Awaiting or DeadlineState.Acknowledged))
        {
            return [];
        }

        // Held, not dropped: the next working day's plan returns the latest step that has come by then.
        if (!calendar.IsWorkingDay(today))
        {
            return [];
        }

        // A due date that is not a working day (a bank holiday declared on an agreed date) is met on the next one, as
        // WorkingDaysLate counts it: "due today" goes out that day, not "overdue".
        dueDate = calendar.NextWorkingDay(dueDate);
        var steps = new List<ReminderStep>(2);
        var late = calendar.WorkingDaysLate(dueDate, today);
        if (late == 0)
        {
            if (today >= dueDate)
            {
                steps.Add(new ReminderStep("due", ReminderStepKind.OnDueDate, 0));
            }
            else if (LatestBeforeDue(dueDate, remindDaysBefore, calendar, today, received) is { } before)
            {
                steps.Add(new ReminderStep($"before-{before}", ReminderStepKind.BeforeDue, before));
            }
        }
        else
        {
            var week = (late - 1) / WorkingDaysBetweenOverdueReminders;
            steps.Add(week == 0
                ? new ReminderStep("overdue-1", ReminderStepKind.FirstOverdue, 1)
                : new ReminderStep($"overdue-week-{week}", ReminderStepKind.WeeklyOverdue, 1 + week * WorkingDaysBetweenOverdueReminders));
        }

        if (escalateAfterWorkingDays > 0 && late >= escalateAfterWorkingDays)
        {
            steps.Add(new ReminderStep("escalation", ReminderStepKind.Escalation, escalateAfterWorkingDays));
        }

        return steps;
    }

    /// <summary>
    /// The first day after <paramref name="today"/> on which <see cref="DueNow"/> returns a step it does not return
    /// today: the deadline's next reminder. Until then every sweep would find only what today's already recorded, so
    /// the sweep need not look at the deadline again before it (<see cref="ResponseDeadline.NextReminderOn"/>).
    /// </summary>
    /// <returns>Null for a deadline that gets no more reminders (answered, withdrawn, escalated, or an acknowledgement
    /// that met its duty); <paramref name="today"/> itself when it is not a working day, as reminders are held then
    /// and the next working day's sweep must plan the deadline again.</returns>
    /// <remarks>
    /// Worked out from the steps' own dates rather than by trying each day: the "N days before" dates after today
    /// (none before the deadline was received), the due date (the first working day after it, when an agreed date is
    /// not a working day), then the working days 1, 6, 11, … after it for the chase and the escalation's working day.
    /// Each of those is the first day its step is returned, so the earliest is the next reminder.
    /// </remarks>
    public static DateOnly? NextOn(
        DateOnly dueDate, DeadlineState state, IReadOnlyCollection<int> remindDaysBefore, int escalateAfterWorkingDays,
        WorkingDayCalendar calendar, DateOnly today, DateOnly? received = null)
    {
        if (state is not (DeadlineState.Awaiting or DeadlineState.Acknowledged))
        {
            return null;
        }

        if (!calendar.IsWorkingDay(today))
        {
            return today;
        }

        dueDate = calendar.NextWorkingDay(dueDate); // as DueNow counts it
        var late = calendar.WorkingDaysLate(dueDate, today);
        DateOnly? next = null;
        void Consider(DateOnly day)
        {
            if (day > today && (next is null || day < next))
            {
                next = day;
            }
        }

        if (today < dueDate)
        {
            foreach (var days in remindDaysBefore.Where(d => d > 0))
            {
                var on = WorkingDaysBefore(dueDate, days, calendar);
                if (received is null || on >= received)
                {
                    Consider(on);
                }
            }

            Consider(calendar.IsWorkingDay(dueDate) ? dueDate : calendar.AddWorkingDays(dueDate, 1));
        }
        else
        {
            // The next chase: the first working day overdue, then every five working days after it.
            var nextChase = late == 0 ? 1 : 1 + ((late - 1) / WorkingDaysBetweenOverdueReminders + 1) * WorkingDaysBetweenOverdueReminders;
            Consider(calendar.AddWorkingDays(today, nextChase - late));
        }

        if (escalateAfterWorkingDays > 0 && late < escalateAfterWorkingDays)
        {
            Consider(today < dueDate ? calendar.AddWorkingDays(dueDate, escalateAfterWorkingDays) : calendar.AddWorkingDays(today, escalateAfterWorkingDays - late));
        }

        return next;
    }

    /// <summary>The working day <paramref name="workingDays"/> working days before <paramref name="dueDate"/>.</summary>
    public static DateOnly WorkingDaysBefore(DateOnly dueDate, int workingDays, WorkingDayCalendar calendar) =>
        calendar.AddWorkingDays(dueDate, -workingDays);

    private static int? LatestBeforeDue(
        DateOnly dueDate, IReadOnlyCollection<int> remindDaysBefore, WorkingDayCalendar calendar, DateOnly today, DateOnly? received)
    {
        int? latest = null;
        foreach (var days in remindDaysBefore)
        {
            if (days <= 0 || latest is { } found && days >= found)
            {
                continue;
            }

            var on = WorkingDaysBefore(dueDate, days, calendar);
            if (on <= today && (received is null || on >= received))
            {
                latest = days;
            }
        }

        return latest;
    }
}
