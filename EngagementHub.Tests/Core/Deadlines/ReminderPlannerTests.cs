using System.Globalization;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using Microsoft.Extensions.Time.Testing;

namespace EngagementHub.Tests.Core.Deadlines;

public sealed class ReminderPlannerTests
{
    private static readonly WorkingDayCalendar Calendar = new(EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)));
    private static readonly int[] FiveAndOne = [5, 1];

    // Tuesday 5 May 2026, the day after the early May bank holiday (Monday 4 May).
    private static readonly DateOnly Due = D("2026-05-05");

    private static DateOnly D(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    private static string[] Keys(DateOnly today, DeadlineState state = DeadlineState.Awaiting, DateOnly? due = null, DateOnly? received = null) =>
        [.. ReminderPlanner.DueNow(due ?? Due, state, FiveAndOne, 10, Calendar, today, received).Select(s => s.Key)];

    // An agreed date on a day nobody works (Sat 9 May 2026; or a bank holiday declared on it later) is met on the next
    // working day, Mon 11 May: Friday is one working day before it, Monday is the day it is due, Tuesday the first overdue.
    [Theory]
    [InlineData("2026-05-08", "before-1")]
    [InlineData("2026-05-11", "due")]
    [InlineData("2026-05-12", "overdue-1")]
    public void DueNow_DueDateOnASaturday_DueOnTheNextWorkingDay(string today, string step) =>
        Assert.Equal([step], Keys(D(today), due: D("2026-05-09")));

    [Fact]
    public void NextOn_DueDateOnASaturday_TheDueReminderOnMonday() =>
        Assert.Equal(D("2026-05-11"), ReminderPlanner.NextOn(D("2026-05-09"), DeadlineState.Awaiting, FiveAndOne, 10, Calendar, D("2026-05-08")));

    [Theory]
    [InlineData("2026-04-24")] // Friday before the fifth working day before
    [InlineData("2026-04-01")]
    public void DueNow_BeforeTheFirstReminder_Nothing(string today) => Assert.Empty(Keys(D(today)));

    [Fact]
    public void DueNow_FiveWorkingDaysBeforeAcrossABankHoliday_Before5OnMonday27April()
    {
        // Back from Tue 5 May: Fri 1, Thu 30, Wed 29, Tue 28, Mon 27 April (Mon 4 May is a bank holiday).
        Assert.Equal(D("2026-04-27"), ReminderPlanner.WorkingDaysBefore(Due, 5, Calendar));
        Assert.Equal(["before-5"], Keys(D("2026-04-27")));
        Assert.Equal(["before-5"], Keys(D("2026-04-30")));
    }

    [Fact]
    public void DueNow_OneWorkingDayBeforeAcrossABankHoliday_Before1OnFriday1May()
    {
        Assert.Equal(["before-1"], Keys(D("2026-05-01")));
        Assert.Empty(Keys(D("2026-05-04"))); // the bank holiday itself: nothing goes out
    }

    [Fact]
    public void DueNow_OnTheDueDate_Due() => Assert.Equal(["due"], Keys(Due));

    [Fact]
    public void DueNow_FirstWorkingDayOverdue_Overdue1() => Assert.Equal(["overdue-1"], Keys(D("2026-05-06")));

    [Fact]
    public void DueNow_DueFridayBeforeSpringBankHoliday_NothingAtTheWeekendOrOnTheHolidayAndOverdue1IsTuesday()
    {
        var friday = D("2026-05-22");
        Assert.Equal(["due"], Keys(friday, due: friday));
        Assert.Empty(Keys(D("2026-05-23"), due: friday));
        Assert.Empty(Keys(D("2026-05-25"), due: friday)); // Spring bank holiday
        Assert.Equal(["overdue-1"], Keys(D("2026-05-26"), due: friday));
    }

    [Fact]
    public void DueNow_BackFromDowntimeOnASaturday_HeldThenSentOnMondayAsTheLatestStep()
    {
        // Due Wed 13 May 2026: "5 working days before" is Wed 6 May, "1 before" Tue 12 May. Down from Tue 5 May.
        var due = D("2026-05-13");

        Assert.Empty(Keys(D("2026-05-09"), due: due)); // Saturday: before-5 came due meanwhile, but is held
        Assert.Empty(Keys(D("2026-05-10"), due: due)); // Sunday
        Assert.Equal(["before-5"], Keys(D("2026-05-11"), due: due)); // Monday: still the latest, so it goes out now
    }

    [Fact]
    public void DueNow_BackFromDowntimeOnABankHoliday_EscalationIsHeldNotLostAndGoesWithTheLatestChase()
    {
        // Due Tue 5 May; ten working days overdue on Tue 19 May; down until the Spring bank holiday, Mon 25 May.
        Assert.Empty(Keys(D("2026-05-25")));
        Assert.Equal(["overdue-week-2", "escalation"], Keys(D("2026-05-26"))); // 14 working days overdue
    }

    [Theory]
    [InlineData("2026-05-01T22:59:00Z", "before-1")] // 23:59 on Friday in the UK (BST)
    [InlineData("2026-05-01T23:00:00Z")] // 00:00 on Saturday in the UK, though still Friday in UTC
    [InlineData("2026-05-04T22:59:00Z")] // 23:59 on the bank holiday in the UK
    [InlineData("2026-05-04T23:00:00Z", "due")] // 00:00 on Tuesday, the due date
    public void DueNow_TodayInUkTime_WorkingDayDecidedAtUkMidnight(string utcNow, params string[] expected)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(utcNow, CultureInfo.InvariantCulture));

        Assert.Equal(expected, Keys(UkTime.Today(clock)));
    }

    [Theory]
    [InlineData("2026-05-12", "overdue-1")] // 5 working days overdue
    [InlineData("2026-05-13", "overdue-week-1")] // 6
    [InlineData("2026-05-19", "overdue-week-1", "escalation")] // 10
    [InlineData("2026-05-20", "overdue-week-2", "escalation")] // 11
    [InlineData("2026-05-28", "overdue-week-3", "escalation")] // 16 (Mon 25 May is a bank holiday)
    public void DueNow_Overdue_WeeklyStepAndEscalationAfterTenWorkingDays(string today, params string[] expected) =>
        Assert.Equal(expected, Keys(D(today)));

    [Fact]
    public void DueNow_AfterDowntimePastTheDueDate_OnlyTheLatestStepNoStaleBeforeReminders()
    {
        var steps = ReminderPlanner.DueNow(Due, DeadlineState.Acknowledged, FiveAndOne, 10, Calendar, D("2026-05-07"));

        var step = Assert.Single(steps);
        Assert.Equal("overdue-1", step.Key);
        Assert.Equal(ReminderStepKind.FirstOverdue, step.Kind);
        Assert.False(step.OwnerOnly);
    }

    [Fact]
    public void DueNow_Escalation_IsForTheOwnerOnly()
    {
        var escalation = ReminderPlanner.DueNow(Due, DeadlineState.Awaiting, FiveAndOne, 10, Calendar, D("2026-05-19")).Single(s => s.Key == "escalation");

        Assert.True(escalation.OwnerOnly);
        Assert.Equal(ReminderStepKind.Escalation, escalation.Kind);
    }

    [Theory]
    [InlineData(DeadlineState.Answered)]
    [InlineData(DeadlineState.Withdrawn)]
    [InlineData(DeadlineState.Escalated)]
    public void DueNow_ClosedDeadline_Nothing(DeadlineState state)
    {
        Assert.Empty(Keys(D("2026-05-01"), state));
        Assert.Empty(Keys(D("2026-05-20"), state));
    }

    [Fact]
    public void DueNow_ShortDeadlineReceivedAfterTheFiveDayMark_NoBefore5()
    {
        Assert.Empty(Keys(D("2026-04-30"), received: D("2026-04-29"))); // before-5 fell on 27 April, before it began
        Assert.Equal(["before-1"], Keys(D("2026-05-01"), received: D("2026-04-29")));
    }

    [Fact]
    public void DueNow_NoEscalationConfigured_NoEscalationStep()
    {
        var steps = ReminderPlanner.DueNow(Due, DeadlineState.Awaiting, FiveAndOne, 0, Calendar, D("2026-06-30"));

        Assert.DoesNotContain(steps, s => s.Kind == ReminderStepKind.Escalation);
    }

    [Fact]
    public void NextOn_EveryWorkingDayOfManyDeadlines_IsTheFirstDayAStepNotDueTodayIsDue()
    {
        // Due dates on working days and (agreed extensions) at weekends, around Easter and Christmas, with and without
        // the escalation, received long before or just before the due date.
        int[][] reminders = [[5, 1], [10, 5, 1], [], [3]];
        var dues = new[] { D("2026-05-05"), D("2026-04-06"), D("2026-12-24"), D("2026-12-26"), D("2027-01-04"), D("2026-07-18") };
        foreach (var due in dues)
        {
            foreach (var remind in reminders)
            {
                foreach (var escalate in new[] { 0, 10, 7 })
                {
                    foreach (var received in new[] { due.AddDays(-40), due.AddDays(-4) })
                    {
                        for (var today = received; today <= due.AddDays(90); today = today.AddDays(1))
                        {
                            if (!Calendar.IsWorkingDay(today))
                            {
                                Assert.Equal(today, ReminderPlanner.NextOn(due, DeadlineState.Awaiting, remind, escalate, Calendar, today, received));
                                continue;
                            }

                            var now = ReminderPlanner.DueNow(due, DeadlineState.Awaiting, remind, escalate, Calendar, today, received).Select(s => s.Key).ToHashSet();
                            var expected = today.AddDays(1);
                            while (!ReminderPlanner.DueNow(due, DeadlineState.Awaiting, remind, escalate, Calendar, expected, received).Any(s => !now.Contains(s.Key)))
                            {
                                expected = expected.AddDays(1);
                            }

                            var next = ReminderPlanner.NextOn(due, DeadlineState.Awaiting, remind, escalate, Calendar, today, received);
                            Assert.True(expected == next, $"due {due}, reminders [{string.Join(",", remind)}], escalate {escalate}, received {received}, today {today}: {next} not {expected}");
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(DeadlineState.Answered)]
    [InlineData(DeadlineState.Withdrawn)]
    [InlineData(DeadlineState.Escalated)]
    public void NextOn_Closed_None(DeadlineState state) =>
        Assert.Null(ReminderPlanner.NextOn(Due, state, FiveAndOne, 10, Calendar, D("2026-04-20")));
}
