using EngagementHub.Core.Common;
using EngagementHub.Core.Public;
using EngagementHub.Core.Reviews;

namespace EngagementHub.Tests.Data.Reviews;

/// <summary>
/// A published round is what both sides agreed (ADR 23, "A published review changes only as both sides agree"): every
/// path that writes a round is refused on it, or leaves what the public sees as it was published.
/// </summary>
public abstract partial class ReviewServiceTests
{
    private static readonly DateOnly ActionDue = new(2027, 3, 1);

    /// <summary>
    /// A round both sides submitted whose first two criteria were agreed "largely met" (the note "As agreed" on the first),
    /// with one action for NHS South Birmingham, published by the commissioner with the other 22 criteria not agreed.
    /// </summary>
    private async Task<int> PublishedAsync()
    {
        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_south), round, ReviewScore.PartlyMet, submit: true);
        var items = (await _service.GetAsync(Editor(_link), round))!.Items;
        Assert.True((await _service.AgreeAsync(Editor(_link), round, items[0].ItemId, new AgreedRatingInput { Score = ReviewScore.LargelyMet, Note = "As agreed" })).Succeeded);
        Assert.True((await _service.AgreeAsync(Editor(_link), round, items[1].ItemId, new AgreedRatingInput { Score = ReviewScore.LargelyMet })).Succeeded);
        Assert.True((await _service.AddActionAsync(Editor(_link), round, new ActionInput { Text = "Share the commissioning plan", OwnerOrganisationId = _south.Id, DueOn = ActionDue })).Succeeded);
        var published = await _service.PublishAsync(Editor(_south), round, notAgreedConfirmed: items.Count - 2);
        Assert.True(published.Succeeded, published.Problem);
        return round;
    }

    private async Task<PublicReview> PublicAsync(int round)
    {
        await using var db = _database.CreateContext();
        return (await PublicReviews.LoadAsync(db)).Single(r => r.Id == round);
    }

    /// <summary>What the public sees of the round as <see cref="PublishedAsync"/> published it.</summary>
    private static void AssertAsPublished(PublicReview review)
    {
        Assert.Equal((ReviewScore?)ReviewScore.LargelyMet, review.Items[0].Agreed);
        Assert.Equal("As agreed", review.Items[0].AgreedNote);
        Assert.Equal((ReviewScore?)ReviewScore.LargelyMet, review.Items[1].Agreed);
        Assert.All(review.Items.Skip(2), i => Assert.Null(i.Agreed));
        Assert.Equal("Share the commissioning plan", Assert.Single(review.Actions).Text);
    }

    [Fact]
    public async Task AgreeAsync_PublishedRound_RefusedSayingToReopenItAndThePublicSeesWhatWasPublished()
    {
        var round = await PublishedAsync();
        var items = (await _service.GetAsync(Editor(_link), round))!.Items;

        var changed = await _service.AgreeAsync(Editor(_link), round, items[0].ItemId,
            new AgreedRatingInput { Score = ReviewScore.FullyMet, Note = "Better than we said", SeenScore = ReviewScore.LargelyMet, SeenNote = "As agreed" });
        var added = await _service.AgreeAsync(Editor(_link), round, items[5].ItemId, new AgreedRatingInput { Score = ReviewScore.FullyMet });

        Assert.StartsWith("This review is published, so it cannot be changed", changed.Problem, StringComparison.Ordinal);
        Assert.Contains("Reopen it for revision on the meeting page first", changed.Problem, StringComparison.Ordinal);
        Assert.StartsWith("This review is published, so it cannot be changed", added.Problem, StringComparison.Ordinal);
        var view = (await _service.GetAsync(Editor(_link), round))!;
        Assert.Equal((ReviewScore.LargelyMet, "As agreed"), (view.Items[0].AgreedScore!.Value, view.Items[0].AgreedNote));
        Assert.Null(view.Items[5].AgreedScore);
        AssertAsPublished(await PublicAsync(round));
    }

    [Fact]
    public async Task AddActionAsync_PublishedRound_RefusedSayingToReopenItAndNothingRecorded()
    {
        var round = await PublishedAsync();

        var outcome = await _service.AddActionAsync(Editor(_south), round, new ActionInput { Text = "Nothing more for us", OwnerOrganisationId = _link.Id, DueOn = ActionDue });

        Assert.StartsWith("This review is published, so it cannot be changed", outcome.Problem, StringComparison.Ordinal);
        Assert.Single((await _service.GetAsync(Editor(_link), round))!.Actions);
        AssertAsPublished(await PublicAsync(round));
    }

    [Fact]
    public async Task SaveRatingsAsync_PublishedRound_RefusedAsEachSideSubmittedAndThePublicSeesWhatWasPublished()
    {
        var round = await PublishedAsync();
        var view = (await _service.GetAsync(Editor(_link), round))!;

        var outcome = await _service.SaveRatingsAsync(Editor(_link), round,
            [new RatingInput { ItemId = view.Items[0].ItemId, Score = ReviewScore.NotMet, Comment = "Changed our mind" }], submit: false, publishComments: true, view.RatingsVersion);

        Assert.Equal(ReviewRound.RatingsClosedText, outcome.Problem);
        Assert.Equal(ReviewScore.LargelyMet, (await _service.GetAsync(Editor(_link), round))!.Items[0].Link!.Score);
        AssertAsPublished(await PublicAsync(round));
        Assert.All((await PublicAsync(round)).Items, i => Assert.Null(i.LinkComment));
    }

    [Fact]
    public async Task SaveCriterionAsync_PublishedRoundsCriterionReworded_ThePublicSeesTheWordingItWasRatedOn()
    {
        var round = await PublishedAsync();
        var first = (await _service.GetAsync(Editor(_link), round))!.Items[0];
        var criterion = (await _service.CriteriaAsync()).Single(c => c.Id == first.CriterionId);

        var outcome = await _service.SaveCriterionAsync(Admin(_link), criterion.Id,
            new CriterionInput { Name = "Fresh faces", Description = "Reworded by an administrator.", IsActive = false, Version = criterion.Version });

        Assert.True(outcome.Succeeded, outcome.Problem);
        var review = await PublicAsync(round);
        Assert.Equal((first.Name, first.Description), (review.Items[0].Name, review.Items[0].Description));
        Assert.Equal(24, review.Items.Count);
    }

    [Fact]
    public async Task CompleteActionAsync_PublishedRound_TheOwnerReportsItDoneWithoutReopeningIt()
    {
        var round = await PublishedAsync();
        var action = Assert.Single((await _service.GetAsync(Editor(_south), round))!.Actions);

        var outcome = await _service.CompleteActionAsync(Editor(_south), action.Id);

        // Marking its own action done is the owner's report of progress, not a change to what was agreed: the public page
        // shows it as the owner reported it.
        Assert.True(outcome.Succeeded, outcome.Problem);
        Assert.Equal(UkTime.Today(_database.Clock), Assert.Single((await PublicAsync(round)).Actions).DoneOn);
    }
}
