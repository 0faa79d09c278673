using EngagementHub.Core.Common;
using EngagementHub.Core;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reviews;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data.Reviews;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract partial class ReviewServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : ReviewServiceTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : ReviewServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _database = default!;
    private CapturingLoggerProvider _logs = default!;
    private ReviewService _service = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private Organisation _council = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSeededAsync(provider, nameof(ReviewServiceTests), SeedAsync);
        await using (var db = _database.CreateContext())
        {
            var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Name);
            (_link, _south, _council) = (organisations["Birmingham LINk"], organisations["NHS South Birmingham"], organisations["Adults and Communities"]);
        }

        _logs = new CapturingLoggerProvider();
        _service = new ReviewService(_database.Factory, new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()),
            _database.Clock);
    }

    /// <summary>The LINk, two commissioners and the standard success criteria every test starts from.</summary>
    private static async Task SeedAsync(TestDatabase template)
    {
        await using var db = template.CreateContext();
        db.Organisations.AddRange(new Organisation("Birmingham LINk", OrganisationKind.Link),
            new Organisation("NHS South Birmingham", OrganisationKind.Commissioner), new Organisation("Adults and Communities", OrganisationKind.Commissioner));
        await db.SaveChangesAsync();
        await StandardCriteria.EnsureAsync(db, template.Clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static Actor Editor(Organisation organisation) =>
        new($"user-{organisation.Id}", "Editor", organisation.Id, organisation.Name, UserRole.Editor);

    private static Actor Admin(Organisation organisation) =>
        new($"admin-{organisation.Id}", "Admin", organisation.Id, organisation.Name, UserRole.Admin);

    private async Task<int> OpenAsync(Organisation? commissioner = null)
    {
        var outcome = await _service.OpenRoundAsync(Editor(_link), new RoundInput
        {
            Year = 2026,
            CommissionerOrganisationId = (commissioner ?? _south).Id,
            ClosesOn = new DateOnly(2026, 12, 1),
        });
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors.Select(e => e.Message)) + outcome.Problem);
        return outcome.Value;
    }

    /// <summary>Rates every criterion with <paramref name="score"/> (the first one with <paramref name="first"/>) and optionally submits.</summary>
    private async Task RateAllAsync(Actor actor, int round, ReviewScore score, bool submit, ReviewScore? first = null, string? comment = null)
    {
        var view = (await _service.GetAsync(actor, round))!;
        var ratings = view.Items.Select((i, n) => new RatingInput { ItemId = i.ItemId, Score = n == 0 && first is { } f ? f : score, Comment = comment }).ToList();
        var outcome = await _service.SaveRatingsAsync(actor, round, ratings, submit, publishComments: false, view.RatingsVersion);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors.Select(e => e.Message)) + outcome.Problem);
    }

    [Fact]
    public async Task EnsureAsync_EmptyDatabase_SeedsTheStudysTwelveCriteriaForEachSide()
    {
        var criteria = await _service.CriteriaAsync();

        Assert.Equal(12, criteria.Count(c => c.Side == ReviewSide.Link));
        Assert.Equal(12, criteria.Count(c => c.Side == ReviewSide.Commissioners));
        Assert.Equal("New faces", criteria[0].Name);
        Assert.Equal("Shared wins", criteria[^1].Name);
        Assert.All(criteria, c => Assert.Single(c.Wordings));
    }

    [Fact]
    public async Task SaveCriterionAsync_WordingChanged_PastRoundKeepsTheWordingItWasRatedOn()
    {
        var round = await OpenAsync();
        var transparency = (await _service.CriteriaAsync()).Single(c => c.Name == "Transparency");

        var outcome = await _service.SaveCriterionAsync(Admin(_link), transparency.Id, new CriterionInput
        {
            Name = "Openness",
            Description = "Publish the commissioning timetable and agree it with the LINk.",
            IsActive = true,
            Version = transparency.Version,
        });

        Assert.True(outcome.Succeeded, outcome.Problem);
        var item = (await _service.GetAsync(Editor(_link), round))!.Items.Single(i => i.CriterionId == transparency.Id);
        Assert.Equal("Transparency", item.Name);
        Assert.StartsWith("Share and agree decision-making processes", item.Description);
        var reworded = (await _service.CriteriaAsync()).Single(c => c.Id == transparency.Id);
        Assert.Equal("Openness", reworded.Name);
        Assert.Equal(2, reworded.Wordings.Count);

        // The next year's round, once that year has started.
        _database.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 2, 9, 0, 0, TimeSpan.Zero));
        var next = await _service.OpenRoundAsync(Editor(_link), new RoundInput { Year = 2027, CommissionerOrganisationId = _south.Id, ClosesOn = new DateOnly(2027, 6, 1) });
        Assert.Equal("Openness", (await _service.GetAsync(Editor(_link), next.Value))!.Items.Single(i => i.CriterionId == transparency.Id).Name);
    }

    [Fact]
    public async Task SaveCriterionAsync_TwoCriteriaRenamedToOneNameAtOnce_RenamesOneAndGivesTheOtherTheNameFieldError()
    {
        // Both admins have found the name free on their side before either saves.
        var gate = RaceGate.ForExistsIn(2, "SuccessCriteria");
        var service = new ReviewService(gate.Factory(_database), new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);
        var criteria = await _service.CriteriaAsync();
        var transparency = criteria.Single(c => c.Name == "Transparency");
        var pair = criteria.Where(c => c.Side == transparency.Side).Take(2).ToList();
        Actor[] admins = [Admin(_link), Admin(_south)];

        // One typed it in other capitals, which is the same name.
        string[] names = ["Openness", "openness"];

        var outcomes = await Task.WhenAll(pair.Select((criterion, i) => Task.Run(() => service.SaveCriterionAsync(admins[i], criterion.Id,
            new CriterionInput { Name = names[i], Description = criterion.Description, IsActive = true, Version = criterion.Version }))));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Equal(["Another criterion of this side already has this name."], Assert.Single(outcomes, o => !o.Succeeded).ErrorsFor(nameof(CriterionInput.Name)));
        Assert.Single(await _service.CriteriaAsync(), c => string.Equals(c.Name, "openness", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SaveCriterionAsync_NotAnAdministrator_RefusedAndLogged()
    {
        var criterion = (await _service.CriteriaAsync())[0];

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.SaveCriterionAsync(Editor(_link), criterion.Id,
            new CriterionInput { Name = "X", Description = "Y", Version = criterion.Version }));

        Assert.Contains(_logs.Warnings, l => l.Message.Contains("Access denied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetAsync_OneSideSubmitted_OtherSidesRatingsStayHidden()
    {
        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.FullyMet, submit: true, comment: "Our own view");
        await RateAllAsync(Editor(_south), round, ReviewScore.NotMet, submit: false);

        var asCommissioner = (await _service.GetAsync(Editor(_south), round))!;
        var asLink = (await _service.GetAsync(Editor(_link), round))!;
        var asBystander = (await _service.GetAsync(Editor(_council), round))!;

        Assert.All(asCommissioner.Items, i => Assert.Null(i.Link));
        Assert.All(asCommissioner.Items, i => Assert.Equal(ReviewScore.NotMet, i.Commissioners!.Score));
        Assert.All(asLink.Items, i => Assert.Null(i.Commissioners));
        Assert.All(asBystander.Items, i => Assert.True(i.Link is null && i.Commissioners is null));
        Assert.DoesNotContain(asCommissioner.Items, i => i.Link?.Comment is not null);
    }

    [Fact]
    public async Task ReportAsync_OneSideSubmitted_EitherSideGetsTheRoundWithNoRatingsAndNothingLogged()
    {
        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.FullyMet, submit: true, comment: "Our own view");
        await RateAllAsync(Editor(_south), round, ReviewScore.NotMet, submit: false);

        var asCommissioner = await _service.ReportAsync(Editor(_south), round);
        var asLink = await _service.ReportAsync(Editor(_link), round);

        Assert.NotNull(asCommissioner);
        Assert.NotNull(asLink);
        Assert.False(asCommissioner.BothSubmitted);
        Assert.All(asCommissioner.Items.Concat(asLink.Items), i => Assert.True(i.Link is null && i.Commissioners is null));
        Assert.DoesNotContain(_logs.Warnings, l => l.Message.Contains("Access denied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportAsync_OneSideSubmittedAndAnOrganisationNotInTheRound_RefusedAndLogged()
    {
        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.FullyMet, submit: true);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.ReportAsync(Editor(_council), round));

        Assert.Contains(_logs.Warnings, l => l.Message.Contains("Access denied", StringComparison.Ordinal) && l.Message.Contains($"review round {round}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportAsync_BothSubmitted_AnyPartnerReadsBothSidesRatings()
    {
        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.FullyMet, submit: true);
        await RateAllAsync(Editor(_south), round, ReviewScore.NotMet, submit: true);

        var view = await _service.ReportAsync(Editor(_council), round);

        Assert.NotNull(view);
        Assert.All(view.Items, i => Assert.True(i.Link is { Score: ReviewScore.FullyMet } && i.Commissioners is { Score: ReviewScore.NotMet }));
    }

    [Fact]
    public async Task ReportAsync_NoSuchRound_Null() => Assert.Null(await _service.ReportAsync(Editor(_link), 999));

    [Fact]
    public async Task MeetingAsync_SideOfTheRoundBeforeBothSubmitted_NotYetWithoutALoggedRefusal()
    {
        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.FullyMet, submit: true);

        var commissioner = await _service.MeetingAsync(Editor(_south), round);
        var link = await _service.MeetingAsync(Editor(_link), round);

        Assert.False(commissioner.Succeeded);
        Assert.Null(commissioner.Value);
        Assert.Contains("until both have submitted", commissioner.Problem, StringComparison.Ordinal);
        Assert.False(link.Succeeded);
        Assert.Null(link.Value);
        // An ordinary state of the round, not an attempt to read what one may not: the refusal log stays for real ones.
        Assert.Empty(_logs.Warnings);
    }

    [Fact]
    public async Task MeetingAsync_OrganisationOutsideTheRoundBeforeBothSubmitted_RefusedAndLogged()
    {
        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.FullyMet, submit: true);

        var outcome = await _service.MeetingAsync(Editor(_council), round);

        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Value);
        Assert.Contains(_logs.Warnings, l => l.Message.Contains("Access denied", StringComparison.Ordinal) && l.Message.Contains($"review round {round}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MeetingAsync_BothSubmitted_ShowsBothSidesBiggestDisagreementFirst()
    {
        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.LargelyMet, submit: true, first: ReviewScore.FullyMet);
        await RateAllAsync(Editor(_south), round, ReviewScore.PartlyMet, submit: true, first: ReviewScore.NotMet);

        var meeting = await _service.MeetingAsync(Editor(_south), round);

        Assert.True(meeting.Succeeded, meeting.Problem);
        var agenda = meeting.Value!.Agenda;
        Assert.Equal("New faces", agenda[0].Name);
        Assert.Equal(3, agenda[0].Disagreement);
        Assert.All(agenda.Skip(1), i => Assert.Equal(1, i.Disagreement));
        Assert.All(meeting.Value.Items, i => Assert.True(i.Link is not null && i.Commissioners is not null));
    }

    [Fact]
    public async Task SaveRatingsAsync_SubmitWithAnUnratedCriterionOrABadLink_ErrorsNextToTheFieldsAndNothingSaved()
    {
        var round = await OpenAsync();
        var view = (await _service.GetAsync(Editor(_link), round))!;
        var first = view.Items[0].ItemId;
        var ratings = view.Items.Skip(1).Select(i => new RatingInput { ItemId = i.ItemId, Score = ReviewScore.PartlyMet }).ToList();
        ratings[0].EvidenceLinks = "https://example.org/report\nnot a link";

        var outcome = await _service.SaveRatingsAsync(Editor(_link), round, ratings, submit: true, publishComments: false, view.RatingsVersion);

        Assert.Contains(outcome.ErrorsFor($"Score-{first}"), m => m.Contains("don't know", StringComparison.Ordinal));
        Assert.Contains(outcome.ErrorsFor($"EvidenceLinks-{ratings[0].ItemId}"), m => m.Contains("https://", StringComparison.Ordinal));
        var after = (await _service.GetAsync(Editor(_link), round))!;
        Assert.Null(after.LinkSubmittedAt);
        Assert.All(after.Items, i => Assert.Null(i.Link));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SaveRatingsAsync_ACriterionSentTwice_RefusedWithAMessageAndNothingSaved(bool submit)
    {
        var round = await OpenAsync();
        var view = (await _service.GetAsync(Editor(_link), round))!;
        var ratings = view.Items.Select(i => new RatingInput { ItemId = i.ItemId, Score = ReviewScore.PartlyMet }).ToList();
        ratings.Add(new RatingInput { ItemId = view.Items[0].ItemId, Score = ReviewScore.FullyMet, Comment = "Second thoughts" });

        var outcome = await _service.SaveRatingsAsync(Editor(_link), round, ratings, submit, publishComments: false, view.RatingsVersion);

        Assert.False(outcome.Succeeded);
        Assert.Contains("more than once", outcome.Problem, StringComparison.Ordinal);
        Assert.Contains("rate each criterion once", outcome.Problem, StringComparison.Ordinal);
        var after = (await _service.GetAsync(Editor(_link), round))!;
        Assert.Null(after.LinkSubmittedAt);
        Assert.All(after.Items, i => Assert.Null(i.Link));
    }

    [Fact]
    public async Task SaveRatingsAsync_OtherSideSubmittedWhileEditing_SavedAndSubmitted()
    {
        var round = await OpenAsync();
        var commissionersForm = (await _service.GetAsync(Editor(_south), round))!;
        await RateAllAsync(Editor(_link), round, ReviewScore.FullyMet, submit: true);

        var outcome = await _service.SaveRatingsAsync(Editor(_south), round,
            [.. commissionersForm.Items.Select(i => new RatingInput { ItemId = i.ItemId, Score = ReviewScore.PartlyMet })],
            submit: true, publishComments: false, commissionersForm.RatingsVersion);

        Assert.True(outcome.Succeeded, outcome.Problem);
        Assert.True((await _service.GetAsync(Editor(_south), round))!.BothSubmitted);
    }

    [Fact]
    public async Task SaveRatingsAsync_SomeoneOfTheSameSideSavedWhileEditing_RefusedAndTheirRatingsKept()
    {
        var round = await OpenAsync();
        var first = (await _service.GetAsync(Editor(_link), round))!;
        var second = (await _service.GetAsync(Admin(_link), round))!;
        var item = first.Items[0].ItemId;
        Assert.True((await _service.SaveRatingsAsync(Editor(_link), round, [new RatingInput { ItemId = item, Score = ReviewScore.FullyMet }],
            submit: false, publishComments: false, first.RatingsVersion)).Succeeded);

        var outcome = await _service.SaveRatingsAsync(Admin(_link), round, [new RatingInput { ItemId = item, Score = ReviewScore.NotMet }],
            submit: false, publishComments: false, second.RatingsVersion);

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("Editor of your side saved these ratings (", outcome.Problem, StringComparison.Ordinal);
        Assert.Equal(ReviewScore.FullyMet, (await _service.GetAsync(Editor(_link), round))!.Items[0].Link!.Score);
    }

    [Fact]
    public async Task SaveRatingsAsync_RatingClearedInADraft_RemovedAndSubmittingAsksForIt()
    {
        var round = await OpenAsync();
        var form = (await _service.GetAsync(Editor(_link), round))!;
        var cleared = form.Items[1].ItemId;
        var inputs = form.Items.Select(i => new RatingInput { ItemId = i.ItemId, Score = i.ItemId == cleared ? ReviewScore.LargelyMet : null }).ToList();
        Assert.True((await _service.SaveRatingsAsync(Editor(_link), round, inputs, submit: false, publishComments: false, form.RatingsVersion)).Succeeded);
        var saved = (await _service.GetAsync(Editor(_link), round))!;
        inputs.Single(i => i.ItemId == cleared).Score = null;

        var outcome = await _service.SaveRatingsAsync(Editor(_link), round, inputs, submit: false, publishComments: false, saved.RatingsVersion);

        Assert.True(outcome.Succeeded, outcome.Problem);
        var after = (await _service.GetAsync(Editor(_link), round))!;
        Assert.All(after.Items, i => Assert.Null(i.Link));
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(0, await db.ReviewRounds.Where(r => r.Id == round).SelectMany(r => r.Ratings).CountAsync());
        }

        var submitted = await _service.SaveRatingsAsync(Editor(_link), round, inputs, submit: true, publishComments: false, after.RatingsVersion);
        Assert.NotEmpty(submitted.ErrorsFor($"Score-{cleared}"));
        Assert.Null((await _service.GetAsync(Editor(_link), round))!.LinkSubmittedAt);
    }

    [Theory]
    [InlineData("Fewer new faces than we hoped", null)]
    [InlineData(null, "https://example.org/outreach")]
    public async Task SaveRatingsAsync_CommentOrLinksWithoutARatingInADraft_RefusedOnTheRatingAndNothingSaved(string? comment, string? links)
    {
        var round = await OpenAsync();
        var form = (await _service.GetAsync(Editor(_link), round))!;
        var unrated = form.Items[0].ItemId;
        var rated = form.Items[1].ItemId;

        var outcome = await _service.SaveRatingsAsync(Editor(_link), round,
            [new RatingInput { ItemId = unrated, Comment = comment, EvidenceLinks = links }, new RatingInput { ItemId = rated, Score = ReviewScore.PartlyMet }],
            submit: false, publishComments: false, form.RatingsVersion);

        Assert.Contains(outcome.ErrorsFor($"Score-{unrated}"), m => m.Contains("to save the comment and links", StringComparison.Ordinal));
        Assert.All((await _service.GetAsync(Editor(_link), round))!.Items, i => Assert.Null(i.Link));
    }

    [Fact]
    public async Task SaveRatingsAsync_AfterSubmitting_Refused()
    {
        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.FullyMet, submit: true);
        var view = (await _service.GetAsync(Editor(_link), round))!;

        var outcome = await _service.SaveRatingsAsync(Editor(_link), round,
            [new RatingInput { ItemId = view.Items[0].ItemId, Score = ReviewScore.NotMet }], submit: false, publishComments: false, view.RatingsVersion);

        Assert.NotNull(outcome.Problem);
        Assert.Equal(ReviewScore.FullyMet, (await _service.GetAsync(Editor(_link), round))!.Items[0].Link!.Score);
    }

    [Fact]
    public async Task SaveRatingsAsync_AnotherCommissioner_RefusedAndLogged()
    {
        var round = await OpenAsync();
        var view = (await _service.GetAsync(Editor(_council), round))!;

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.SaveRatingsAsync(Editor(_council), round,
            [new RatingInput { ItemId = view.Items[0].ItemId, Score = ReviewScore.NotMet }], submit: false, publishComments: false, view.RatingsVersion));

        Assert.Contains(_logs.Warnings, l => l.Message.Contains("rate a review round", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveRatingsAsync_TwoOfOneSideFirstAtOnce_OneSavedAndTheOtherToldSomeoneSavedFirst()
    {
        var round = await OpenAsync();
        var view = (await _service.GetAsync(Editor(_link), round))!;
        // Both have loaded the round, with no ratings yet, before either saves.
        var gate = new RaceGate(2, c => c.CommandText.Contains("FROM \"ReviewRounds\"", StringComparison.Ordinal));
        var service = new ReviewService(gate.Factory(_database), new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);

        var outcomes = await Task.WhenAll(new[] { ("lena", ReviewScore.FullyMet), ("martin", ReviewScore.NotMet) }.Select(p => Task.Run(() =>
            service.SaveRatingsAsync(new Actor($"user-{p.Item1}", p.Item1, _link.Id, _link.Name, UserRole.Editor), round,
                [new RatingInput { ItemId = view.Items[0].ItemId, Score = p.Item2 }], submit: false, publishComments: false, view.RatingsVersion))));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Contains("saved", Assert.Single(outcomes, o => !o.Succeeded).Problem, StringComparison.Ordinal);
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Set<ReviewRating>().CountAsync(r => r.ItemId == view.Items[0].ItemId));
    }

    private async Task DeactivateAsync(Organisation organisation)
    {
        await using var db = _database.CreateContext();
        (await db.Organisations.SingleAsync(o => o.Id == organisation.Id)).Deactivate();
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task OpenRoundAsync_CommissionerDeactivatedWhileTheFormWasOpen_SaysSoNextToTheCommissionerAndOpensNothing()
    {
        await DeactivateAsync(_council);

        var outcome = await _service.OpenRoundAsync(Editor(_link), new RoundInput { Year = 2026, CommissionerOrganisationId = _council.Id, ClosesOn = new DateOnly(2026, 12, 1) });

        Assert.Equal(["Adults and Communities is no longer active. Choose another organisation."], outcome.ErrorsFor(nameof(RoundInput.CommissionerOrganisationId)));
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.ReviewRounds.CountAsync());
    }

    [Fact]
    public async Task AddActionAsync_BeforeBothSidesSubmitted_RefusedAndNothingRecorded()
    {
        var round = (await _service.OpenRoundAsync(Editor(_link), new RoundInput { Year = 2026, CommissionerOrganisationId = _south.Id, ClosesOn = new DateOnly(2026, 12, 1) })).Value;
        await RateAllAsync(Editor(_link), round, ReviewScore.LargelyMet, submit: true);

        var outcome = await _service.AddActionAsync(Editor(_link), round, new ActionInput { Text = "Share the plan", OwnerOrganisationId = _south.Id, DueOn = new DateOnly(2027, 1, 31) });

        Assert.Equal(ReviewRound.ActionsAtTheMeetingText, outcome.Problem);
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.ReviewActions.CountAsync());
    }

    [Fact]
    public async Task AddActionAsync_OwnerDeactivatedSinceTheRoundOpened_SaysSoNextToTheOwnerWhileTheRoundGoesOn()
    {
        var round = (await _service.OpenRoundAsync(Editor(_link), new RoundInput { Year = 2026, ClosesOn = new DateOnly(2026, 12, 1) })).Value;
        await RateAllAsync(Editor(_link), round, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_south), round, ReviewScore.PartlyMet, submit: true);
        await DeactivateAsync(_council);
        ActionInput Owned(Organisation owner) => new() { Text = "Run two outreach sessions in Sparkbrook", OwnerOrganisationId = owner.Id, DueOn = new DateOnly(2027, 1, 31) };

        var refused = await _service.AddActionAsync(Editor(_link), round, Owned(_council));
        var added = await _service.AddActionAsync(Editor(_link), round, Owned(_south));

        Assert.Equal(["Adults and Communities is no longer active. Choose another organisation."], refused.ErrorsFor(nameof(ActionInput.OwnerOrganisationId)));
        Assert.True(added.Succeeded, added.Problem);
        Assert.Equal(_south.Id, Assert.Single((await _service.GetAsync(Editor(_link), round))!.Actions).OwnerOrganisationId);
    }

    [Fact]
    public async Task GetAsync_ARoundWithAllCommissioners_NamesItsLinkAndEachActionsOwnerDeactivatedSinceToo()
    {
        var round = (await _service.OpenRoundAsync(Editor(_link), new RoundInput { Year = 2026, ClosesOn = new DateOnly(2026, 12, 1) })).Value;
        await RateAllAsync(Editor(_link), round, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_south), round, ReviewScore.PartlyMet, submit: true);
        foreach (var owner in new[] { _council, _link })
        {
            Assert.True((await _service.AddActionAsync(Editor(_link), round,
                new ActionInput { Text = $"Report back to {owner.Name}", OwnerOrganisationId = owner.Id, DueOn = new DateOnly(2027, 1, 31) })).Succeeded);
        }

        await DeactivateAsync(_council);
        var view = (await _service.GetAsync(Editor(_link), round))!;

        Assert.Equal((_link.Name, ReviewTerms.AllCommissioners), (view.LinkName, view.CommissionersName));
        Assert.Equal([_council.Name, _link.Name], view.Actions.Select(a => a.OwnerOrganisation).Order());
    }

    [Fact]
    public async Task ActionOwnerChoicesAsync_WithOneCommissionerAndWithAll_OffersWhomAddActionAsyncAccepts()
    {
        var provider = new Organisation("University Hospitals Birmingham", OrganisationKind.Provider);
        await using (var db = _database.CreateContext())
        {
            // Neither side of any round: never offered, never accepted.
            db.Organisations.Add(provider);
            await db.SaveChangesAsync();
        }

        var withSouth = (await _service.GetAsync(Editor(_link), await OpenAsync(_south)))!;
        var withAll = (await _service.GetAsync(Editor(_link),
            (await _service.OpenRoundAsync(Editor(_link), new RoundInput { Year = 2025, ClosesOn = new DateOnly(2027, 12, 1) })).Value))!;

        Assert.Equal([_link.Name, _south.Name], (await _service.ActionOwnerChoicesAsync(withSouth.Id)).Select(o => o.Label));
        Assert.Equal([_link.Name, _council.Name, _south.Name], (await _service.ActionOwnerChoicesAsync(withAll.Id)).Select(o => o.Label));
        Assert.Empty(await _service.ActionOwnerChoicesAsync(999_999));

        await RateAllAsync(Editor(_link), withSouth.Id, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_south), withSouth.Id, ReviewScore.PartlyMet, submit: true);
        await RateAllAsync(Editor(_link), withAll.Id, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_south), withAll.Id, ReviewScore.PartlyMet, submit: true);
        var notInTheRound = await _service.AddActionAsync(Editor(_link), withSouth.Id,
            new ActionInput { Text = "Run two outreach sessions", OwnerOrganisationId = _council.Id, DueOn = new DateOnly(2027, 1, 31) });
        var notASide = await _service.AddActionAsync(Editor(_link), withAll.Id,
            new ActionInput { Text = "Run two outreach sessions", OwnerOrganisationId = provider.Id, DueOn = new DateOnly(2027, 1, 31) });
        Assert.Equal(["Choose the LINk or a commissioner in this review."], notInTheRound.ErrorsFor(nameof(ActionInput.OwnerOrganisationId)));
        Assert.Equal(["Choose the LINk or a commissioner in this review."], notASide.ErrorsFor(nameof(ActionInput.OwnerOrganisationId)));
    }

    [Fact]
    public async Task OpenRoundAsync_SameYearAndCommissionerTwice_ErrorOnTheYear()
    {
        await OpenAsync();

        var second = await _service.OpenRoundAsync(Editor(_south), new RoundInput { Year = 2026, CommissionerOrganisationId = _south.Id, ClosesOn = new DateOnly(2026, 12, 1) });

        Assert.Contains(second.ErrorsFor(nameof(RoundInput.Year)), m => m.Contains("already", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OpenRoundAsync_LinkAndCommissionerAtOnce_OpensOneRoundAndTellsTheOthersItExists(bool allCommissioners)
    {
        var commissioner = allCommissioners ? (int?)null : _south.Id;
        var sides = new[] { Editor(_link), Editor(_south), Editor(_link), Editor(_south) };
        // Every racer has found no round for the year before any of them saves.
        var gate = RaceGate.ForExistsIn(sides.Length, "ReviewRounds");
        var service = new ReviewService(gate.Factory(_database), new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);

        var outcomes = await Task.WhenAll(sides.Select(actor => Task.Run(() => service.OpenRoundAsync(actor,
            new RoundInput { Year = 2026, CommissionerOrganisationId = commissioner, ClosesOn = new DateOnly(2026, 12, 1) }, SubmissionKey.New()))));

        var opened = Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o =>
            Assert.Equal([$"There is already a {new FinancialYear(2026).Label} review with this commissioner."], o.ErrorsFor(nameof(RoundInput.Year))));
        await using var db = _database.CreateContext();
        Assert.Equal(opened.Value, Assert.Single(await db.ReviewRounds.Select(r => r.Id).ToListAsync()));
    }

    [Fact]
    public async Task OpenRoundAsync_ByAnotherCommissioner_Refused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.OpenRoundAsync(Editor(_council),
            new RoundInput { Year = 2026, CommissionerOrganisationId = _south.Id, ClosesOn = new DateOnly(2026, 12, 1) }));
    }

    [Fact]
    public async Task CommissionersToReviewAsync_EachSideIsOfferedOnlyTheCommissionersItMayOpenARoundWith()
    {
        var scrutiny = new Organisation("Overview and Scrutiny Committee", OrganisationKind.Scrutiny);
        await using (var db = _database.CreateContext())
        {
            db.Organisations.Add(scrutiny);
            await db.SaveChangesAsync();
        }

        Assert.Equal(["Adults and Communities", "NHS South Birmingham"], (await _service.CommissionersToReviewAsync(Editor(_link))).Select(c => c.Name));
        Assert.Equal([_south.Id], (await _service.CommissionersToReviewAsync(Editor(_south))).Select(c => c.Id));
        Assert.Empty(await _service.CommissionersToReviewAsync(Editor(scrutiny)));

        // What is not offered is still refused if sent: a commissioner's editor opening a round with another commissioner.
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.OpenRoundAsync(Editor(_south),
            new RoundInput { Year = 2026, CommissionerOrganisationId = _council.Id, ClosesOn = new DateOnly(2026, 12, 1) }));
    }

    [Fact]
    public async Task AgreeAsync_AllCommissionersRound_AnyCommissionerRecordsTheAgreedRatingAndAction()
    {
        var outcome = await _service.OpenRoundAsync(Editor(_council), new RoundInput { Year = 2026, ClosesOn = new DateOnly(2026, 12, 1) });
        var round = outcome.Value;
        await RateAllAsync(Editor(_link), round, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_south), round, ReviewScore.PartlyMet, submit: true);
        var item = (await _service.GetAsync(Editor(_council), round))!.Items[0];

        var agreed = await _service.AgreeAsync(Editor(_council), round, item.ItemId, new AgreedRatingInput { Score = ReviewScore.PartlyMet, Note = "Fewer new faces than hoped" });
        var action = await _service.AddActionAsync(Editor(_link), round, new ActionInput
        {
            Text = "Run two outreach sessions in Sparkbrook",
            OwnerOrganisationId = _link.Id,
            OwnerName = "Community development officer",
            DueOn = new DateOnly(2027, 1, 31),
        });

        Assert.True(agreed.Succeeded, agreed.Problem);
        Assert.True(action.Succeeded, action.Problem);
        var view = (await _service.GetAsync(Editor(_council), round))!;
        Assert.Equal(ReviewScore.PartlyMet, view.Items[0].AgreedScore);
        Assert.Equal("Run two outreach sessions in Sparkbrook", Assert.Single(view.Actions).Text);
    }

    [Fact]
    public async Task AgreeAsync_SomeoneRecordedThatCriterionSinceThePageShowedIt_RefusedNamingThemAndKeepsTheirs()
    {
        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_south), round, ReviewScore.PartlyMet, submit: true);
        var items = (await _service.GetAsync(Editor(_south), round))!.Items;
        var lena = Editor(_link) with { UserId = "user-lena", DisplayName = "Lena Khan" };

        // Both pages show the first criterion with no agreed rating. Lena records one, then agrees the second criterion.
        Assert.True((await _service.AgreeAsync(lena, round, items[0].ItemId, new AgreedRatingInput { Score = ReviewScore.PartlyMet, Note = "Fewer new faces" })).Succeeded);
        Assert.True((await _service.AgreeAsync(lena, round, items[1].ItemId, new AgreedRatingInput { Score = ReviewScore.LargelyMet })).Succeeded);

        var stale = await _service.AgreeAsync(Editor(_south), round, items[0].ItemId, new AgreedRatingInput { Score = ReviewScore.NotMet });
        // Another criterion agreed meanwhile is no conflict: the round's version moved, that criterion's agreement did not.
        var other = await _service.AgreeAsync(Editor(_south), round, items[2].ItemId, new AgreedRatingInput { Score = ReviewScore.NotMet });

        Assert.StartsWith("Lena Khan (", stale.Problem, StringComparison.Ordinal);
        Assert.Contains("recorded the agreed rating of this criterion after your page showed it: it is now \"2 · Partly met\", with the note \"Fewer new faces\".",
            stale.Problem, StringComparison.Ordinal);
        Assert.True(other.Succeeded, other.Problem);
        var view = (await _service.GetAsync(Editor(_south), round))!;
        Assert.Equal((ReviewScore.PartlyMet, "Fewer new faces"), (view.Items[0].AgreedScore, view.Items[0].AgreedNote));

        // With theirs in view, the second person may put theirs in its place.
        var again = await _service.AgreeAsync(Editor(_south), round, items[0].ItemId,
            new AgreedRatingInput { Score = ReviewScore.NotMet, SeenScore = ReviewScore.PartlyMet, SeenNote = "Fewer new faces" });
        Assert.True(again.Succeeded, again.Problem);
        Assert.Equal(ReviewScore.NotMet, (await _service.GetAsync(Editor(_south), round))!.Items[0].AgreedScore);
    }

    [Fact]
    public async Task PublishAsync_CriteriaNotAgreed_RefusedSayingHowManyUntilThatManyAreConfirmed()
    {
        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_south), round, ReviewScore.PartlyMet, submit: true);
        var items = (await _service.GetAsync(Editor(_south), round))!.Items;
        Assert.True((await _service.AgreeAsync(Editor(_south), round, items[0].ItemId, new AgreedRatingInput { Score = ReviewScore.PartlyMet })).Succeeded);

        var unconfirmed = await _service.PublishAsync(Editor(_south), round);
        var tooFew = await _service.PublishAsync(Editor(_south), round, notAgreedConfirmed: 22);

        Assert.Equal($"23 of the {items.Count} criteria have no agreed rating. Record their agreed ratings, or confirm publishing with them shown "
                     + "as not agreed. Nothing was published.", unconfirmed.Problem);
        Assert.StartsWith("23 of the", tooFew.Problem, StringComparison.Ordinal);
        Assert.Null((await _service.GetAsync(Editor(_south), round))!.PublishedAt);

        var confirmed = await _service.PublishAsync(Editor(_south), round, notAgreedConfirmed: 23);

        Assert.True(confirmed.Succeeded, confirmed.Problem);
        Assert.NotNull((await _service.GetAsync(Editor(_south), round))!.PublishedAt);
    }

    [Fact]
    public async Task PublishAsync_EveryCriterionAgreed_PublishedWithNothingToConfirm()
    {
        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_south), round, ReviewScore.LargelyMet, submit: true);
        foreach (var item in (await _service.GetAsync(Editor(_south), round))!.Items)
        {
            Assert.True((await _service.AgreeAsync(Editor(_link), round, item.ItemId, new AgreedRatingInput { Score = ReviewScore.LargelyMet })).Succeeded);
        }

        var outcome = await _service.PublishAsync(Editor(_link), round);

        Assert.True(outcome.Succeeded, outcome.Problem);
        Assert.NotNull((await _service.GetAsync(Editor(_link), round))!.PublishedAt);
    }

    [Fact]
    public async Task PublishAsync_AnAgreedRatingChangedAfterThePageWasRead_RefusedAndNothingPublished()
    {
        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_south), round, ReviewScore.LargelyMet, submit: true);
        var items = (await _service.GetAsync(Editor(_south), round))!.Items;
        foreach (var item in items)
        {
            Assert.True((await _service.AgreeAsync(Editor(_link), round, item.ItemId, new AgreedRatingInput { Score = ReviewScore.LargelyMet })).Succeeded);
        }

        // The commissioner's meeting page shows every criterion "largely met"; then the LINk records one as "not met".
        var shown = (await _service.MeetingAsync(Editor(_south), round)).Value!;
        Assert.True((await _service.AgreeAsync(Editor(_link), round, items[0].ItemId, new AgreedRatingInput
        {
            Score = ReviewScore.NotMet, SeenScore = ReviewScore.LargelyMet,
        })).Succeeded);

        var outcome = await _service.PublishAsync(Editor(_south), round, contentSeen: shown.ContentDigest);

        Assert.StartsWith("Editor changed, on ", outcome.Problem);
        Assert.Contains("the agreed ratings or actions after your page showed them, so nothing was published or agreed.", outcome.Problem, StringComparison.Ordinal);
        Assert.Null((await _service.GetAsync(Editor(_south), round))!.PublishedAt);
        // Read again, the page publishes what it now shows.
        var again = (await _service.MeetingAsync(Editor(_south), round)).Value!;
        Assert.True((await _service.PublishAsync(Editor(_south), round, contentSeen: again.ContentDigest)).Succeeded);
    }

    [Fact]
    public async Task PublishAsync_AnAgreedRatingChangedBySomeoneAfterThePageWasRead_RefusalNamesThePersonTheirOrganisationAndWhen()
    {
        var round = await BothSubmittedAsync();
        var lena = new Actor("lena", "Lena Khan", _link.Id, _link.Name, UserRole.Editor);
        await using (var setup = _database.CreateContext())
        {
            setup.Users.Add(new ApplicationUser { Id = "lena", UserName = "lena", DisplayName = "Lena Khan", OrganisationId = _link.Id, Role = UserRole.Editor });
            await setup.SaveChangesAsync();
        }

        var item = (await _service.GetAsync(Editor(_south), round))!.Items[0];
        var shown = (await _service.MeetingAsync(Editor(_south), round)).Value!;
        _database.Clock.Advance(TimeSpan.FromMinutes(5));
        var changedAt = _database.Clock.GetUtcNow();
        Assert.True((await _service.AgreeAsync(lena, round, item.ItemId, new AgreedRatingInput { Score = ReviewScore.NotMet })).Succeeded);

        var outcome = await _service.PublishAsync(Editor(_south), round, notAgreedConfirmed: 23, contentSeen: shown.ContentDigest);

        Assert.Equal(ReviewRound.ChangedSinceShownText("Lena Khan (Birmingham LINk)", changedAt, false), outcome.Problem);
        Assert.StartsWith($"Lena Khan (Birmingham LINk) changed, on {UkTime.Format(changedAt)}, the agreed ratings or actions after your page showed them", outcome.Problem);
        Assert.Null((await _service.GetAsync(Editor(_south), round))!.PublishedAt);
    }

    [Fact]
    public async Task PublishAsync_AnActionTheSamePersonAddedInAnotherTab_RefusalSaysItWasTheirOwnOtherTab()
    {
        var round = await BothSubmittedAsync();
        var shown = (await _service.MeetingAsync(Editor(_south), round)).Value!;
        _database.Clock.Advance(TimeSpan.FromMinutes(5));
        var addedAt = _database.Clock.GetUtcNow();
        Assert.True((await _service.AddActionAsync(Editor(_south), round,
            new ActionInput { Text = "Report back in June", OwnerOrganisationId = _south.Id, DueOn = new DateOnly(2027, 6, 30) })).Succeeded);

        var outcome = await _service.PublishAsync(Editor(_south), round, notAgreedConfirmed: 24, contentSeen: shown.ContentDigest);

        Assert.Equal(ReviewRound.ChangedSinceShownText(null, addedAt, true), outcome.Problem);
        Assert.StartsWith($"You changed, in another tab or window on {UkTime.Format(addedAt)}, the agreed ratings or actions after this page showed them", outcome.Problem);
    }

    private async Task<int> BothSubmittedAsync()
    {
        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_south), round, ReviewScore.LargelyMet, submit: true);
        return round;
    }

    [Fact]
    public async Task RemindAsync_ActionComingDueThenOverdue_OwnersEditorsRemindedOnceForEach()
    {
        await using (var setup = _database.CreateContext())
        {
            setup.Users.AddRange(
                new ApplicationUser { Id = "lena", UserName = "lena", DisplayName = "Lena Khan", OrganisationId = _link.Id, Role = UserRole.Editor },
                new ApplicationUser { Id = "colin", UserName = "colin", DisplayName = "Colin Marsh", OrganisationId = _south.Id, Role = UserRole.Editor });
            await setup.SaveChangesAsync();
        }

        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_south), round, ReviewScore.PartlyMet, submit: true);
        // 1 October 2026 is a Thursday; due the Monday after.
        var added = await _service.AddActionAsync(Editor(_link), round, new ActionInput
        {
            Text = "Invite the LINk to the board's development session",
            OwnerOrganisationId = _south.Id,
            DueOn = new DateOnly(2026, 10, 5),
        });
        Assert.True(added.Succeeded, added.Problem);
        var calendar = new WorkingDayCalendar([]);

        async Task<int> SweepAsync(DateOnly today)
        {
            await using var db = _database.CreateContext();
            return await ReviewReminders.RemindAsync(db, calendar, today, _database.Clock.GetUtcNow());
        }

        Assert.Equal(1, await SweepAsync(new DateOnly(2026, 10, 1)));
        Assert.Equal(0, await SweepAsync(new DateOnly(2026, 10, 2)));
        Assert.Equal(0, await SweepAsync(new DateOnly(2026, 10, 3)));
        Assert.Equal(1, await SweepAsync(new DateOnly(2026, 10, 6)));
        Assert.Equal(0, await SweepAsync(new DateOnly(2026, 10, 7)));

        await using var check = _database.CreateContext();
        // The reminders only: the steps of the round (opened, submitted, the action agreed) had notices of their own.
        var notices = await check.Notifications.AsNoTracking().Where(n => n.Event == WorkflowEvents.ReviewActionDue || n.Event == WorkflowEvents.ReviewActionOverdue).ToListAsync();
        Assert.Equal(2, notices.Count);
        Assert.All(notices, n => Assert.Equal("colin", n.UserId));
        Assert.Contains(notices, n => n.Title.StartsWith("Overdue", StringComparison.Ordinal));

        Assert.True((await _service.CompleteActionAsync(Editor(_south), added.Value)).Succeeded);
        Assert.Equal(0, await SweepAsync(new DateOnly(2026, 10, 20)));
    }

    [Fact]
    public async Task RemindAsync_RoundClosingWithOneSideStillRating_OnlyThatSideReminded()
    {
        await using (var setup = _database.CreateContext())
        {
            setup.Users.AddRange(
                new ApplicationUser { Id = "lena", UserName = "lena", DisplayName = "Lena Khan", OrganisationId = _link.Id, Role = UserRole.Editor },
                new ApplicationUser { Id = "colin", UserName = "colin", DisplayName = "Colin Marsh", OrganisationId = _south.Id, Role = UserRole.Editor });
            await setup.SaveChangesAsync();
        }

        var round = await _service.OpenRoundAsync(Editor(_link), new RoundInput { Year = 2026, CommissionerOrganisationId = _south.Id, ClosesOn = new DateOnly(2026, 10, 5) });
        await RateAllAsync(Editor(_link), round.Value, ReviewScore.LargelyMet, submit: true);

        await using (var db = _database.CreateContext())
        {
            Assert.Equal(1, await ReviewReminders.RemindAsync(db, new WorkingDayCalendar([]), new DateOnly(2026, 10, 1), _database.Clock.GetUtcNow()));
        }

        await using var check = _database.CreateContext();
        var notice = Assert.Single(await check.Notifications.AsNoTracking().Where(n => n.Event == "review.closing").ToListAsync());
        Assert.Equal("colin", notice.UserId);
    }

    /// <summary>
    /// Rounds opened twice for one year and commissioner before the database refused it were kept by the upgrade and
    /// marked as duplicates of the first: nobody is asked to rate them, and the trend takes the year's first round only.
    /// </summary>
    [Fact]
    public async Task RoundsMarkedAsDuplicates_NotRemindedOfClosingAndLeftOutOfTheTrend()
    {
        await using (var setup = _database.CreateContext())
        {
            setup.Users.Add(new ApplicationUser { Id = "colin", UserName = "colin", DisplayName = "Colin Marsh", OrganisationId = _south.Id, Role = UserRole.Editor });
            await setup.SaveChangesAsync();
        }

        // The copy, as the upgrade left it: opened for another year (the unique index allows no other way in), then
        // moved to the first round's year and marked. Opened before it here, so that it comes first in any order by
        // id and the test does not depend on which of the two a query happens to meet first.
        var copy = await _service.OpenRoundAsync(Editor(_south), new RoundInput { Year = 2025, CommissionerOrganisationId = _south.Id, ClosesOn = new DateOnly(2026, 12, 1) });
        Assert.True(copy.Succeeded, copy.Problem);
        await RateAllAsync(Editor(_link), copy.Value, ReviewScore.NotMet, submit: true);
        await RateAllAsync(Editor(_south), copy.Value, ReviewScore.NotMet, submit: true);
        var first = await OpenAsync();
        await RateAllAsync(Editor(_link), first, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_south), first, ReviewScore.LargelyMet, submit: true);
        // The first round agreed its first criterion; the copy its first and second.
        foreach (var (round, item, score) in new[] { (first, 0, ReviewScore.LargelyMet), (copy.Value, 0, ReviewScore.NotMet), (copy.Value, 1, ReviewScore.NotMet) })
        {
            var itemId = (await _service.GetAsync(Editor(_link), round))!.Items[item].ItemId;
            Assert.True((await _service.AgreeAsync(Editor(_link), round, itemId, new AgreedRatingInput { Score = score })).Succeeded);
        }

        await using (var db = _database.CreateContext())
        {
            await db.ReviewRounds.Where(r => r.Id == copy.Value)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Year, 2026).SetProperty(r => r.DuplicateOfRoundId, first)
                    .SetProperty(r => r.CommissionersSubmittedAt, (DateTimeOffset?)null));
        }

        await using (var db = _database.CreateContext())
        {
            // The copy closes on 1 December and the commissioner has not submitted it: still no reminder.
            Assert.Equal(0, await ReviewReminders.RemindAsync(db, new WorkingDayCalendar([]), new DateOnly(2026, 11, 27), _database.Clock.GetUtcNow()));
        }

        await using (var db = _database.CreateContext())
        {
            await db.ReviewRounds.Where(r => r.Id == copy.Value)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.CommissionersSubmittedAt, _database.Clock.GetUtcNow()));
        }

        var trend = Assert.Single(await _service.TrendsAsync());
        Assert.Equal([new FinancialYear(2026)], trend.Years);
        Assert.Equal(ReviewScore.LargelyMet, trend.Rows[0].ByYear[new FinancialYear(2026)]);
        Assert.Null(trend.Rows[1].ByYear[new FinancialYear(2026)]);
    }

    // Published with its first criterion agreed "largely met", then reopened, and the LINk changes that rating to "not met"
    // in the revision the commissioner has not agreed. The trend goes on showing what both sides agreed and published;
    // once the revision is published it shows the new rating. Before, it showed the revision at once as agreed.
    [Fact]
    public async Task TrendsAsync_PublishedRoundBeingRevised_ShowsWhatWasPublishedUntilTheRevisionIs()
    {
        var round = await BothSubmittedAsync();
        var item = (await _service.GetAsync(Editor(_link), round))!.Items[0].ItemId;
        Assert.True((await _service.AgreeAsync(Editor(_link), round, item, new AgreedRatingInput { Score = ReviewScore.LargelyMet })).Succeeded);
        Assert.True((await _service.PublishAsync(Editor(_south), round, notAgreedConfirmed: 23)).Succeeded);
        Assert.True((await _service.ReopenAsync(Editor(_south), round)).Succeeded);
        Assert.True((await _service.AgreeAsync(Editor(_link), round, item, new AgreedRatingInput { Score = ReviewScore.NotMet, SeenScore = ReviewScore.LargelyMet })).Succeeded);
        var year = (await _service.GetAsync(Editor(_link), round))!.Year;

        var during = Assert.Single(await _service.TrendsAsync());
        Assert.True((await _service.PublishAsync(Editor(_link), round, notAgreedConfirmed: 23)).Succeeded);
        Assert.True((await _service.PublishAsync(Editor(_south), round, notAgreedConfirmed: 23)).Succeeded);
        var after = Assert.Single(await _service.TrendsAsync());

        Assert.Equal(ReviewScore.LargelyMet, during.Rows[0].ByYear[year]);
        Assert.Equal(ReviewScore.NotMet, after.Rows[0].ByYear[year]);
    }

    [Fact]
    public async Task SaveRatingsAndAgreeAsync_AScoreThatIsNoneOfTheScale_RefusedOnItsFieldAndNothingSaved()
    {
        // The scores arrive from the browser: a crafted one outside the study's scale is refused, not stored.
        var round = await OpenAsync(_south);
        var view = (await _service.GetAsync(Editor(_link), round))!;
        var first = view.Items[0].ItemId;

        var rated = await _service.SaveRatingsAsync(Editor(_link), round, [new RatingInput { ItemId = first, Score = (ReviewScore)99 }],
            submit: false, publishComments: false, view.RatingsVersion);
        Assert.Equal([InputValidation.UndefinedChoiceMessage], rated.ErrorsFor($"Score-{first}"));
        Assert.Null((await _service.GetAsync(Editor(_link), round))!.Items.Single(i => i.ItemId == first).Link);

        await RateAllAsync(Editor(_link), round, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_south), round, ReviewScore.PartlyMet, submit: true);
        var agreed = await _service.AgreeAsync(Editor(_south), round, first, new AgreedRatingInput { Score = (ReviewScore)99 });
        Assert.Equal([InputValidation.UndefinedChoiceMessage], agreed.ErrorsFor("AgreedScore"));
        Assert.Null((await _service.GetAsync(Editor(_south), round))!.Items.Single(i => i.ItemId == first).AgreedScore);
    }
}
