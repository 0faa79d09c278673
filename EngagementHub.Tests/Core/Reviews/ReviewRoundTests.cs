using EngagementHub.Core.Common;
using EngagementHub.Core.Reviews;

namespace EngagementHub.Tests.Core.Reviews;

public sealed class ReviewRoundTests
{
    private static ItemView Item(int id, ReviewSide side, int position, ReviewScore? link, ReviewScore? commissioners) => new(
        id, id, side, position, $"Criterion {id}", "", link is { } l ? new RatingView(l, null, null) : null,
        commissioners is { } c ? new RatingView(c, null, null) : null, null, null);

    private static RoundView Round(params ItemView[] items) => new(
        1, new FinancialYear(2026), 1, "LINk", 2, "PCT", new DateOnly(2026, 12, 1), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        false, false, null, ReviewSide.Link, true, items, [], Guid.Empty);

    [Fact]
    public void Agenda_MixedRatings_BiggestDisagreementFirstThenDontKnowsThenStudyOrder()
    {
        var round = Round(
            Item(1, ReviewSide.Link, 1, ReviewScore.FullyMet, ReviewScore.FullyMet),
            Item(2, ReviewSide.Link, 2, ReviewScore.DontKnow, ReviewScore.NotMet),
            Item(3, ReviewSide.Commissioners, 1, ReviewScore.FullyMet, ReviewScore.PartlyMet),
            Item(4, ReviewSide.Link, 3, ReviewScore.NotMet, ReviewScore.FullyMet));

        Assert.Equal([4, 3, 1, 2], round.Agenda.Select(i => i.ItemId));
    }

    [Fact]
    public void Disagreement_OneSideHidden_IsNull() =>
        Assert.Null(Item(1, ReviewSide.Link, 1, ReviewScore.FullyMet, null).Disagreement);

    [Fact]
    public void RateUnrateAndSubmit_AfterSubmitting_RefusedSayingTheRatingsAreClosedAndTheOtherSideStillRates()
    {
        var round = OneCriterionRound(bothSubmitted: false);
        var item = round.Items.Single().Id;

        Assert.Equal(ReviewRound.RatingsClosedText, round.Rate(ReviewSide.Link, item, ReviewScore.NotMet, null, null).Problem);
        Assert.Equal(ReviewRound.RatingsClosedText, round.Unrate(ReviewSide.Link, item).Problem);
        Assert.Equal(ReviewRound.RatingsClosedText, round.Submit(ReviewSide.Link, publishComments: true, DateTimeOffset.UnixEpoch).Problem);
        Assert.Empty(round.Ratings);

        Assert.True(round.Rate(ReviewSide.Commissioners, item, ReviewScore.PartlyMet, null, null).Succeeded);
        Assert.Equal(ReviewRound.NotInRoundText, round.Rate(ReviewSide.Commissioners, item + 1, ReviewScore.PartlyMet, null, null).Problem);
        Assert.Equal(ReviewScore.PartlyMet, Assert.Single(round.Ratings).Score);
    }

    private static ReviewRound OneCriterionRound(bool bothSubmitted)
    {
        var criterion = new SuccessCriterion(ReviewSide.Link, 1, "New faces", "Some unfamiliar participants.", DateTimeOffset.UnixEpoch);
        var round = new ReviewRound(new FinancialYear(2026), 1, 2, 1, new DateOnly(2026, 12, 1), DateTimeOffset.UnixEpoch, [criterion]);
        round.Submit(ReviewSide.Link, publishComments: false, DateTimeOffset.UnixEpoch);
        if (bothSubmitted)
        {
            round.Submit(ReviewSide.Commissioners, publishComments: false, DateTimeOffset.UnixEpoch);
        }

        return round;
    }

    [Fact]
    public void Agree_BeforeBothSidesSubmitted_RefusedAndNothingAgreed()
    {
        var round = OneCriterionRound(bothSubmitted: false);

        var outcome = round.Agree(round.Items.Single().Id, ReviewScore.LargelyMet, null);

        Assert.Equal("Ratings are agreed once both sides have submitted theirs.", outcome.Problem);
        Assert.Null(round.Items.Single().AgreedScore);
    }

    [Fact]
    public void Publish_MoreNotAgreedThanConfirmed_RefusedSayingHowManyThenPublishedOnceConfirmed()
    {
        var round = OneCriterionRound(bothSubmitted: true);

        var unconfirmed = round.Publish(ReviewSide.Link, DateTimeOffset.UnixEpoch, notAgreedConfirmed: 0);
        var confirmed = round.Publish(ReviewSide.Link, DateTimeOffset.UnixEpoch, notAgreedConfirmed: 1);

        Assert.StartsWith("1 of the 1 criteria has no agreed rating.", unconfirmed.Problem);
        Assert.True(confirmed.Succeeded);
        Assert.Equal(DateTimeOffset.UnixEpoch, round.PublishedAt);
    }

    [Fact]
    public void Publish_BeforeBothSidesSubmitted_RefusedAndNotPublished()
    {
        var round = OneCriterionRound(bothSubmitted: false);

        Assert.Equal("A review is published once both sides have submitted.", round.Publish(ReviewSide.Link, DateTimeOffset.UnixEpoch, notAgreedConfirmed: 1).Problem);
        Assert.Null(round.PublishedAt);
    }

    [Fact]
    public void Reword_SameText_KeepsOneWording()
    {
        var criterion = new SuccessCriterion(ReviewSide.Link, 1, "New faces", "Some unfamiliar participants.", DateTimeOffset.UnixEpoch);

        Assert.False(criterion.Reword(" New faces ", "Some unfamiliar participants.", DateTimeOffset.UnixEpoch));
        Assert.True(criterion.Reword("New faces", "Unfamiliar participants speaking for themselves.", DateTimeOffset.UnixEpoch));
        Assert.Equal(2, criterion.Wordings.Count);
    }
}
