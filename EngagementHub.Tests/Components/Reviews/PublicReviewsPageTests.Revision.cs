using Bunit;
using EngagementHub.Core.Reviews;

namespace EngagementHub.Tests.Components.Reviews;

public sealed partial class PublicReviewsPageTests
{
    /// <summary>On 6 October 2026 the LINk reopens the round and changes the first criterion's agreed rating and note.</summary>
    private static async Task ReopenedAndChangedAsync(Setting setting)
    {
        setting.Database.Clock.Advance(TimeSpan.FromDays(5));
        Assert.True((await setting.Service.ReopenAsync(setting.Link, setting.RoundId)).Succeeded);
        Assert.True((await setting.Service.AgreeAsync(setting.Link, setting.RoundId, setting.FirstItemId,
            new AgreedRatingInput { Score = ReviewScore.FullyMet, Note = "Better than we said", SeenScore = ReviewScore.LargelyMet, SeenNote = "As agreed" })).Succeeded);
    }

    [Fact]
    public async Task ReopenedAndChanged_SaysBeingRevisedSinceThenAndShowsWhatWasLastPublished()
    {
        var setting = await PublishedAsync();
        await ReopenedAndChangedAsync(setting);
        Assert.Equal(ReviewPublication.RevisionAgreedByOneSide, (await setting.Service.PublishAsync(setting.Link, setting.RoundId, notAgreedConfirmed: 23)).Value);

        var cut = Render(setting);

        Assert.Equal("Published on 1 October 2026 by NHS South Birmingham. 23 of the 24 criteria are published as not agreed.",
            cut.Find("[data-testid=review-published]").TextContent.Trim());
        var revising = OneLine(cut.Find("[data-testid=review-revising]").TextContent);
        Assert.Contains("Being revised since 6 October 2026.", revising, StringComparison.Ordinal);
        Assert.Contains("The ratings and actions below are those last published", revising, StringComparison.Ordinal);
        Assert.DoesNotContain("both sides last agreed", revising, StringComparison.Ordinal);
        Assert.Contains("3 · Largely met — As agreed", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Better than we said", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevisionPublishedByBothSides_SaysUpdatedOnBesideTheFirstPublicationAndShowsIt()
    {
        var setting = await PublishedAsync();
        await ReopenedAndChangedAsync(setting);
        Assert.True((await setting.Service.PublishAsync(setting.Link, setting.RoundId, notAgreedConfirmed: 23)).Succeeded);
        setting.Database.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(ReviewPublication.RevisionPublished, (await setting.Service.PublishAsync(setting.Commissioner, setting.RoundId, notAgreedConfirmed: 23)).Value);

        var cut = Render(setting);

        Assert.Equal("Published on 1 October 2026 by NHS South Birmingham. Updated on 8 October 2026, after both sides agreed to publish a revision "
                     + "(NHS South Birmingham published it). 23 of the 24 criteria are published as not agreed.",
            cut.Find("[data-testid=review-published]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=review-revising]"));
        Assert.Contains("4 · Fully met — Better than we said", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("As agreed", cut.Markup, StringComparison.Ordinal);
    }
}
