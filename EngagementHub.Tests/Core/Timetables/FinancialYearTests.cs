using EngagementHub.Core.Timetables;

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
}
