using EngagementHub.Core.Common;

namespace EngagementHub.Tests.Core.Common;

public sealed class UkDateTests
{
    [Theory]
    [InlineData("1/10/2008")]
    [InlineData("01/10/2008")]
    [InlineData("01/10/08")]
    [InlineData("1/10/08")]
    [InlineData("1.10.2008")]
    [InlineData("01.10.2008")]
    [InlineData("1.10.08")]
    [InlineData("1-10-2008")]
    [InlineData("1 10 2008")]
    [InlineData("2008-10-01")]
    [InlineData("2008-10-1")]
    [InlineData("1 Oct 2008")]
    [InlineData("1 October 2008")]
    [InlineData("1 oct 08")]
    [InlineData("1 OCTOBER 2008")]
    [InlineData("1st October 2008")]
    [InlineData("1-Oct-2008")]
    [InlineData("Wednesday 1 October 2008")]
    [InlineData("Wed 1 Oct 2008")]
    [InlineData("  1/10/2008  ")]
    public void TryParse_AFormPeopleType_ReadsFirstOctober2008(string text)
    {
        Assert.True(UkDate.TryParse(text, out var date, out var error), error);
        Assert.Equal(new DateOnly(2008, 10, 1), date);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("2/1/2027", 2027, 1, 2)] // day and month both under 13: the day comes first
    [InlineData("15/4/99", 2099, 4, 15)] // a two-digit year is in this century
    [InlineData("29/02/2028", 2028, 2, 29)] // the 29th of February of a leap year
    public void TryParse_UkDate_ReadsItDayFirst(string text, int year, int month, int day)
    {
        Assert.True(UkDate.TryParse(text, out var date, out _));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Fact]
    public void TryParse_MonthFirstAmericanDate_IsRefusedNotSwapped()
    {
        Assert.False(UkDate.TryParse("10/31/2027", out _, out var error));
        Assert.Contains("no month 31", error);
    }

    [Fact]
    public void TryParse_TwentyNinthOfFebruaryInACommonYear_SaysItIsNotADate()
    {
        Assert.False(UkDate.TryParse("29/02/2027", out _, out var error));
        Assert.StartsWith("29 February 2027 is not a date", error);
        Assert.Contains("28 days", error);
    }

    [Theory]
    [InlineData("0/1/2020", "0 January 2020 is not a date")]
    [InlineData("32/1/2020", "32 January 2020 is not a date")]
    [InlineData("13/13/2020", "13/13/2020 is not a date")]
    [InlineData("31 Apr 2027", "31 April 2027 is not a date")]
    [InlineData("2027-02-30", "30 February 2027 is not a date")]
    [InlineData("31/02/2027", "31 February 2027 is not a date")]
    public void TryParse_ImpossibleDate_SaysItIsNotADate(string text, string expected)
    {
        Assert.False(UkDate.TryParse(text, out var date, out var error));
        Assert.StartsWith(expected, error);
        Assert.Equal(default, date);
    }

    // A year typed with a slip of the keys opened a timetable for 2126/27 without a word.
    [Theory]
    [InlineData("1/10/2126", "Tuesday 1 October 2126 is a long way off. Check the year: dates from 2000 to 2099 are taken.")]
    [InlineData("1/10/1926", "Friday 1 October 1926 is a long way off.")]
    [InlineData("3026-10-01", "October 3026 is a long way off.")]
    public void TryParse_AYearFarOff_AsksToCheckTheYear(string text, string expected)
    {
        Assert.False(UkDate.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AnInputWithAFarOffDate_RefusesItOnThatField()
    {
        var input = new EngagementHub.Core.Timetables.TimetableEventInput { Title = "Board", StartDate = new DateOnly(2126, 10, 1) };

        var errors = InputValidation.Validate(input);

        Assert.Contains(new FieldError(nameof(input.StartDate), UkDate.OutOfRange(new DateOnly(2126, 10, 1))!), errors);
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("1/10")]
    [InlineData("1/10-2008")]
    [InlineData("1 Octember 2008")]
    [InlineData("1/10/200")]
    public void TryParse_TextThatIsNotADate_SaysSoAndHowToWriteOne(string text)
    {
        Assert.False(UkDate.TryParse(text, out _, out var error));
        Assert.Contains("is not a date we can read", error);
        Assert.Contains("day first", error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_Nothing_AsksForADate(string? text)
    {
        Assert.False(UkDate.TryParse(text, out _, out var error));
        Assert.Equal("Enter a date.", error);
    }

    [Fact]
    public void TryParse_YearZero_IsRefused()
    {
        Assert.False(UkDate.TryParse("1/1/0000", out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Describe_FirstOctober2008_SaysTheWeekdayAndMonthInFull() =>
        Assert.Equal("Wednesday 1 October 2008", UkDate.Describe(new DateOnly(2008, 10, 1)));

    [Fact]
    public void Format_AnyDate_ReadsBackAsTheSameDate()
    {
        var date = new DateOnly(2027, 3, 4);
        Assert.Equal("04/03/2027", UkDate.Format(date));
        Assert.True(UkDate.TryParse(UkDate.Format(date), out var back, out _));
        Assert.Equal(date, back);
    }
}
