using EngagementHub.Core.Identity;
using EngagementHub.Core.Reviews;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data.Reviews;

/// <summary>
/// A published round is changed by reopening it for revision, and the revision is published once both sides agree to
/// publish it as it stands (ADR 23, "A published review changes only as both sides agree").
/// </summary>
public abstract partial class ReviewServiceTests
{
    /// <summary>Reopens the round as the LINk's editor, then changes the first criterion's agreed rating and adds an action.</summary>
    private async Task ReopenedAndChangedAsync(int round)
    {
        var reopened = await _service.ReopenAsync(Editor(_link), round);
        Assert.True(reopened.Succeeded, reopened.Problem);
        var items = (await _service.GetAsync(Editor(_link), round))!.Items;
        var changed = await _service.AgreeAsync(Editor(_link), round, items[0].ItemId,
            new AgreedRatingInput { Score = ReviewScore.FullyMet, Note = "Better than we said", SeenScore = ReviewScore.LargelyMet, SeenNote = "As agreed" });
        Assert.True(changed.Succeeded, changed.Problem);
        var added = await _service.AddActionAsync(Editor(_link), round, new ActionInput { Text = "Hold an assembly in Erdington", OwnerOrganisationId = _link.Id, DueOn = ActionDue });
        Assert.True(added.Succeeded, added.Problem);
    }

    [Fact]
    public async Task ReopenAsync_ThenChanged_ThePublicSeesWhatWasPublishedMarkedAsBeingRevisedSinceThenAndItIsAudited()
    {
        var round = await PublishedAsync();
        var reopenedAt = _database.Clock.GetUtcNow().AddDays(3);
        _database.Clock.SetUtcNow(reopenedAt);

        await ReopenedAndChangedAsync(round);

        var review = await PublicAsync(round);
        AssertAsPublished(review);
        Assert.Equal(reopenedAt, review.RevisingSince);
        Assert.Null(review.UpdatedAt);
        var view = (await _service.GetAsync(Editor(_south), round))!;
        Assert.Equal(ReviewScore.FullyMet, view.Items[0].AgreedScore);
        Assert.Equal((reopenedAt, (ReviewSide?)null), (view.RevisingSince!.Value, view.RevisionAgreedBy));
        await using var db = _database.CreateContext();
        var audited = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(ReviewRound) && a.EntityId == round.ToString()).ToListAsync();
        Assert.Contains(audited, a => a.UserId == $"user-{_link.Id}" && a.Changes.Any(c => c.Property == nameof(ReviewRound.RevisingSince) && c.Before == null && c.After != null));
    }

    [Fact]
    public async Task ReopenAsync_NotPublishedOrAlreadyReopened_RefusedSayingWhy()
    {
        var round = await OpenAsync();
        Assert.StartsWith("This review is not published yet", (await _service.ReopenAsync(Editor(_link), round)).Problem, StringComparison.Ordinal);

        var published = await PublishedAsync2026Async();
        Assert.True((await _service.ReopenAsync(Editor(_council), published)).Succeeded);
        Assert.StartsWith("This review has been reopened for revision since ", (await _service.ReopenAsync(Editor(_link), published)).Problem, StringComparison.Ordinal);
    }

    private async Task<int> PublishedAsync2026Async()
    {
        var round = (await _service.OpenRoundAsync(Editor(_council), new RoundInput { Year = 2026, CommissionerOrganisationId = _council.Id, ClosesOn = new DateOnly(2026, 12, 1) })).Value;
        await RateAllAsync(Editor(_link), round, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_council), round, ReviewScore.LargelyMet, submit: true);
        Assert.True((await _service.PublishAsync(Editor(_council), round, notAgreedConfirmed: 24)).Succeeded);
        return round;
    }

    [Fact]
    public async Task ReopenAsync_ByAnotherCommissioner_RefusedAndLogged()
    {
        var round = await PublishedAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.ReopenAsync(Editor(_council), round));

        Assert.Contains(_logs.Warnings, l => l.Message.Contains("Access denied", StringComparison.Ordinal));
        Assert.Null((await PublicAsync(round)).RevisingSince);
    }

    [Fact]
    public async Task PublishAsync_Revision_PublishedOnlyOnceBothSidesAgreeItAsItStands()
    {
        var round = await PublishedAsync();
        var firstPublished = (await PublicAsync(round)).PublishedAt;
        await ReopenedAndChangedAsync(round);

        // The LINk, which made the change, agrees to publish it: nothing is published yet, and pressing again says it waits.
        var linkAgrees = await _service.PublishAsync(Editor(_link), round, notAgreedConfirmed: 22);
        var again = await _service.PublishAsync(Editor(_link), round, notAgreedConfirmed: 22);

        Assert.Equal(ReviewPublication.RevisionAgreedByOneSide, linkAgrees.Value);
        Assert.StartsWith("Your side agreed to publish this revision on ", again.Problem, StringComparison.Ordinal);
        AssertAsPublished(await PublicAsync(round));
        Assert.Equal(ReviewSide.Link, (await _service.GetAsync(Editor(_south), round))!.RevisionAgreedBy);

        // The commissioner changes the revision before agreeing: its press is now its own agreement, and the LINk is asked again.
        var items = (await _service.GetAsync(Editor(_south), round))!.Items;
        Assert.True((await _service.AgreeAsync(Editor(_south), round, items[1].ItemId,
            new AgreedRatingInput { Score = ReviewScore.PartlyMet, SeenScore = ReviewScore.LargelyMet })).Succeeded);
        Assert.Null((await _service.GetAsync(Editor(_south), round))!.RevisionAgreedBy);
        Assert.Equal(ReviewPublication.RevisionAgreedByOneSide, (await _service.PublishAsync(Editor(_south), round, notAgreedConfirmed: 22)).Value);
        AssertAsPublished(await PublicAsync(round));

        var updatedAt = _database.Clock.GetUtcNow().AddDays(2);
        _database.Clock.SetUtcNow(updatedAt);
        var published = await _service.PublishAsync(Editor(_link), round, notAgreedConfirmed: 22);

        Assert.Equal(ReviewPublication.RevisionPublished, published.Value);
        var review = await PublicAsync(round);
        Assert.Equal((ReviewScore.FullyMet, "Better than we said"), (review.Items[0].Agreed!.Value, review.Items[0].AgreedNote));
        Assert.Equal((ReviewScore?)ReviewScore.PartlyMet, review.Items[1].Agreed);
        Assert.Equal(["Share the commissioning plan", "Hold an assembly in Erdington"], review.Actions.Select(a => a.Text));
        Assert.Equal((firstPublished, (DateTimeOffset?)updatedAt, (DateTimeOffset?)null), (review.PublishedAt, review.UpdatedAt, review.RevisingSince));

        // Published again, it is fixed again.
        Assert.StartsWith("This review is published, so it cannot be changed", (await _service.AgreeAsync(Editor(_link), round, items[0].ItemId,
            new AgreedRatingInput { Score = ReviewScore.NotMet, SeenScore = ReviewScore.FullyMet, SeenNote = "Better than we said" })).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_PublishedAndNotReopened_ChangesNothing()
    {
        var round = await PublishedAsync();
        var before = await PublicAsync(round);

        var outcome = await _service.PublishAsync(Editor(_link), round, notAgreedConfirmed: 22);

        Assert.Equal(ReviewPublication.AlreadyPublished, outcome.Value);
        var after = await PublicAsync(round);
        Assert.Equal((before.PublishedAt, (DateTimeOffset?)null), (after.PublishedAt, after.UpdatedAt));
    }

    [Fact]
    public async Task CompleteActionAsync_ActionAgreedDuringARevisionNotYetPublished_NotOnThePublicSiteEvenWhenDone()
    {
        var round = await PublishedAsync();
        await ReopenedAndChangedAsync(round);
        var added = (await _service.GetAsync(Editor(_link), round))!.Actions.Single(a => a.Text == "Hold an assembly in Erdington");

        Assert.True((await _service.CompleteActionAsync(Editor(_link), added.Id)).Succeeded);

        AssertAsPublished(await PublicAsync(round));
    }

    /// <summary>A service whose step is held once it has read the round with its actions (the read its save depends on).</summary>
    private (QueryPause Pause, ReviewService Service) PausedAfterReadingTheActions()
    {
        var pause = new QueryPause(c => c.CommandText.Contains("\"ReviewActions\"", StringComparison.Ordinal));
        return (pause, new ReviewService(pause.Factory(_database), new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock));
    }

    /// <summary>A published round, reopened and changed by the LINk, which agreed to publish the revision: the commissioner's press publishes it.</summary>
    private async Task<int> RevisionAgreedByTheLinkAsync()
    {
        var round = await PublishedAsync();
        await ReopenedAndChangedAsync(round);
        Assert.Equal(ReviewPublication.RevisionAgreedByOneSide, (await _service.PublishAsync(Editor(_link), round, notAgreedConfirmed: 22)).Value);
        return round;
    }

    // The LINk adds an action as the commissioner publishes the revision: the action's step has read the round, still
    // being revised, when the publication is saved. It is refused, saying so; nothing is saved unpublished on a round
    // fixed again.
    [Fact]
    public async Task AddActionAsync_TheRevisionPublishedBetweenItsReadAndItsSave_RefusedSayingTheOtherSidePublishedItAndNothingRecorded()
    {
        var round = await RevisionAgreedByTheLinkAsync();
        var (pause, paused) = PausedAfterReadingTheActions();

        var adding = Task.Run(() => paused.AddActionAsync(Editor(_link), round, new ActionInput { Text = "Report back in June", OwnerOrganisationId = _south.Id, DueOn = ActionDue }));
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        var published = await _service.PublishAsync(Editor(_south), round, notAgreedConfirmed: 22);
        pause.Release();
        var added = await adding;

        Assert.Equal(ReviewPublication.RevisionPublished, published.Value);
        Assert.Equal(ReviewRound.PublishedMeanwhileText, added.Problem);
        await using var db = _database.CreateContext();
        Assert.False(await db.Set<ReviewAction>().AnyAsync(a => a.RoundId == round && a.Text == "Report back in June"));
        Assert.All(await db.Set<ReviewAction>().Where(a => a.RoundId == round).ToListAsync(), a => Assert.True(a.IsPublished));
    }

    // The other order: the action is saved while the commissioner's press has read the revision the LINk agreed. The
    // press is refused, saying the revision changed; the round is still being revised, with the action, and a press now
    // is the commissioner's agreement to the revision as it stands.
    [Fact]
    public async Task PublishAsync_AnActionAddedBetweenItsReadAndItsSave_RefusedSayingTheRevisionChangedAndTheRoundStillBeingRevised()
    {
        var round = await RevisionAgreedByTheLinkAsync();
        var (pause, paused) = PausedAfterReadingTheActions();

        var publishing = Task.Run(() => paused.PublishAsync(Editor(_south), round, notAgreedConfirmed: 22));
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        var added = await _service.AddActionAsync(Editor(_link), round, new ActionInput { Text = "Report back in June", OwnerOrganisationId = _south.Id, DueOn = ActionDue });
        pause.Release();
        var published = await publishing;

        Assert.True(added.Succeeded, added.Problem);
        Assert.StartsWith("Editor changed, on ", published.Problem);
        Assert.Contains("this revision (an agreed rating or an action) at the moment you pressed publish, so nothing was published or agreed.", published.Problem, StringComparison.Ordinal);
        var view = (await _service.GetAsync(Editor(_south), round))!;
        Assert.NotNull(view.RevisingSince);
        Assert.Null(view.RevisionAgreedBy);
        Assert.Contains(view.Actions, a => a.Text == "Report back in June");
        Assert.Equal(ReviewPublication.RevisionAgreedByOneSide, (await _service.PublishAsync(Editor(_south), round, notAgreedConfirmed: 22)).Value);
    }
}
