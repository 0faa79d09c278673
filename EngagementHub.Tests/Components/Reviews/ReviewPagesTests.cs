using Bunit;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reviews;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Reviews;
using EngagementHub.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace EngagementHub.Tests.Components.Reviews;

public sealed class ReviewPagesTests : BunitTestContextBase
{
    private const string LinkComment = "Fewer new faces than we hoped";

    private sealed record Setting(Organisation Link, Organisation Commissioner, int RoundId);

    /// <summary>A 2026/27 round with the LINk's ratings submitted (all "largely met", new faces "fully met", with a comment).</summary>
    private static async Task<(Setting, ReviewService)> SeedAsync(TestDatabase database)
    {
        await using (var db = database.CreateContext())
        {
            await StandardCriteria.EnsureAsync(db, database.Clock);
        }

        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var commissioner = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        var service = new ReviewService(database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance),
            database.Clock);
        var opened = await service.OpenRoundAsync(People.Editor(link.Id, link.Name),
            new RoundInput { Year = 2026, CommissionerOrganisationId = commissioner.Id, ClosesOn = new DateOnly(2026, 12, 1) });
        await RateAsync(service, People.Editor(link.Id, link.Name), opened.Value, ReviewScore.LargelyMet, ReviewScore.FullyMet, LinkComment);
        return (new Setting(link, commissioner, opened.Value), service);
    }

    private static async Task RateAsync(ReviewService service, Actor actor, int round, ReviewScore score, ReviewScore first, string? comment = null)
    {
        var view = (await service.GetAsync(actor, round))!;
        var outcome = await service.SaveRatingsAsync(actor, round,
            [.. view.Items.Select((i, n) => new RatingInput { ItemId = i.ItemId, Score = n == 0 ? first : score, Comment = n == 0 ? comment : null })],
            submit: true, publishComments: false, view.RatingsVersion);
        Assert.True(outcome.Succeeded, outcome.Problem);
    }

    private BunitContext SignedIn(TestDatabase database, Actor actor)
    {
        Context.UseEngagementHub(database);
        Context.SignIn(actor);
        Context.RenderPopovers();
        return Context;
    }

    [Fact]
    public async Task RoundPage_LinkSubmittedFirst_CommissionerRatesWithoutSeeingTheLinksRatings()
    {
        var database = await CreateDatabaseAsync();
        var (setting, _) = await SeedAsync(database);
        SignedIn(database, People.Editor(setting.Commissioner.Id));

        var cut = Context.Render<ReviewRoundPage>(p => p.Add(x => x.Id, setting.RoundId));

        cut.WaitForAssertion(() => Assert.Contains("Submit our ratings", cut.Markup));
        Assert.Contains("Submitted on", cut.Find("[data-testid=link-status]").TextContent);
        Assert.Contains("cannot see theirs", cut.Find("[data-testid=hidden-note]").TextContent);
        Assert.DoesNotContain(LinkComment, cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=score-Link]"));
        Assert.Equal(24, cut.FindAll("[data-testid^=criterion-]").Count);
    }

    // Twenty-four ratings with comments: leaving with one typed and not saved asks first, as the long forms do. Before, a
    // link in the menu left at once and the comment was gone.
    [Fact]
    public async Task RoundPage_CommentNotSaved_LeavingAsksFirst()
    {
        var database = await CreateDatabaseAsync();
        var (setting, _) = await SeedAsync(database);
        SignedIn(database, People.Editor(setting.Commissioner.Id));
        var dialogs = Context.Render<MudDialogProvider>();
        var cut = Context.Render<ReviewRoundPage>(p => p.Add(x => x.Id, setting.RoundId));
        cut.WaitForAssertion(() => Assert.Contains("Submit our ratings", cut.Markup));
        var navigation = Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();

        await cut.InvokeAsync(() => navigation.NavigateTo("/reviews"));
        Assert.DoesNotContain("Leave without saving?", dialogs.Markup);

        await cut.Find("[data-testid^=criterion-] textarea").ChangeAsync(new() { Value = "The panel met twice." });
        await cut.InvokeAsync(() => navigation.NavigateTo("/"));

        dialogs.WaitForAssertion(() => Assert.Contains("Leave without saving?", dialogs.Markup));
    }

    [Fact]
    public async Task MeetingPage_BothSubmitted_BiggestDisagreementFirstWithBothSidesRatings()
    {
        var database = await CreateDatabaseAsync();
        var (setting, service) = await SeedAsync(database);
        var commissioner = People.Editor(setting.Commissioner.Id);
        await RateAsync(service, commissioner, setting.RoundId, ReviewScore.PartlyMet, ReviewScore.NotMet);
        SignedIn(database, commissioner);

        var cut = Context.Render<ReviewMeetingPage>(p => p.Add(x => x.Id, setting.RoundId));

        cut.WaitForAssertion(() => Assert.Equal(24, cut.FindAll("[data-testid=agenda-item]").Count));
        var first = cut.FindAll("[data-testid=agenda-item]")[0];
        Assert.Contains("New faces", first.TextContent);
        Assert.Contains("3 points apart", first.TextContent);
        Assert.Contains(LinkComment, first.TextContent);
        Assert.Contains("1 · Not met", first.QuerySelector("[data-testid=score-Commissioners]")!.TextContent);
        Assert.Contains("1 point apart", cut.FindAll("[data-testid=agenda-item]")[1].TextContent);
    }

    private static void Choose(IRenderedComponent<MudSelect<ReviewScore?>> select, IRenderedComponent<MudPopoverProvider> popovers, ReviewScore score)
    {
        select.Find("div.mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == score.Label()).Click());
        select.WaitForAssertion(() => Assert.Contains(score.Label(), select.Markup, StringComparison.Ordinal));
    }

    private static IRenderedComponent<MudSelect<ReviewScore?>> AgreedRating(IRenderedComponent<ReviewMeetingPage> cut, string criterion) =>
        cut.FindComponents<MudSelect<ReviewScore?>>().Single(s => s.Instance.Label == $"Agreed rating of {criterion}");

    private static AngleSharp.Dom.IElement NewFacesNote(IRenderedComponent<ReviewMeetingPage> cut) =>
        cut.FindAll("[data-testid=agenda-item]").Single(i => i.QuerySelector("h2")!.TextContent.StartsWith("New faces", StringComparison.Ordinal))
            .QuerySelectorAll("input").Single(i => i.GetAttribute("type") == "text" && !i.ClassList.Contains("mud-select-input"));

    private static async Task ClickAsync(IRenderedComponent<MudDialogProvider> providers, string button)
    {
        AngleSharp.Dom.IElement? target = null;
        providers.WaitForAssertion(() => target = providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == button));
        await target!.ClickAsync(new());
    }

    /// <summary>The meeting of a round both sides have submitted, open as the LINk's editor, with "New faces" chosen as not met and a note typed, not recorded.</summary>
    private sealed record Meeting(
        Setting Setting, ReviewService Service, IRenderedComponent<ReviewMeetingPage> Cut, IRenderedComponent<MudPopoverProvider> Popovers,
        IRenderedComponent<MudDialogProvider> Dialogs);

    private async Task<Meeting> MeetingWithAChoiceAsync()
    {
        var database = await CreateDatabaseAsync();
        var (setting, service) = await SeedAsync(database);
        await RateAsync(service, People.Editor(setting.Commissioner.Id), setting.RoundId, ReviewScore.PartlyMet, ReviewScore.NotMet);
        Context.UseEngagementHub(database);
        Context.SignIn(People.Editor(setting.Link.Id, setting.Link.Name));
        var popovers = Context.RenderPopovers();
        var providers = Context.Render<MudDialogProvider>();
        var cut = Context.Render<ReviewMeetingPage>(p => p.Add(x => x.Id, setting.RoundId));
        cut.WaitForAssertion(() => Assert.Equal(24, cut.FindAll("[data-testid=agenda-item]").Count));

        Choose(AgreedRating(cut, "New faces"), popovers, ReviewScore.NotMet);
        NewFacesNote(cut).Change("Outreach reached few new people");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=unrecorded]")));
        return new Meeting(setting, service, cut, popovers, providers);
    }

    private static void AssertChoiceKept(IRenderedComponent<ReviewMeetingPage> cut) => cut.WaitForAssertion(() =>
    {
        Assert.Contains(ReviewScore.NotMet.Label(), AgreedRating(cut, "New faces").Markup, StringComparison.Ordinal);
        Assert.Equal("Outreach reached few new people", NewFacesNote(cut).GetAttribute("value"));
        Assert.Single(cut.FindAll("[data-testid=unrecorded]"));
    });

    [Fact]
    public async Task MeetingPage_PublishWithARatingChosenNotRecorded_AsksSayingHowManyAreNotAgreedAndKeepsTheChoice()
    {
        var (setting, service, cut, _, providers) = await MeetingWithAChoiceAsync();
        var publish = cut.FindAll("button").Single(b => b.TextContent.Trim() == "Publish the agreed ratings");

        var cancelled = publish.ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("Publish with 24 of the 24 criteria not agreed?", providers.Markup));
        Assert.Contains("1 rating or note chosen on this page is not recorded yet", providers.Markup);
        await ClickAsync(providers, "Cancel");
        await cancelled;
        Assert.Null((await service.GetAsync(People.Editor(setting.Link.Id), setting.RoundId))!.PublishedAt);
        AssertChoiceKept(cut);

        var confirmed = cut.FindAll("button").Single(b => b.TextContent.Trim() == "Publish the agreed ratings").ClickAsync(new());
        await ClickAsync(providers, "Publish with 24 not agreed");
        await confirmed;

        cut.WaitForAssertion(() => Assert.Contains("Published on", cut.Find("[data-testid=published]").TextContent));
        Assert.NotNull((await service.GetAsync(People.Editor(setting.Link.Id), setting.RoundId))!.PublishedAt);
        AssertChoiceKept(cut);
    }

    [Fact]
    public async Task MeetingPage_ActionAddedThenMarkedDoneWhileARatingIsChosen_TheChoiceAndNoteStay()
    {
        var (setting, _, cut, popovers, _) = await MeetingWithAChoiceAsync();

        cut.Find("textarea").Change("Run two outreach sessions in Sparkbrook");
        cut.FindComponents<MudSelect<int>>().Single(s => s.Instance.Label == "Owner").Find("div.mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == setting.Link.Name).Click());
        cut.Find(".uk-date-field input").Change("31/01/2027");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Run two outreach sessions in Sparkbrook", cut.Find("[aria-label='Agreed actions']").TextContent));
        AssertChoiceKept(cut);

        await cut.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Mark done: Run two outreach sessions in Sparkbrook").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("button[aria-label^='Mark done']")));
        AssertChoiceKept(cut);
    }

    [Fact]
    public async Task MeetingPage_SomeoneRecordedThatCriterionWhileARatingWasChosen_SaysWhoShowsTheirsAndKeepsTheChoice()
    {
        var (setting, service, cut, _, _) = await MeetingWithAChoiceAsync();
        var colleague = People.Editor(setting.Commissioner.Id) with { UserId = "user-sam", DisplayName = "Sam South" };
        var newFaces = (await service.GetAsync(colleague, setting.RoundId))!.Items.Single(i => i.Name == "New faces");
        Assert.True((await service.AgreeAsync(colleague, setting.RoundId, newFaces.ItemId,
            new AgreedRatingInput { Score = ReviewScore.PartlyMet, Note = "Some came back" })).Succeeded);

        await cut.Find("button[aria-label='Record the agreed rating of New faces']").ClickAsync(new());

        var told = Assert.Single(Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars).Message;
        Assert.StartsWith("Sam South (", told, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Equal("Your choice here is not recorded. Recorded now: 2 · Partly met, \"Some came back\"",
            cut.Find("[data-testid=unrecorded]").TextContent.Trim()));
        AssertChoiceKept(cut);
        Assert.Equal(ReviewScore.PartlyMet, (await service.GetAsync(colleague, setting.RoundId))!.Items.Single(i => i.Name == "New faces").AgreedScore);

        // With theirs in view, Record puts this choice in its place.
        await cut.Find("button[aria-label='Record the agreed rating of New faces']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=unrecorded]")));
        var now = (await service.GetAsync(colleague, setting.RoundId))!.Items.Single(i => i.Name == "New faces");
        Assert.Equal((ReviewScore.NotMet, "Outreach reached few new people"), (now.AgreedScore, now.AgreedNote));
    }

    [Fact]
    public async Task RoundPage_DraftWithACommentButNoRating_SaysSoAtTheRatingAndKeepsTheComment()
    {
        var database = await CreateDatabaseAsync();
        var (setting, service) = await SeedAsync(database);
        var commissioner = People.Editor(setting.Commissioner.Id);
        var newFaces = (await service.GetAsync(commissioner, setting.RoundId))!.Items[0];
        SignedIn(database, commissioner);
        var cut = Context.Render<ReviewRoundPage>(p => p.Add(x => x.Id, setting.RoundId));
        cut.WaitForAssertion(() => Assert.Contains("Save draft", cut.Markup));

        cut.Find($"[data-testid=criterion-{newFaces.CriterionId}] textarea").Change("Few new faces at the assemblies");
        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Save draft").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("to save the comment and links with it", cut.Find($"[data-testid=criterion-{newFaces.CriterionId}]").TextContent));
        Assert.Equal("Few new faces at the assemblies", cut.Find($"[data-testid=criterion-{newFaces.CriterionId}] textarea").GetAttribute("value"));
        Assert.Contains($"#{ErrorSummary.FieldAnchor($"Score-{newFaces.ItemId}")}", cut.Markup);
        Assert.Null((await service.GetAsync(commissioner, setting.RoundId))!.Items[0].Commissioners);
    }

    [Fact]
    public async Task MeetingPage_Published_OffersReopeningNotRecordingAndReopeningAsksFirstThenOffersAgreeingToPublishTheRevision()
    {
        var database = await CreateDatabaseAsync();
        var (setting, service) = await SeedAsync(database);
        var commissioner = People.Editor(setting.Commissioner.Id);
        await RateAsync(service, commissioner, setting.RoundId, ReviewScore.PartlyMet, ReviewScore.NotMet);
        Assert.True((await service.PublishAsync(commissioner, setting.RoundId, notAgreedConfirmed: 24)).Succeeded);
        SignedIn(database, People.Editor(setting.Link.Id, setting.Link.Name));
        var providers = Context.Render<MudDialogProvider>();

        var cut = Context.Render<ReviewMeetingPage>(p => p.Add(x => x.Id, setting.RoundId));

        cut.WaitForAssertion(() => Assert.Contains("reopen the review for revision first", OneLine(cut.Find("[data-testid=fixed-as-published]").TextContent)));
        Assert.Empty(cut.FindAll("button[aria-label^='Record the agreed rating']"));
        Assert.DoesNotContain("Agree an action", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Publish", StringComparison.Ordinal));

        var reopening = cut.FindAll("button").Single(b => b.TextContent.Trim() == "Reopen for revision").ClickAsync(new());
        await ClickAsync(providers, "Reopen for revision");
        await reopening;

        cut.WaitForAssertion(() => Assert.Contains("Neither side has agreed to publish it", OneLine(cut.Find("[data-testid=revising]").TextContent)));
        Assert.Equal(24, cut.FindAll("button[aria-label^='Record the agreed rating']").Count);
        Assert.Single(cut.FindAll("button"), b => b.TextContent.Trim() == "Agree to publish the revision");
        Assert.NotNull((await service.GetAsync(commissioner, setting.RoundId))!.RevisingSince);
    }

    /// <summary>A round published by the commissioner with nothing agreed, reopened for revision by the LINk.</summary>
    private static async Task<(Setting, ReviewService)> ReopenedAsync(TestDatabase database)
    {
        var (setting, service) = await SeedAsync(database);
        var commissioner = People.Editor(setting.Commissioner.Id);
        await RateAsync(service, commissioner, setting.RoundId, ReviewScore.PartlyMet, ReviewScore.NotMet);
        Assert.True((await service.PublishAsync(commissioner, setting.RoundId, notAgreedConfirmed: 24)).Succeeded);
        Assert.True((await service.ReopenAsync(People.Editor(setting.Link.Id), setting.RoundId)).Succeeded);
        return (setting, service);
    }

    // The commissioner that made up the other side was deactivated while the round was being revised: nobody there can
    // agree, so the page says so, and the LINk's publish puts the revision out alone, asking first in those words.
    [Fact]
    public async Task MeetingPage_RevisionWhoseOtherSideWasDeactivated_SaysItCanNoLongerAgreeAndPublishesAlone()
    {
        var database = await CreateDatabaseAsync();
        var (setting, service) = await ReopenedAsync(database);
        await using (var db = database.CreateContext())
        {
            var commissioner = await db.Organisations.FindAsync(setting.Commissioner.Id);
            commissioner!.Deactivate();
            await db.SaveChangesAsync();
        }

        var link = People.Editor(setting.Link.Id, setting.Link.Name);
        SignedIn(database, link);
        var providers = Context.Render<MudDialogProvider>();
        var cut = Context.Render<ReviewMeetingPage>(p => p.Add(x => x.Id, setting.RoundId));

        cut.WaitForAssertion(() => Assert.Contains("NHS South Birmingham was deactivated, so it can no longer agree",
            OneLine(cut.Find("[data-testid=other-side-gone]").TextContent)));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Agree to publish the revision");
        var pressing = cut.FindAll("button").Single(b => b.TextContent.Trim() == "Publish the revision").ClickAsync(new());

        // Asked first, as the criteria are not all agreed, in words that say it goes out alone and tells nobody there.
        providers.WaitForAssertion(() => Assert.Contains("Publish with 24 of the 24 criteria not agreed?", providers.Markup));
        var dialog = OneLine(providers.Find(".mud-dialog").TextContent);
        Assert.Contains("NHS South Birmingham was deactivated and can no longer agree, so publishing puts", dialog, StringComparison.Ordinal);
        Assert.DoesNotContain("tells the other side", dialog, StringComparison.Ordinal);
        await ClickAsync(providers, "Publish with 24 not agreed");
        await pressing;
        var round = (await service.GetAsync(link, setting.RoundId))!;
        Assert.Null(round.RevisingSince);
        Assert.NotNull(round.PublishedAt);
    }

    [Fact]
    public async Task MeetingPage_PublishedByOneSideWithCriteriaNotAgreed_NamesWhoPublishedItAndClaimsNoAgreement()
    {
        var database = await CreateDatabaseAsync();
        var (setting, service) = await SeedAsync(database);
        var commissioner = People.Editor(setting.Commissioner.Id);
        await RateAsync(service, commissioner, setting.RoundId, ReviewScore.PartlyMet, ReviewScore.NotMet);
        Assert.True((await service.PublishAsync(commissioner, setting.RoundId, notAgreedConfirmed: 24)).Succeeded);
        SignedIn(database, People.Editor(setting.Link.Id, setting.Link.Name));

        var cut = Context.Render<ReviewMeetingPage>(p => p.Add(x => x.Id, setting.RoundId));

        cut.WaitForAssertion(() => Assert.Contains("by NHS South Birmingham.", cut.Find("[data-testid=published]").TextContent));
        Assert.Contains("24 of the 24 criteria are published as not agreed.", cut.Find("[data-testid=published]").TextContent);
        Assert.DoesNotContain("Both sides agreed", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("(commissioners' criterion 4)", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Commissioners criterion", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeetingPage_FirstAgreementToPublishARevisionWithCriteriaNotAgreed_SaysItOnlyAgreesAndPublishesNothing()
    {
        var database = await CreateDatabaseAsync();
        var (setting, service) = await ReopenedAsync(database);
        SignedIn(database, People.Editor(setting.Link.Id, setting.Link.Name));
        var providers = Context.Render<MudDialogProvider>();
        var cut = Context.Render<ReviewMeetingPage>(p => p.Add(x => x.Id, setting.RoundId));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("button"), b => b.TextContent.Trim() == "Agree to publish the revision"));

        var pressing = cut.FindAll("button").Single(b => b.TextContent.Trim() == "Agree to publish the revision").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Contains("Agree to publish with 24 of the 24 criteria not agreed?", providers.Markup));
        var dialog = OneLine(providers.Find(".mud-dialog").TextContent);
        Assert.Contains("Nothing is published now", dialog, StringComparison.Ordinal);
        Assert.Contains("It is published once the other side agrees", dialog, StringComparison.Ordinal);
        Assert.DoesNotContain("Publishing puts", dialog, StringComparison.Ordinal);
        Assert.DoesNotContain(providers.FindAll(".mud-dialog button"), b => b.TextContent.Contains("Publish with", StringComparison.Ordinal));
        await ClickAsync(providers, "Agree with 24 not agreed");
        await pressing;
        Assert.Equal(ReviewSide.Link, (await service.GetAsync(People.Editor(setting.Link.Id), setting.RoundId))!.RevisionAgreedBy);
    }

    [Fact]
    public async Task MeetingPage_TheOtherSideAgreedTheRevision_SaysAChangeSetsItAsideAndSaysSoOnceRecorded()
    {
        var database = await CreateDatabaseAsync();
        var (setting, service) = await ReopenedAsync(database);
        Assert.Equal(ReviewPublication.RevisionAgreedByOneSide,
            (await service.PublishAsync(People.Editor(setting.Commissioner.Id), setting.RoundId, notAgreedConfirmed: 24)).Value);
        Context.UseEngagementHub(database);
        Context.SignIn(People.Editor(setting.Link.Id, setting.Link.Name));
        var popovers = Context.RenderPopovers();
        var cut = Context.Render<ReviewMeetingPage>(p => p.Add(x => x.Id, setting.RoundId));

        cut.WaitForAssertion(() => Assert.Contains("The other side (NHS South Birmingham) agreed to publish the revision as it stands on",
            OneLine(cut.Find("[data-testid=sets-aside-agreement]").TextContent)));
        Assert.Contains("sets that agreement aside", cut.Find("[data-testid=action-sets-aside-agreement]").TextContent);

        Choose(AgreedRating(cut, "New faces"), popovers, ReviewScore.NotMet);
        await cut.Find("button[aria-label='Record the agreed rating of New faces']").ClickAsync(new());

        var told = Assert.Single(Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars).Message;
        Assert.Contains("The other side's (NHS South Birmingham) agreement to publish the revision is set aside; it has been told.", told, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=sets-aside-agreement]")));
    }

    [Fact]
    public async Task MeetingPage_TheOtherSideAgreedTheRevision_SaysBeforeTheSaveWhetherRecordingSetsItAsideAsTheServiceDoes()
    {
        var database = await CreateDatabaseAsync();
        var (setting, service) = await ReopenedAsync(database);
        var link = People.Editor(setting.Link.Id, setting.Link.Name);
        var newFaces = (await service.GetAsync(link, setting.RoundId))!.Items.Single(i => i.Name == "New faces");
        Assert.True((await service.AgreeAsync(link, setting.RoundId, newFaces.ItemId, new AgreedRatingInput { Score = ReviewScore.PartlyMet })).Succeeded);
        Assert.Equal(ReviewPublication.RevisionAgreedByOneSide,
            (await service.PublishAsync(People.Editor(setting.Commissioner.Id), setting.RoundId, notAgreedConfirmed: 23)).Value);
        Context.UseEngagementHub(database);
        Context.SignIn(link);
        var popovers = Context.RenderPopovers();
        var cut = Context.Render<ReviewMeetingPage>(p => p.Add(x => x.Id, setting.RoundId));
        cut.WaitForAssertion(() => Assert.Contains("Recording a rating as it is already recorded sets nothing aside.",
            OneLine(cut.Find("[data-testid=sets-aside-agreement]").TextContent)));

        // A different rating chosen: the page says, beside it, that recording it sets the agreement aside.
        Choose(AgreedRating(cut, "New faces"), popovers, ReviewScore.NotMet);
        cut.WaitForAssertion(() => Assert.Equal("Recording this sets aside the other side's (NHS South Birmingham) agreement to publish the revision.",
            Assert.Single(cut.FindAll("[data-testid=item-sets-aside-agreement]")).TextContent.Trim()));

        // Chosen back as recorded: the page says nothing is set aside, and recording it sets nothing aside.
        Choose(AgreedRating(cut, "New faces"), popovers, ReviewScore.PartlyMet);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=item-sets-aside-agreement]")));
        await cut.Find("button[aria-label='Record the agreed rating of New faces']").ClickAsync(new());

        var told = Assert.Single(Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars).Message;
        Assert.DoesNotContain("set aside", told, StringComparison.Ordinal);
        Assert.Equal(ReviewSide.Commissioners, (await service.GetAsync(link, setting.RoundId))!.RevisionAgreedBy);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=sets-aside-agreement]")));
    }

    // Submitting cannot be undone: it asks first, and once both sides have, it says the ratings are there to see, not
    // that they will show once the other side submits.
    [Fact]
    public async Task RoundPage_SubmittingTheSecondSide_AsksFirstThenSaysBothHaveSubmitted()
    {
        var database = await CreateDatabaseAsync();
        var (setting, service) = await SeedAsync(database);
        var commissioner = People.Editor(setting.Commissioner.Id);
        var view = (await service.GetAsync(commissioner, setting.RoundId))!;
        Assert.True((await service.SaveRatingsAsync(commissioner, setting.RoundId,
            [.. view.Items.Select(i => new RatingInput { ItemId = i.ItemId, Score = ReviewScore.PartlyMet })], submit: false, publishComments: false, view.RatingsVersion)).Succeeded);
        SignedIn(database, commissioner);
        var dialogs = Context.Render<MudDialogProvider>();
        var cut = Context.Render<ReviewRoundPage>(p => p.Add(x => x.Id, setting.RoundId));
        cut.WaitForAssertion(() => Assert.Contains("Submit our ratings", cut.Markup));

        var submitting = cut.FindAll("button").Single(b => b.TextContent.Trim() == "Submit our ratings").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("cannot change. The other side has submitted theirs: both sides' ratings show here once you submit",
            dialogs.Find(".mud-dialog").TextContent));
        await dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Submit our ratings").ClickAsync(new());
        await submitting;

        cut.WaitForAssertion(() => Assert.Contains("Both sides have submitted", cut.Markup));
        Assert.Contains(Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars,
            s => s.Message == "Submitted. Both sides have now submitted: their ratings show below, and the meeting view is open.");
    }

    // The same person saved their side's ratings in another tab: this tab's save is refused, but what was typed here stays,
    // and what the other tab saved is shown beside the criterion it differs on.
    [Fact]
    public async Task RoundPage_RatingsSavedInAnotherTab_KeepsWhatWasTypedHereAndShowsWhatWasSavedThere()
    {
        var database = await CreateDatabaseAsync();
        var (setting, service) = await SeedAsync(database);
        var commissioner = People.Editor(setting.Commissioner.Id);
        var drafted = (await service.GetAsync(commissioner, setting.RoundId))!;
        Assert.True((await service.SaveRatingsAsync(commissioner, setting.RoundId,
            [.. drafted.Items.Select(i => new RatingInput { ItemId = i.ItemId, Score = ReviewScore.PartlyMet })], submit: false, publishComments: false, drafted.RatingsVersion)).Succeeded);
        SignedIn(database, commissioner);
        var cut = Context.Render<ReviewRoundPage>(p => p.Add(x => x.Id, setting.RoundId));
        cut.WaitForAssertion(() => Assert.Contains("Save draft", cut.Markup));
        var view = (await service.GetAsync(commissioner, setting.RoundId))!;
        var first = view.Items[0];
        Assert.True((await service.SaveRatingsAsync(commissioner, setting.RoundId,
            [new RatingInput { ItemId = first.ItemId, Score = ReviewScore.NotMet, Comment = "From the other tab" }], submit: false, publishComments: false, view.RatingsVersion)).Succeeded);

        await cut.Find($"[data-testid=criterion-{view.Items[1].CriterionId}] textarea").ChangeAsync(new() { Value = "Typed in this tab" });
        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Save draft").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("You saved these ratings in another tab or window", cut.Find("[data-testid=error-summary]").TextContent));
        Assert.Contains("This page keeps what you typed here", cut.Find("[data-testid=error-summary]").TextContent);
        Assert.Contains("Typed in this tab", cut.Find($"[data-testid=criterion-{view.Items[1].CriterionId}] textarea").TextContent + cut.Find($"[data-testid=criterion-{view.Items[1].CriterionId}] textarea").GetAttribute("value"));
        Assert.Equal($"Saved meanwhile: {ReviewScore.NotMet.Label()}, with the comment \"From the other tab\".",
            cut.Find($"[data-testid=criterion-{first.CriterionId}] [data-testid=saved-elsewhere]").TextContent.Trim());

        // Saved again, it keeps this tab's ratings, now on the latest version.
        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Save draft").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=saved-elsewhere]")));
        var saved = (await service.GetAsync(commissioner, setting.RoundId))!.Items[1].By(ReviewSide.Commissioners);
        Assert.Equal("Typed in this tab", saved?.Comment);
    }

    [Fact]
    public async Task RoundPage_SubmittedWithNoneRated_EachMessageInTheSummaryAndAtItsFieldNamesItsCriterion()
    {
        var database = await CreateDatabaseAsync();
        var (setting, service) = await SeedAsync(database);
        var commissioner = People.Editor(setting.Commissioner.Id);
        var newFaces = (await service.GetAsync(commissioner, setting.RoundId))!.Items.Single(i => i.Name == "New faces");
        SignedIn(database, commissioner);
        var cut = Context.Render<ReviewRoundPage>(p => p.Add(x => x.Id, setting.RoundId));
        cut.WaitForAssertion(() => Assert.Contains("Submit our ratings", cut.Markup));

        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Submit our ratings").ClickAsync(new());

        const string message = "Rate \"New faces\": choose a rating or \"don't know\".";
        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find($"[data-testid=criterion-{newFaces.CriterionId}]").TextContent));
        var links = cut.FindAll("a").Where(a => a.GetAttribute("href")?.Contains("#", StringComparison.Ordinal) == true && a.TextContent.StartsWith("Rate \"", StringComparison.Ordinal)).ToList();
        Assert.Equal(24, links.Count);
        Assert.Equal(24, links.Select(a => a.TextContent.Trim()).Distinct().Count());
        Assert.Contains(links, a => a.TextContent.Trim() == message);
    }
}
