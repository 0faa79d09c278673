using EngagementHub.Core.Common;
using EngagementHub.Core.Reviews;

namespace EngagementHub.Tests.Core.Reviews;

public sealed class ReviewTrendTests
{
    private static readonly FinancialYear First = new(2024);
    private static readonly FinancialYear Second = new(2025);
    private static readonly FinancialYear Third = new(2026);

    [Theory]
    [InlineData(ReviewScore.PartlyMet, ReviewScore.DontKnow, ReviewScore.LargelyMet, TrendDirection.Better, "Better")]
    [InlineData(ReviewScore.FullyMet, null, ReviewScore.NotMet, TrendDirection.Worse, "Worse")]
    [InlineData(ReviewScore.LargelyMet, ReviewScore.NotMet, ReviewScore.LargelyMet, TrendDirection.Same, "The same")]
    public void Direction_FirstToLatestKnownRating_InWords(ReviewScore first, ReviewScore? second, ReviewScore third, TrendDirection direction, string words)
    {
        var row = Row(first, second, third);

        Assert.Equal(direction, row.Direction);
        Assert.Equal(words, row.Direction!.Value.Label());
    }

    [Fact]
    public void Direction_OneKnownRating_None()
    {
        // "Don't know" and a year not agreed say nothing about the direction.
        Assert.Null(Row(ReviewScore.DontKnow, null, ReviewScore.LargelyMet).Direction);
    }

    private static TrendRow Row(ReviewScore? first, ReviewScore? second, ReviewScore? third) =>
        ReviewTrend.Of("NHS South Birmingham",
        [
            new AgreedRating(First, ReviewSide.Link, 1, "New faces", first),
            new AgreedRating(Second, ReviewSide.Link, 1, "New faces", second),
            new AgreedRating(Third, ReviewSide.Link, 1, "New faces", third),
        ]).Rows.Single();
}
