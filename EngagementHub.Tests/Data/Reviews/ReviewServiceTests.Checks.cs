using EngagementHub.Core.Common;
using EngagementHub.Core.Reviews;

namespace EngagementHub.Tests.Data.Reviews;

/// <summary>
/// The dates a review takes (the year reviewed, the closing date, an action's due date), the messages that name their
/// criterion or the person who saved first, and who published a review (ADR 23).
/// </summary>
public abstract partial class ReviewServiceTests
{
    [Fact]
    public async Task OpenRoundAsync_AYearThatHasNotStarted_RefusedAtTheYearNamingTheYearsAllowed()
    {
        // The clock reads 1 October 2026, in 2026/27.
        var outcome = await _service.OpenRoundAsync(Editor(_link), new RoundInput { Year = 2027, CommissionerOrganisationId = _south.Id, ClosesOn = new DateOnly(2026, 12, 1) });

        var error = Assert.Single(outcome.Errors);
        Assert.Equal(nameof(RoundInput.Year), error.Field);
        Assert.Contains("choose 2026/27 or an earlier year", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _service.RoundsAsync());
        Assert.True((await _service.OpenRoundAsync(Editor(_link), new RoundInput { Year = 2026, CommissionerOrganisationId = _south.Id, ClosesOn = new DateOnly(2026, 12, 1) })).Succeeded);
    }

    [Fact]
    public async Task OpenRoundAsync_ClosingToday_RefusedAtTheDateNamingTomorrow()
    {
        var outcome = await _service.OpenRoundAsync(Editor(_link), new RoundInput { Year = 2025, CommissionerOrganisationId = _south.Id, ClosesOn = new DateOnly(2026, 10, 1) });

        var error = Assert.Single(outcome.Errors);
        Assert.Equal((nameof(RoundInput.ClosesOn), $"The closing date must be a working day after today: the earliest is {UkTime.FormatDate(new DateOnly(2026, 10, 2))}."), (error.Field, error.Message));
        Assert.True((await _service.OpenRoundAsync(Editor(_link), new RoundInput { Year = 2025, CommissionerOrganisationId = _south.Id, ClosesOn = new DateOnly(2026, 10, 2) })).Succeeded);
    }

    // Both sides submit by the closing date, and are reminded of it on working days only: Christmas Day 2026 and the
    // Saturday after it are refused, naming the next working day (Mon 28 Dec is the substitute Boxing Day).
    [Theory]
    [InlineData(2026, 12, 25, "Fri 25 Dec 2026 is a bank holiday (Christmas Day).")]
    [InlineData(2026, 12, 26, "Sat 26 Dec 2026 is a Saturday.")]
    [InlineData(2026, 12, 28, "Mon 28 Dec 2026 is a bank holiday (Boxing Day, substitute day).")]
    public async Task OpenRoundAsync_ClosingOnADayNobodyWorks_RefusedAtTheDateNamingTheNextWorkingDay(int year, int month, int day, string why)
    {
        var outcome = await _service.OpenRoundAsync(Editor(_link), new RoundInput { Year = 2025, CommissionerOrganisationId = _south.Id, ClosesOn = new DateOnly(year, month, day) });

        var error = Assert.Single(outcome.Errors);
        Assert.Equal(nameof(RoundInput.ClosesOn), error.Field);
        Assert.Equal($"{why} A round closes on a working day, when both sides are at work to submit: the next is {UkTime.FormatDate(new DateOnly(2026, 12, 29))}.", error.Message);
        Assert.Empty(await _service.RoundsAsync());
        Assert.True((await _service.OpenRoundAsync(Editor(_link), new RoundInput { Year = 2025, CommissionerOrganisationId = _south.Id, ClosesOn = new DateOnly(2026, 12, 29) })).Succeeded);
    }

    [Fact]
    public async Task AddActionAsync_DueInThePast_RefusedAtTheDateNamingToday()
    {
        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_south), round, ReviewScore.PartlyMet, submit: true);

        var outcome = await _service.AddActionAsync(Editor(_south), round, new ActionInput { Text = "Share the plan", OwnerOrganisationId = _south.Id, DueOn = new DateOnly(2026, 9, 30) });

        var error = Assert.Single(outcome.Errors);
        Assert.Equal((nameof(ActionInput.DueOn), $"The due date cannot be in the past: the earliest is today, {UkTime.FormatDate(new DateOnly(2026, 10, 1))}."), (error.Field, error.Message));
        Assert.Empty((await _service.GetAsync(Editor(_south), round))!.Actions);
        Assert.True((await _service.AddActionAsync(Editor(_south), round, new ActionInput { Text = "Share the plan", OwnerOrganisationId = _south.Id, DueOn = new DateOnly(2026, 10, 1) })).Succeeded);
    }

    [Fact]
    public async Task SaveRatingsAsync_SubmittedWithNoneRated_EachMessageNamesItsCriterion()
    {
        var round = await OpenAsync();
        var view = (await _service.GetAsync(Editor(_link), round))!;

        var outcome = await _service.SaveRatingsAsync(Editor(_link), round, [], submit: true, publishComments: false, view.RatingsVersion);

        Assert.Equal(24, outcome.Errors.Count);
        Assert.Equal(24, outcome.Errors.Select(e => e.Message).Distinct().Count());
        var newFaces = view.Items.Single(i => i.Name == "New faces");
        Assert.Equal("Rate \"New faces\": choose a rating or \"don't know\".", outcome.Errors.Single(e => e.Field == $"Score-{newFaces.ItemId}").Message);
    }

    [Fact]
    public async Task SaveRatingsAsync_TheSamePersonSavedInAnotherTab_ToldItWasTheirOwnSave()
    {
        var round = await OpenAsync();
        var first = (await _service.GetAsync(Editor(_link), round))!;
        var item = first.Items[0].ItemId;
        Assert.True((await _service.SaveRatingsAsync(Editor(_link), round, [new RatingInput { ItemId = item, Score = ReviewScore.FullyMet }],
            submit: false, publishComments: false, first.RatingsVersion)).Succeeded);

        var outcome = await _service.SaveRatingsAsync(Editor(_link), round, [new RatingInput { ItemId = item, Score = ReviewScore.NotMet }],
            submit: false, publishComments: false, first.RatingsVersion);

        Assert.StartsWith("You saved these ratings in another tab or window (", outcome.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("Someone else", outcome.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_FirstPublicationByOneSide_TheViewAndThePublicPageNameWhoPublishedIt()
    {
        var round = await PublishedAsync();

        var view = (await _service.GetAsync(Editor(_link), round))!;
        Assert.Equal(("NHS South Birmingham", 22), (view.PublishedByName, view.PublishedNotAgreed));
        var review = await PublicAsync(round);
        Assert.Equal(("NHS South Birmingham", (string?)null, false), (review.PublishedBy, review.UpdatedBy, review.UpdatedAlone));
        Assert.Equal("Published on 1 October 2026 by NHS South Birmingham. 22 of the 24 criteria are published as not agreed.",
            ReviewTerms.PublicationText(review.PublishedAt, review.PublishedBy, review.UpdatedAt, review.UpdatedBy, review.UpdatedAlone,
                review.Items.Count(i => i.Agreed is null), review.Items.Count, _ => "1 October 2026"));
    }

    [Fact]
    public async Task PublishAsync_RevisionPublishedAloneAfterTheOtherSideWasDeactivated_SaysAlone()
    {
        var round = await PublishedAsync();
        Assert.True((await _service.ReopenAsync(Editor(_link), round)).Succeeded);
        await DeactivateAsync(_south);

        Assert.Equal(ReviewPublication.RevisionPublished, (await _service.PublishAsync(Editor(_link), round, notAgreedConfirmed: 22)).Value);

        var review = await PublicAsync(round);
        Assert.Equal(("Birmingham LINk", true), (review.UpdatedBy, review.UpdatedAlone));
        Assert.Contains("by Birmingham LINk alone: the other side had been deactivated",
            ReviewTerms.PublicationText(review.PublishedAt, review.PublishedBy, review.UpdatedAt, review.UpdatedBy, review.UpdatedAlone, 22, 24, _ => "a day"),
            StringComparison.Ordinal);
    }
}
