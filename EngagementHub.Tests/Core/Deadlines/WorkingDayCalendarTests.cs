using System.Globalization;
using EngagementHub.Core.Common;

namespace EngagementHub.Tests.Core.Deadlines;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = new(EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)));

    private static DateOnly D(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void DueDate_ReceivedWednesday1October2008_IsTuesday28October()
    {
        var due = Calendar.DueDate(D("2008-10-01"), 20);

        Assert.Equal(D("2008-10-28"), due.DueDate);
        Assert.Equal(D("2008-10-01"), due.FirstCountedDay);
        Assert.Empty(due.SkippedHolidays);
        Assert.Equal(8, due.WeekendDaysSkipped);
        Assert.Contains("the day of receipt counts as day 1", due.Explanation);
    }

    [Fact]
    public void DueDate_ReceivedOnSaturday_CountingStartsOnMonday()
    {
        var due = Calendar.DueDate(D("2008-10-04"), 1);

        Assert.Equal(D("2008-10-06"), due.FirstCountedDay);
        Assert.Equal(D("2008-10-06"), due.DueDate);
        Assert.Contains("not a working day", due.Explanation);
    }

    [Theory]
    [InlineData("2025-04-18", "2025-04-22")] // a year with GOV.UK's published dates
    [InlineData("2031-04-11", "2031-04-15")] // a year without them: Easter worked out by the rules
    public void DueDate_ReceivedOnGoodFriday_StartsAfterEasterMondayAndShowsBoth(string received, string expected)
    {
        var due = Calendar.DueDate(D(received), 1);

        Assert.Equal(D(expected), due.DueDate);
        Assert.Equal(["Good Friday", "Easter Monday"], due.SkippedHolidays.Select(h => h.Name));
    }

    [Fact]
    public void DueDate_AcrossChristmasAndNewYear_SkipsAllThreeHolidays()
    {
        var due = Calendar.DueDate(D("2025-12-15"), 20);

        Assert.Equal(D("2026-01-14"), due.DueDate);
        Assert.Equal([D("2025-12-25"), D("2025-12-26"), D("2026-01-01")], due.SkippedHolidays.Select(h => h.Date));
    }

    [Fact]
    public void DueDate_OverSubstituteDays_SkipsTheSubstitutesNotTheWeekend()
    {
        // Christmas 2021 fell on a Saturday: Monday 27 and Tuesday 28 December were the holidays.
        var due = Calendar.DueDate(D("2021-12-24"), 2);

        Assert.Equal(D("2021-12-29"), due.DueDate);
        Assert.Equal(["Christmas Day (substitute day)", "Boxing Day (substitute day)"], due.SkippedHolidays.Select(h => h.Name));
        Assert.Equal(2, due.WeekendDaysSkipped);
    }

    [Theory]
    [InlineData("2022-09-16", "2022-09-20")] // the Queen's state funeral
    [InlineData("2023-05-05", "2023-05-09")] // the coronation
    public void DueDate_OverOneOffHolidays_SkipsThem(string received, string expected) =>
        Assert.Equal(D(expected), Calendar.DueDate(D(received), 2).DueDate);

    [Fact]
    public void DueDate_FromLeapDay_CountsItAndEndsBeforeEaster()
    {
        var due = Calendar.DueDate(D("2024-02-29"), 20);

        Assert.Equal(D("2024-02-29"), due.FirstCountedDay);
        Assert.Equal(D("2024-03-27"), due.DueDate);
        Assert.Empty(due.SkippedHolidays);
    }

    [Fact]
    public void DueDate_BeyondTheHolidayData_IsFlagged()
    {
        Assert.False(Calendar.DueDate(D("2030-11-01"), 20).BeyondKnownHolidays);
        Assert.True(Calendar.DueDate(D("2030-12-20"), 20).BeyondKnownHolidays);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(WorkingDayCalendar.MaxWorkingDays + 1)]
    public void DueDate_AbsurdWorkingDays_Throws(int workingDays) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.DueDate(D("2026-01-05"), workingDays));

    [Theory]
    [InlineData("2008-10-27", 0)]
    [InlineData("2008-10-28", 0)]
    [InlineData("2008-10-29", 1)]
    [InlineData("2008-11-03", 4)]
    public void WorkingDaysLate_AnsweredAfterTuesday28October2008_CountsWorkingDaysOnly(string answered, int late) =>
        Assert.Equal(late, Calendar.WorkingDaysLate(D("2008-10-28"), D(answered)));

    [Fact]
    public void DueDate_OverAYearWithoutData_SkipsChristmasFromTheRulesAndSaysSo()
    {
        var due = Calendar.DueDate(D("2035-12-10"), 20);

        Assert.Contains(due.SkippedHolidays, h => h.Date == D("2035-12-25") && h.Name == "Christmas Day");
        Assert.Contains(due.SkippedHolidays, h => h.Date == D("2036-01-01"));
        Assert.True(due.BeyondKnownHolidays);
        Assert.Equal([2035, 2036], due.YearsFromRules);
        Assert.Contains("No bank holidays are published yet for 2035 and 2036", due.Explanation);
    }

    [Fact]
    public void DueDate_WithinPublishedData_DoesNotMentionTheRules()
    {
        var due = Calendar.DueDate(D("2025-12-15"), 20);

        Assert.False(due.BeyondKnownHolidays);
        Assert.DoesNotContain("published", due.Explanation);
    }

    [Theory]
    [InlineData("2004-12-31", "from 1 January 2005")]
    [InlineData("0001-01-01", "from 1 January 2005")]
    [InlineData("2100-01-01", "up to 31 December 2099")]
    [InlineData("9999-12-31", "up to 31 December 2099")]
    public void RefuseReceived_OutsideTheSupportedYears_SaysWhy(string received, string message)
    {
        Assert.Contains(message, WorkingDayCalendar.RefuseReceived(D(received)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.DueDate(D(received), 20));
    }

    [Fact]
    public void DueDate_LastSupportedDateAndMostWorkingDays_IsWorkedOut() =>
        Assert.Equal(2103, Calendar.DueDate(WorkingDayCalendar.LastReceived, WorkingDayCalendar.MaxWorkingDays).DueDate.Year);

    // A due date nobody works on is met on the next working day (a time limit ending when the office is closed).
    [Theory]
    [InlineData("2026-05-09", "2026-05-11", 0)] // Saturday, answered Monday
    [InlineData("2026-05-09", "2026-05-12", 1)]
    [InlineData("2026-12-25", "2026-12-29", 0)] // Christmas Day (Friday), then Boxing Day on Saturday and its Monday substitute
    [InlineData("2026-12-25", "2026-12-30", 1)]
    public void WorkingDaysLate_DueOnADayThatIsNotAWorkingDay_CountsFromTheNextWorkingDay(string due, string answered, int late) =>
        Assert.Equal(late, Calendar.WorkingDaysLate(D(due), D(answered)));

    [Fact]
    public void WorkingDaysLate_AnySpanIncludingYearsFromThePattern_MatchesCountingDayByDay()
    {
        // Published data to 2030, then years worked out from the statutory pattern, with one-off holidays on the way.
        var calendar = new WorkingDayCalendar(EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name))
            .Where(h => h.Date.Year <= 2030));
        var random = new Random(18);
        for (var i = 0; i < 2_000; i++)
        {
            var due = new DateOnly(2005, 1, 1).AddDays(random.Next(0, 365 * 30));
            var answered = due.AddDays(random.Next(-10, i % 10 == 0 ? 2_000 : 40));

            // Counted from the day the due date is met (itself, or the next working day when nobody works on it) to the day
            // the step counts as taken (the next working day, for a step after it taken when nobody works).
            var met = calendar.NextWorkingDay(due);
            var taken = answered > met ? calendar.NextWorkingDay(answered) : answered;
            var counted = 0;
            for (var day = met.AddDays(1); day <= taken; day = day.AddDays(1))
            {
                counted += calendar.IsWorkingDay(day) ? 1 : 0;
            }

            Assert.True(counted == calendar.WorkingDaysLate(due, answered), $"{due} to {answered}");
        }
    }

    // Taken after the due date on a day nobody works: counted as taken on the next working day, so never "on time" on a
    // day the deadline was already overdue. Fri 31 Oct 2008 due, then Sat 1 and Sun 2 Nov; Thu 9 Apr 2020 due, then Good
    // Friday (10 Apr), the weekend and Easter Monday, so the Tuesday is the first working day after.
    [Theory]
    [InlineData("2008-10-31", "2008-11-01", 1)]
    [InlineData("2008-10-31", "2008-11-02", 1)]
    [InlineData("2008-10-31", "2008-11-03", 1)]
    [InlineData("2020-04-09", "2020-04-10", 1)]
    [InlineData("2020-04-09", "2020-04-13", 1)]
    [InlineData("2020-04-09", "2020-04-14", 1)]
    [InlineData("2020-04-09", "2020-04-15", 2)]
    public void WorkingDaysLate_TakenAfterTheDueDateOnADayNobodyWorks_CountsFromTheNextWorkingDay(string due, string taken, int late) =>
        Assert.Equal(late, Calendar.WorkingDaysLate(D(due), D(taken)));

    // The count AddWorkingDays takes, from any day (a Saturday, a bank holiday) to any day: checked against counting day
    // by day, and as AddWorkingDays' inverse.
    [Fact]
    public void WorkingDaysAfter_AnySpan_MatchesCountingDayByDayAndUndoesAddWorkingDays()
    {
        var random = new Random(22);
        for (var i = 0; i < 2_000; i++)
        {
            var from = new DateOnly(2008, 1, 1).AddDays(random.Next(0, 365 * 20));
            var to = from.AddDays(random.Next(-5, 60));
            var counted = 0;
            for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
            {
                counted += Calendar.IsWorkingDay(day) ? 1 : 0;
            }

            Assert.True(counted == Calendar.WorkingDaysAfter(from, to), $"{from} to {to}");
            var n = random.Next(1, 40);
            Assert.True(n == Calendar.WorkingDaysAfter(from, Calendar.AddWorkingDays(from, n)), $"{from} + {n}");
        }
    }

    [Fact]
    public void WorkingDaysLate_AcrossTheStateFuneral_SkipsIt() =>
        Assert.Equal(4, Calendar.WorkingDaysLate(D("2022-09-16"), D("2022-09-23"))); // Mon 19 Sep 2022 was a bank holiday

    [Fact]
    public void HasSameHolidaysAs_OneHolidayMore_False()
    {
        var holidays = EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)).ToList();

        Assert.True(Calendar.HasSameHolidaysAs(new WorkingDayCalendar(holidays)));
        Assert.False(Calendar.HasSameHolidaysAs(new WorkingDayCalendar([.. holidays, new Holiday(D("2026-10-09"), "One-off")])));
    }

    /// <summary>The shipped list (2005–2030) as published, with days an administrator added.</summary>
    private static WorkingDayCalendar WithAdded(params DateOnly[] added) =>
        new(EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)), added.Select(d => new Holiday(d, "One-off celebration")));

    private static readonly DateOnly[] Received = [.. Enumerable.Range(0, 60).Select(i => new DateOnly(2029, 12, 10).AddDays(i * 19))];

    [Fact]
    public void DueDate_OneOffAddedInAYearWithoutPublishedList_KeepsThatYearsRegularHolidays()
    {
        var calendar = WithAdded(D("2031-06-02"));

        Assert.Equal(D("2031-01-22"), calendar.DueDate(D("2030-12-23"), 20).DueDate); // New Year's Day 2031 still skipped
        var due = calendar.DueDate(D("2031-12-15"), 20);
        Assert.Equal(D("2032-01-14"), due.DueDate);
        Assert.Equal([D("2031-12-25"), D("2031-12-26"), D("2032-01-01")], due.SkippedHolidays.Select(h => h.Date));
        Assert.Equal([2031, 2032], due.YearsFromRules);
        Assert.Contains("No bank holidays are published yet for 2031 and 2032", due.Explanation);
        Assert.True(calendar.IsFromRules(2031));
        Assert.Equal(
            [D("2031-01-01"), D("2031-04-11"), D("2031-04-14"), D("2031-05-05"), D("2031-05-26"), D("2031-06-02"), D("2031-08-25"), D("2031-12-25"), D("2031-12-26")],
            calendar.HolidaysIn(2031).Select(h => h.Date));
        Assert.Equal(D("2030-12-31"), calendar.KnownUntil); // an addition does not extend the published list
    }

    [Fact]
    public void DueDate_AnyWeekdayAdded_NeverComesEarlier()
    {
        // Every weekday of the last published year and the first two without a list, as an administrator's addition.
        for (var day = D("2030-01-01"); day <= D("2032-12-31"); day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || Calendar.HolidayOn(day) is not null)
            {
                continue;
            }

            var added = WithAdded(day);
            foreach (var received in Received)
            {
                var (before, after) = (Calendar.DueDate(received, 20).DueDate, added.DueDate(received, 20).DueDate);
                Assert.True(after >= before, $"adding {day} moved {received}'s due date from {before} to {after}");
            }
        }
    }

    [Fact]
    public void DueDate_AnyPublishedHolidayRemoved_NeverComesLater()
    {
        // Each holiday of the list's last two years taken out, as an administrator's removal; its first and last holiday
        // of a year (New Year's Day, Boxing Day) included.
        var list = EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)).ToList();
        foreach (var removed in list.Where(h => h.Date.Year >= 2029))
        {
            var without = new WorkingDayCalendar(list.Where(h => h != removed));
            foreach (var received in Received)
            {
                var (before, after) = (Calendar.DueDate(received, 20).DueDate, without.DueDate(received, 20).DueDate);
                Assert.True(after <= before, $"removing {removed.Date} moved {received}'s due date from {before} to {after}");
            }
        }
    }

    [Fact]
    public void IsWorkingDay_HolidayRemovedFromAPublishedYear_IsAWorkingDayAndTheYearStaysPublished()
    {
        var calendar = new WorkingDayCalendar(EnglandAndWalesBankHolidays.All.Where(h => h.Date != D("2030-12-25")).Select(h => new Holiday(h.Date, h.Name)));

        Assert.True(calendar.IsWorkingDay(D("2030-12-25")));
        Assert.False(calendar.IsWorkingDay(D("2030-12-26")));
        Assert.False(calendar.IsFromRules(2030));
        Assert.False(calendar.IsPartlyFromRules(2030));
        Assert.DoesNotContain("published", calendar.DueDate(D("2030-12-02"), 20).Explanation);
    }

    [Fact]
    public void IsWorkingDay_RegularHolidayMovedInAPublishedYear_TheOldDateIsAWorkingDay()
    {
        // Spring bank holiday 2027 moved from Mon 31 May to Mon 7 June: removed from the list, the new date added.
        var calendar = new WorkingDayCalendar(
            EnglandAndWalesBankHolidays.All.Where(h => h.Date != D("2027-05-31")).Select(h => new Holiday(h.Date, h.Name)),
            [new Holiday(D("2027-06-07"), "Spring bank holiday")]);

        Assert.True(calendar.IsWorkingDay(D("2027-05-31")));
        Assert.False(calendar.IsWorkingDay(D("2027-06-07")));
        Assert.Equal(D("2027-06-08"), calendar.DueDate(D("2027-05-28"), 7).DueDate);
    }

    [Fact]
    public void DueDate_ListStoppingEarlyInItsLastYear_TakesTheRestOfThatYearFromThePattern()
    {
        // An import whose file ends with New Year's Day 2031: the rest of 2031 is not published.
        var calendar = new WorkingDayCalendar([.. EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)), new Holiday(D("2031-01-01"), "New Year’s Day")]);

        Assert.False(calendar.IsWorkingDay(D("2031-04-11"))); // Good Friday
        Assert.False(calendar.IsWorkingDay(D("2031-12-25")));
        Assert.True(calendar.IsPartlyFromRules(2031));
        Assert.False(calendar.IsFromRules(2031));
        Assert.Equal(D("2031-01-01"), calendar.KnownUntil);
        var due = calendar.DueDate(D("2031-12-15"), 20);
        Assert.Equal(D("2032-01-14"), due.DueDate);
        Assert.Equal([2031, 2032], due.YearsFromRules);
        Assert.Equal([2031], due.YearsPartlyPublished);
        Assert.Contains("No bank holidays are published yet for 2032, and only part of the list for 2031 is published", due.Explanation);
        // Within the part published, the pattern is not used and the working does not say it was.
        Assert.DoesNotContain("published", calendar.DueDate(D("2030-12-20"), 5).Explanation);
    }

    [Fact]
    public void DueDate_ListStartingLateInItsFirstYear_TakesTheEarlierPartOfThatYearFromThePattern()
    {
        // A list that starts with Christmas 2030: the year's earlier holidays come from the pattern.
        var calendar = new WorkingDayCalendar(EnglandAndWalesBankHolidays.All.Where(h => h.Date >= D("2030-12-25")).Select(h => new Holiday(h.Date, h.Name)));

        Assert.False(calendar.IsWorkingDay(D("2030-04-19"))); // Good Friday 2030
        Assert.False(calendar.IsWorkingDay(D("2030-01-01")));
        Assert.True(calendar.IsFromRules(2029));
        Assert.True(calendar.IsPartlyFromRules(2030));
        Assert.Equal(D("2030-12-31"), calendar.KnownUntil);
        Assert.Equal(D("2030-04-23"), calendar.DueDate(D("2030-04-18"), 2).DueDate);
    }

    [Fact]
    public void HasSameHolidaysAs_SameDateAddedInsteadOfPublished_False()
    {
        var holidays = EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)).ToList();
        var oneOff = new Holiday(D("2031-06-02"), "One-off");

        Assert.True(new WorkingDayCalendar(holidays, [oneOff]).HasSameHolidaysAs(new WorkingDayCalendar(holidays, [oneOff])));
        Assert.False(new WorkingDayCalendar(holidays, [oneOff]).HasSameHolidaysAs(new WorkingDayCalendar([.. holidays, oneOff])));
    }
}
