using EngagementHub.Core.Common;

namespace EngagementHub.Tests.Core.Common;

public sealed class CountedTests
{
    [Theory]
    [InlineData(1, "working day", null, "1 working day")]
    [InlineData(0, "working day", null, "0 working days")]
    [InlineData(20, "working day", null, "20 working days")]
    [InlineData(1, "criterion", "criteria", "1 criterion")]
    [InlineData(24, "criterion", "criteria", "24 criteria")]
    [InlineData(1000, "event", null, "1000 events")]
    public void Of_TheNounInTheFormItsNumberTakes(int count, string singular, string? plural, string expected) =>
        Assert.Equal(expected, Counted.Of(count, singular, plural));

    [Fact]
    public void PagesCounts_OneInTheSingular()
    {
        // Pages that counted by hand now go through Counted.Of: a cycle stage's length is one of them.
        Assert.Equal(("1 month", "3 months"), (EngagementHub.Web.Components.Pages.Timetables.CycleStagesTable.Months(1),
            EngagementHub.Web.Components.Pages.Timetables.CycleStagesTable.Months(3)));
    }
}
