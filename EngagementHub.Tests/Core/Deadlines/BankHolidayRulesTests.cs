using EngagementHub.Core.Common;

namespace EngagementHub.Tests.Core.Deadlines;

/// <summary>
/// Every day of 2005–2040 against an independent statement of the England and Wales rules written here (Easter by
/// Gauss's method, substitute days by "the next weekday not already a holiday"), for the calendar with no data at all
/// and for the shipped data (2005–2030, the rest from the rules).
/// </summary>
public sealed class BankHolidayRulesTests
{
    /// <summary>One-off holidays and the years a regular one was moved for them: the data says these, not the rules.</summary>
    private static readonly HashSet<DateOnly> OneOffs =
    [
        new(2011, 4, 29), new(2012, 6, 4), new(2012, 6, 5), new(2020, 5, 8), new(2022, 6, 2), new(2022, 6, 3),
        new(2022, 9, 19), new(2023, 5, 8),
    ];

    private static readonly HashSet<DateOnly> MovedAway = [new(2012, 5, 28), new(2020, 5, 4), new(2022, 5, 30)];

    public static TheoryData<string> Calendars => ["no data", "shipped data"];

    [Theory]
    [MemberData(nameof(Calendars))]
    public void IsWorkingDay_EveryDay2005To2040_MatchesTheStatutoryRules(string data)
    {
        var calendar = new WorkingDayCalendar(data == "no data" ? [] : EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)));
        var mismatches = new List<string>();
        for (var day = new DateOnly(2005, 1, 1); day <= new DateOnly(2040, 12, 31); day = day.AddDays(1))
        {
            var ruleHoliday = IndependentRules(day.Year).Contains(day) && !MovedAway.Contains(day);
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var expectedWorking = !weekend && !ruleHoliday && !OneOffs.Contains(day);
            if (calendar.IsWorkingDay(day) != expectedWorking)
            {
                mismatches.Add($"{day:yyyy-MM-dd ddd}: expected {(expectedWorking ? "working" : "not working")}");
            }
        }

        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData(2005, 3, 27)]
    [InlineData(2008, 3, 23)]
    [InlineData(2011, 4, 24)]
    [InlineData(2019, 4, 21)]
    [InlineData(2038, 4, 25)]
    public void Easter_KnownDates_BothAlgorithmsAgree(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), GaussEaster(year));
        Assert.Equal(new DateOnly(year, month, day), EnglandAndWalesBankHolidays.EasterSunday(year));
    }

    private static HashSet<DateOnly> IndependentRules(int year)
    {
        var holidays = new HashSet<DateOnly>();
        void AddWithSubstitute(DateOnly date)
        {
            while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || holidays.Contains(date))
            {
                date = date.AddDays(1);
            }

            holidays.Add(date);
        }

        AddWithSubstitute(new DateOnly(year, 1, 1));
        var easter = GaussEaster(year);
        holidays.Add(easter.AddDays(-2));
        holidays.Add(easter.AddDays(1));
        holidays.Add(Enumerable.Range(1, 7).Select(d => new DateOnly(year, 5, d)).First(d => d.DayOfWeek == DayOfWeek.Monday));
        holidays.Add(Enumerable.Range(25, 7).Select(d => new DateOnly(year, 5, d)).Last(d => d.DayOfWeek == DayOfWeek.Monday));
        holidays.Add(Enumerable.Range(25, 7).Select(d => new DateOnly(year, 8, d)).Last(d => d.DayOfWeek == DayOfWeek.Monday));
        AddWithSubstitute(new DateOnly(year, 12, 25));
        AddWithSubstitute(new DateOnly(year, 12, 26));
        return holidays;
    }

    /// <summary>Gauss's Easter algorithm for the Gregorian calendar, with its two exceptions.</summary>
    private static DateOnly GaussEaster(int year)
    {
        var a = year % 19;
        var b = year % 4;
        var c = year % 7;
        var k = year / 100;
        var p = (13 + 8 * k) / 25;
        var q = k / 4;
        var m = (15 - p + k - q) % 30;
        var n = (4 + k - q) % 7;
        var d = (19 * a + m) % 30;
        var e = (2 * b + 4 * c + 6 * d + n) % 7;
        if (d == 29 && e == 6)
        {
            return new DateOnly(year, 4, 19);
        }

        if (d == 28 && e == 6 && (11 * m + 11) % 30 < 19)
        {
            return new DateOnly(year, 4, 18);
        }

        return new DateOnly(year, 3, 22).AddDays(d + e);
    }
}
