using EngagementHub.Core.Deadlines;

namespace EngagementHub.Tests.Core.Deadlines;

public sealed class StepFiguresTests
{
    [Theory]
    [InlineData(9, 9, 0, 100, "9 of 9 due so far")]
    [InlineData(10, 10, 0, 100, "10 of 10 due so far (100%)")]
    [InlineData(10, 7, 3, 70, "7 of 10 due so far (70%)")]
    [InlineData(3, 3, 0, 100, "3 of 3 due so far")]
    public void OnTimeText_SmallAndLargeSamples_ShowsAPercentageOnlyFromTen(int due, int onTime, int overdue, int percent, string expected)
    {
        var figures = new StepFigures(due + 5, onTime, due - onTime - overdue, null, null, 5, overdue);

        Assert.Equal(expected, figures.OnTimeText);
        Assert.Equal(due >= StepFigures.PercentFrom ? percent : null, figures.OnTimePercent);
    }
}
