using Bunit;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reviews;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Reviews;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementHub.Tests.Components.Reviews;

/// <summary>
/// The public page of joint reviews shows only what both sides agreed to publish, and says when it was published, when a
/// revision was published and when one is under way (ADR 23, "A published review changes only as both sides agree").
/// </summary>
public sealed partial class PublicReviewsPageTests : BunitTestContextBase
{
    private sealed record Setting(TestDatabase Database, ReviewService Service, int RoundId, Actor Link, Actor Commissioner, int FirstItemId);

    /// <summary>
    /// A 2026/27 round both sides submitted, whose first criterion ("New faces") the meeting agreed "largely met" with the
    /// note "As agreed", published by the commissioner on 1 October 2026 with the other 23 criteria not agreed.
    /// </summary>
    private async Task<Setting> PublishedAsync()
    {
        var database = await CreateDatabaseAsync();
        await using (var db = database.CreateContext())
        {
            await StandardCriteria.EnsureAsync(db, database.Clock);
        }

        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var commissioner = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        var service = new ReviewService(database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), database.Clock);
        var (linkEditor, commissionerEditor) = (People.Editor(link.Id, link.Name), People.Editor(commissioner.Id, commissioner.Name));
        var round = (await service.OpenRoundAsync(linkEditor,
            new RoundInput { Year = 2026, CommissionerOrganisationId = commissioner.Id, ClosesOn = new DateOnly(2026, 12, 1) })).Value;
        foreach (var side in new[] { linkEditor, commissionerEditor })
        {
            var view = (await service.GetAsync(side, round))!;
            Assert.True((await service.SaveRatingsAsync(side, round, [.. view.Items.Select(i => new RatingInput { ItemId = i.ItemId, Score = ReviewScore.LargelyMet })],
                submit: true, publishComments: false, view.RatingsVersion)).Succeeded);
        }

        var first = (await service.GetAsync(linkEditor, round))!.Items[0].ItemId;
        Assert.True((await service.AgreeAsync(linkEditor, round, first, new AgreedRatingInput { Score = ReviewScore.LargelyMet, Note = "As agreed" })).Succeeded);
        Assert.True((await service.PublishAsync(commissionerEditor, round, notAgreedConfirmed: 23)).Succeeded);
        return new Setting(database, service, round, linkEditor, commissionerEditor, first);
    }

    private IRenderedComponent<PublicReviewsPage> Render(Setting setting)
    {
        Context.UseEngagementHub(setting.Database);
        var cut = Context.Render<PublicReviewsPage>();
        cut.WaitForAssertion(() => Assert.Contains("2026/27: the LINk and NHS South Birmingham", cut.Markup, StringComparison.Ordinal));
        return cut;
    }

    [Fact]
    public async Task PublishedRound_OneSideChangesAnAgreedRatingAfterwards_ThePageShowsOnlyWhatWasPublished()
    {
        var setting = await PublishedAsync();
        setting.Database.Clock.Advance(TimeSpan.FromDays(5));

        // The LINk alone tries to put another rating in place of the published one.
        await setting.Service.AgreeAsync(setting.Link, setting.RoundId, setting.FirstItemId,
            new AgreedRatingInput { Score = ReviewScore.FullyMet, Note = "Better than we said", SeenScore = ReviewScore.LargelyMet, SeenNote = "As agreed" });

        var cut = Render(setting);

        Assert.DoesNotContain("Better than we said", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("4 · Fully met", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("3 · Largely met — As agreed", cut.Markup, StringComparison.Ordinal);
        Assert.Contains(">Published on 1 October 2026 by NHS South Birmingham. 23 of the 24 criteria are published as not agreed.</p>", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Being revised", cut.Markup, StringComparison.Ordinal);
    }
}
