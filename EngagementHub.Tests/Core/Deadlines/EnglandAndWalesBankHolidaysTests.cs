using System.Globalization;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;

namespace EngagementHub.Tests.Core.Deadlines;

public sealed class EnglandAndWalesBankHolidaysTests
{
    private static DateOnly D(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(2005, "2005-03-27")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2011, "2011-04-24")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2030, "2030-04-21")]
    public void EasterSunday_KnownYears_MatchesTheChurchCalendar(int year, string expected) =>
        Assert.Equal(D(expected), EnglandAndWalesBankHolidays.EasterSunday(year));

    [Fact]
    public void ForYear_2020_MovedEarlyMayToVeDayAndSubstitutedBoxingDay()
    {
        var dates = EnglandAndWalesBankHolidays.ForYear(2020).Select(h => h.Date).ToList();

        Assert.Equal(
            [D("2020-01-01"), D("2020-04-10"), D("2020-04-13"), D("2020-05-08"), D("2020-05-25"), D("2020-08-31"), D("2020-12-25"), D("2020-12-28")],
            dates);
    }

    [Fact]
    public void ForYear_2022_HasTheJubileeWeekendTheStateFuneralAndSubstituteChristmas()
    {
        var holidays = EnglandAndWalesBankHolidays.ForYear(2022).ToList();

        Assert.Equal(
            [D("2022-01-03"), D("2022-04-15"), D("2022-04-18"), D("2022-05-02"), D("2022-06-02"), D("2022-06-03"),
             D("2022-08-29"), D("2022-09-19"), D("2022-12-26"), D("2022-12-27")],
            holidays.Select(h => h.Date));
        Assert.Contains(holidays, h => h.Date == D("2022-01-03") && h.Name == "New Year’s Day (substitute day)");
        Assert.Contains(holidays, h => h.Date == D("2022-12-27") && h.Name == "Christmas Day (substitute day)");
    }

    [Theory]
    [InlineData("2011-04-29", "Royal wedding")]
    [InlineData("2012-06-05", "Queen’s Diamond Jubilee")]
    [InlineData("2012-06-04", "Spring bank holiday")]
    [InlineData("2023-05-08", "Bank holiday for the coronation of King Charles III")]
    [InlineData("2010-12-27", "Christmas Day (substitute day)")]
    [InlineData("2010-12-28", "Boxing Day (substitute day)")]
    [InlineData("2017-01-02", "New Year’s Day (substitute day)")]
    public void All_OneOffsAndSubstituteDays_ArePresent(string date, string name) =>
        Assert.Contains((D(date), name), EnglandAndWalesBankHolidays.All);

    [Fact]
    public void All_2005To2030_EightAYearPlusTheOneOffsAndNeverAWeekend()
    {
        var all = EnglandAndWalesBankHolidays.All;

        Assert.Equal(D("2005-01-03"), all[0].Date); // 1 Jan 2005 was a Saturday
        Assert.Equal(D("2030-12-26"), all[^1].Date);
        Assert.All(all, h => Assert.False(h.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{h.Name} {h.Date} is a weekend"));
        Assert.Equal(all.Count, all.Select(h => h.Date).Distinct().Count());
        // 26 years × 8, plus 2011's wedding, 2012's jubilee, 2022's jubilee and funeral, 2023's coronation.
        Assert.Equal((26 * 8) + 5, all.Count);
    }

    [Theory]
    [InlineData("Christmas Day", "Substitute day", "Christmas Day (substitute day)")]
    [InlineData("Christmas\u202E Day", "Substitute day", "Christmas Day (substitute day)")]
    [InlineData("Boxing Day\0", "Extra\u2067 day", "Boxing Day (Extra day)")]
    [InlineData(" New Year’s Day ", "", "New Year’s Day")]
    [InlineData("Spring bank\nholiday", "Moved\r\nfor the jubilee", "Spring bank holiday (Moved for the jubilee)")]
    public void GovUkName_FromAFileFromElsewhere_KeepsTheNotesAndDropsHostileCharacters(string title, string notes, string expected) =>
        Assert.Equal(expected, BankHolidayCalendar.GovUkName(title, notes));
}
