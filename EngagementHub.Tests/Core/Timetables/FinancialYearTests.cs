using EngagementHub.Core.Common;

namespace EngagementHub.Tests.Core.Timetables;

public sealed class FinancialYearTests
{
    [Theory]
    [InlineData("2026-04-01", 2026)]
    [InlineData("2027-03-31", 2026)]
    [InlineData("2026-03-31", 2025)]
    [InlineData("2028-02-29", 2027)]
    public void Containing_Date_IsTheYearFromAprilToMarch(string date, int startYear) =>
        Assert.Equal(startYear, FinancialYear.Containing(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).StartYear);

    [Fact]
    public void Bounds_2026_RunFromFirstAprilToThirtyFirstMarchAndReadAs2026Slash27()
    {
        var year = new FinancialYear(2026);

        Assert.Equal(new DateOnly(2026, 4, 1), year.Start);
        Assert.Equal(new DateOnly(2027, 3, 31), year.End);
        Assert.Equal("2026/27", year.Label);
        Assert.Equal("2099/00", new FinancialYear(2099).Label);
    }

    [Fact]
    public void Overlaps_SpanAcrossTheYearEnd_CountsInBothYears()
    {
        var from = new DateOnly(2027, 3, 1);
        var to = new DateOnly(2027, 4, 30);

        Assert.True(new FinancialYear(2026).Overlaps(from, to));
        Assert.True(new FinancialYear(2027).Overlaps(from, to));
        Assert.False(new FinancialYear(2025).Overlaps(from, to));
    }

    [Theory]
    [InlineData("2026/27", true, 2026)]
    [InlineData("2026", true, 2026)]
    [InlineData("26/27", false, 0)]
    [InlineData("next year", false, 0)]
    [InlineData(null, false, 0)]
    public void TryParse_Text_ReadsLabelsAndYears(string? text, bool ok, int startYear)
    {
        Assert.Equal(ok, FinancialYear.TryParse(text, out var year));
        Assert.Equal(startYear, year.StartYear);
    }

    [Theory]
    [InlineData("2027-03-31", 2026, true)]
    [InlineData("2027-04-01", 2026, false)]
    [InlineData("2027-04-01", 2027, true)]
    [InlineData("2026-03-31", 2026, false)]
    [InlineData("2028-02-29", 2027, true)]
    public void Contains_BoundaryDays_CountInTheYearFromFirstAprilOnly(string date, int startYear, bool expected) =>
        Assert.Equal(expected, new FinancialYear(startYear).Contains(TimetableBuilder.D(date)));

    [Fact]
    public void End_YearWithLeapDay_Has366DaysAndEndsThirtyFirstMarch()
    {
        var year = new FinancialYear(2027);

        Assert.Equal(new DateOnly(2028, 3, 31), year.End);
        Assert.Equal(366, year.End.DayNumber - year.Start.DayNumber + 1);
        Assert.Equal(365, new FinancialYear(2026).End.DayNumber - new FinancialYear(2026).Start.DayNumber + 1);
    }

    [Theory]
    [InlineData(1999, "1999/00")]
    [InlineData(2000, "2000/01")]
    [InlineData(2009, "2009/10")]
    [InlineData(2099, "2099/00")]
    public void Label_AcrossDecadesAndCenturies_KeepsTwoDigits(int startYear, string label) =>
        Assert.Equal(label, new FinancialYear(startYear).Label);

    [Theory]
    [InlineData(" 2026 / 27 ", true, 2026)]
    [InlineData("1990", true, 1990)]
    [InlineData("2100/01", true, 2100)]
    [InlineData("1989", false, 0)]
    [InlineData("2101", false, 0)]
    [InlineData("-2026", false, 0)]
    [InlineData("", false, 0)]
    public void TryParse_EdgesOfTheAcceptedRange_AreReadOrRefused(string text, bool ok, int startYear)
    {
        Assert.Equal(ok, FinancialYear.TryParse(text, out var year));
        Assert.Equal(startYear, year.StartYear);
    }

    [Theory]
    [InlineData(1990, 1990)]
    [InlineData(2100, 2100)]
    [InlineData(1989, null)]
    [InlineData(2101, null)]
    [InlineData(0, null)]
    [InlineData(-5, null)]
    [InlineData(99999, null)]
    [InlineData(null, null)]
    public void FromStartYear_AnAddressesYear_NullOutsideTheRangeWithDates(int? startYear, int? expected) =>
        Assert.Equal(expected, FinancialYear.FromStartYear(startYear)?.StartYear);

    [Fact]
    public void AroundToday_LastDayOfTheYear_OffersTwoBackThisAndNext()
    {
        var years = FinancialYear.AroundToday(new DateOnly(2027, 3, 31));

        Assert.Equal(["2024/25", "2025/26", "2026/27", "2027/28"], years.Select(y => y.Label));
    }
}
