using EngagementHub.Core.Common;

namespace EngagementHub.Tests.Core.Common;

/// <summary>How the forms' time field reads a time: the ways people type one, and a reason for everything else.</summary>
public sealed class ClockTimeTests
{
    [Theory]
    [InlineData("14:00", 14, 0)]
    [InlineData("9:30", 9, 30)]
    [InlineData("09.30", 9, 30)]
    [InlineData(" 1400 ", 14, 0)]
    [InlineData("930", 9, 30)]
    [InlineData("14", 14, 0)]
    [InlineData("0:05", 0, 5)]
    [InlineData("23:59", 23, 59)]
    [InlineData("2pm", 14, 0)]
    [InlineData("2.30 pm", 14, 30)]
    [InlineData("11:15am", 11, 15)]
    [InlineData("12pm", 12, 0)]
    [InlineData("12 a.m.", 0, 0)]
    [InlineData("7 PM", 19, 0)]
    [InlineData("noon", 12, 0)]
    [InlineData("Midday", 12, 0)]
    public void TryParse_AWayPeopleTypeATime_ReadsIt(string text, int hours, int minutes)
    {
        Assert.True(ClockTime.TryParse(text, out var time, out var error), error);
        Assert.Equal(new TimeOnly(hours, minutes), time);
        Assert.Null(error);
        Assert.True(ClockTime.TryParse(ClockTime.Format(time), out var again, out _));
        Assert.Equal(time, again);
    }

    [Theory]
    [InlineData("25:99", "25:99 is not a time: the hours go up to 23 and the minutes up to 59.")]
    [InlineData("24:00", "24:00 is not a time: the hours go up to 23")]
    [InlineData("2460", "2460 is not a time")]
    [InlineData("14:60", "14:60 is not a time")]
    [InlineData("13pm", "13pm is not a time: on the 12-hour clock the hours go from 1 to 12")]
    [InlineData("0am", "0am is not a time")]
    [InlineData("half past two", "\"half past two\" is not a time we can read. Enter it on the 24-hour clock")]
    [InlineData("14:0", "is not a time we can read")]
    [InlineData("", "Enter a time.")]
    public void TryParse_NotATime_SaysWhy(string text, string expected)
    {
        Assert.False(ClockTime.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
