using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Public;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data.Public;

/// <summary>
/// What of "you said, we did" and of responsiveness the public may see (<see cref="PublicVisibility"/>), through
/// <see cref="PublicSite"/>. Run against SQLite and against PostgreSQL: see the nested classes.
/// </summary>
public abstract class PublicRegisterTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : PublicRegisterTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : PublicRegisterTests(DatabaseProvider.PostgreSql);

    // Monday 2 November 2026, 10:00 UTC (10:00 in the UK).
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = default!;
    private DeadlineService _deadlines = default!;
    private PublicSite _site = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private Actor _linkEditor = default!;
    private Actor _southEditor = default!;
    private int _publicExercise;
    private int _draftExercise;
    private int _onPublic;
    private int _onDraft;
    private int _withdrawn;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _database.Clock.SetUtcNow(Now);
        await using (var db = _database.CreateContext())
        {
            await DeadlineService.EnsureRulesAsync(db);
            _link = new Organisation("Birmingham LINk", OrganisationKind.Link);
            _south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
            db.Organisations.AddRange(_link, _south);
            await db.SaveChangesAsync();
            db.Users.AddRange(User("lena", "Lena Khan", _link), User("colin", "Colin Marsh", _south));
            var agreed = Exercise("Stroke rehabilitation");
            var proposal = agreed.ProposeOption(AgreementSide.Commissioner, 4, "Reasons", [], "Colin Marsh", _south.Name, Now).Value!;
            Assert.True(agreed.Agree(proposal.Id, AgreementSide.Link, "Lena Khan", Now).Succeeded);
            var draft = Exercise("Draft: maternity choices");
            db.Exercises.AddRange(agreed, draft);
            await db.SaveChangesAsync();
            (_publicExercise, _draftExercise) = (agreed.Id, draft.Id);
        }

        _linkEditor = new Actor("lena", "Lena Khan", _link.Id, _link.Name, UserRole.Editor);
        _southEditor = new Actor("colin", "Colin Marsh", _south.Id, _south.Name, UserRole.Editor);
        var access = new OrganisationAccess(new CapturingLoggerProvider().CreateLogger<OrganisationAccess>());
        _deadlines = new DeadlineService(_database.Factory, new BankHolidayCalendar(_database.Factory, access, _database.Clock), access,
            _database.Clock);
        _site = PublicSites.Create(_database);
        _onPublic = await LogReportAsync("Stroke report", new DateOnly(2026, 10, 1), _publicExercise, "Offer interpreters.");
        _onDraft = await LogReportAsync("Maternity report", new DateOnly(2026, 10, 2), _draftExercise, "Publish figures.");
        _withdrawn = await LogReportAsync("Withdrawn report", new DateOnly(2026, 10, 5), null, "Open a new unit.");
        Assert.True((await _deadlines.WithdrawAsync(_linkEditor, _withdrawn)).Succeeded);
        return;

        EngagementExercise Exercise(string title) => new(new ExerciseInput
        {
            Title = title, Purpose = "To hear from people", LeadCommissionerId = _south.Id, DecisionInformed = "The board's decision",
            StartDate = new DateOnly(2026, 9, 1), EndDate = new DateOnly(2026, 12, 1),
        }, _link.Id, _south.Id, Now);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static ApplicationUser User(string id, string name, Organisation organisation) => new()
    {
        Id = id, UserName = $"{id}@example.test", Email = $"{id}@example.test", NormalizedEmail = $"{id}@example.test".ToUpperInvariant(),
        DisplayName = name, OrganisationId = organisation.Id, Role = UserRole.Editor, CreatedAt = Now,
    };

    private async Task<int> LogReportAsync(string subject, DateOnly received, int? exerciseId, params string[] recommendations)
    {
        await using var db = _database.CreateContext();
        var rule = await db.DeadlineRules.SingleAsync(r => r.Kind == DeadlineKind.ReportResponse);
        var outcome = await _deadlines.LogAsync(_linkEditor, new DeadlineInput
        {
            RuleId = rule.Id, Subject = subject, ToOrganisationId = _south.Id, Received = received, ExerciseId = exerciseId, Recommendations = [.. recommendations],
        });
        Assert.True(outcome.Succeeded);
        return outcome.Value;
    }

    private async Task<Recommendation> OnlyRecommendationAsync(int reportId) => (await _deadlines.GetAsync(reportId))!.Deadline.Recommendations.Single();

    [Fact]
    public async Task RegisterAsync_WithdrawnReport_ItsRecommendationsAreNeverPublic()
    {
        var everything = await _site.RegisterAsync(new RegisterFilter());
        var byCommissioner = await _site.RegisterAsync(new RegisterFilter(CommissionerId: _south.Id, Year: new FinancialYear(2026)));
        var awaiting = await _site.RegisterAsync(new RegisterFilter(Stage: RegisterStage.AwaitingResponse));

        foreach (var register in new[] { everything, byCommissioner, awaiting })
        {
            Assert.Equal(["Maternity report", "Stroke report"], register.Entries.Select(e => e.Report));
            Assert.DoesNotContain(register.Entries, e => e.DeadlineId == _withdrawn || e.Recommendation == "Open a new unit.");
        }
    }

    [Fact]
    public async Task RegisterAsync_FilteredByCommissionerOrYearAlone_SelectsTheirReportsOnly()
    {
        string[] both = ["Maternity report", "Stroke report"];

        Assert.Equal(both, (await _site.RegisterAsync(new RegisterFilter(CommissionerId: _south.Id))).Entries.Select(e => e.Report));
        Assert.Empty((await _site.RegisterAsync(new RegisterFilter(CommissionerId: _link.Id))).Entries);
        Assert.Equal(both, (await _site.RegisterAsync(new RegisterFilter(Year: new FinancialYear(2026)))).Entries.Select(e => e.Report));
        Assert.Empty((await _site.RegisterAsync(new RegisterFilter(Year: new FinancialYear(2025)))).Entries);
    }

    [Fact]
    public async Task RegisterAsync_WithdrawnAfterImplementation_DisappearsFromThePublicRegister()
    {
        var recommendation = await OnlyRecommendationAsync(_onPublic);
        Assert.True((await _deadlines.RespondAsync(_southEditor, _onPublic, recommendation.Id, RecommendationResponse.Accepted, null)).Succeeded);
        Assert.Contains((await _site.RegisterAsync(new RegisterFilter())).Entries, e => e.DeadlineId == _onPublic);

        Assert.True((await _deadlines.WithdrawAsync(_linkEditor, _onPublic)).Succeeded);

        Assert.DoesNotContain((await _site.RegisterAsync(new RegisterFilter())).Entries, e => e.DeadlineId == _onPublic);
    }

    [Fact]
    public async Task RegisterAsync_AcceptedDoneAndAgreedThenNotAccepted_ShowsTheChangeAndNothingOfTheAcceptanceAsCurrent()
    {
        var id = (await OnlyRecommendationAsync(_onPublic)).Id;
        Assert.True((await _deadlines.RespondAsync(_southEditor, _onPublic, id, RecommendationResponse.Accepted, "We will.")).Succeeded);
        Assert.True((await _deadlines.RecordImplementationAsync(_southEditor, _onPublic, id, new ImplementationInput
        {
            Status = ImplementationStatus.Done, ChangeMade = "Interpreters booked.", Version = (await OnlyRecommendationAsync(_onPublic)).Version,
        })).Succeeded);
        Assert.True((await _deadlines.RecordLinkVerdictAsync(_linkEditor, _onPublic, id, new LinkVerdictInput
        {
            Verdict = LinkVerdict.DoesNotAgree, Comment = "Not at weekends.", Version = (await OnlyRecommendationAsync(_onPublic)).Version,
        })).Succeeded);
        _database.Clock.SetUtcNow(Now.AddDays(29));

        Assert.True((await _deadlines.RespondAsync(_southEditor, _onPublic, id, RecommendationResponse.NotAccepted, "The budget was cut.")).Succeeded);

        var entry = Assert.Single((await _site.RegisterAsync(new RegisterFilter())).Entries, e => e.RecommendationId == id);
        Assert.Equal((RecommendationResponse.NotAccepted, new DateOnly(2026, 12, 1), RegisterStage.NotAccepted), (entry.Response, entry.RespondedOn!.Value, entry.Stage));
        Assert.Equal((RecommendationResponse.Accepted, "We will.", new DateOnly(2026, 11, 2)),
            (entry.EarlierResponse!.Value, entry.EarlierResponseText!, entry.EarlierRespondedOn!.Value));
        Assert.Equal(default, (entry.Implementation, entry.ChangeMade, entry.LatestMilestone, entry.LinkVerdict, entry.LinkComment));
        Assert.Empty((await _site.RegisterAsync(new RegisterFilter(Stage: RegisterStage.Done))).Entries);
    }

    [Fact]
    public async Task RegisterAsync_ReportOnADraftExercise_IsListedWithoutNamingTheExercise()
    {
        var register = await _site.RegisterAsync(new RegisterFilter());

        var onDraft = Assert.Single(register.Entries, e => e.DeadlineId == _onDraft);
        Assert.Null(onDraft.ExerciseId);
        Assert.Null(onDraft.Exercise);
        var onPublic = Assert.Single(register.Entries, e => e.DeadlineId == _onPublic);
        Assert.Equal(_publicExercise, onPublic.ExerciseId);
        Assert.Equal("Stroke rehabilitation", onPublic.Exercise);
        Assert.Equal([_publicExercise], register.Exercises.Select(x => x.Id));
    }

    [Fact]
    public async Task RegisterAsync_FilterByADraftExercise_SelectsNothing()
    {
        var register = await _site.RegisterAsync(new RegisterFilter(ExerciseId: _draftExercise));

        Assert.Empty(register.Entries);
    }

    [Fact]
    public async Task RegisterAsync_DoneWithTheLinksView_ShowsWhatChangedAndNoPeople()
    {
        var recommendation = await OnlyRecommendationAsync(_onPublic);
        Assert.True((await _deadlines.RespondAsync(_southEditor, _onPublic, recommendation.Id, RecommendationResponse.Accepted, "We will.")).Succeeded);
        recommendation = await OnlyRecommendationAsync(_onPublic);
        Assert.True((await _deadlines.RecordImplementationAsync(_southEditor, _onPublic, recommendation.Id, new ImplementationInput
        {
            Status = ImplementationStatus.Done, ChangeMade = "Interpreters booked for every clinic.", Version = recommendation.Version,
        })).Succeeded);
        Assert.True((await _deadlines.AddMilestoneAsync(_southEditor, _onPublic, recommendation.Id, new MilestoneInput
        {
            On = new DateOnly(2026, 10, 20), Text = "Contract signed.",
        })).Succeeded);
        recommendation = await OnlyRecommendationAsync(_onPublic);
        Assert.True((await _deadlines.RecordLinkVerdictAsync(_linkEditor, _onPublic, recommendation.Id, new LinkVerdictInput
        {
            Verdict = LinkVerdict.Agrees, Version = recommendation.Version,
        })).Succeeded);

        var done = Assert.Single((await _site.RegisterAsync(new RegisterFilter(Stage: RegisterStage.Done))).Entries);

        Assert.Equal("Interpreters booked for every clinic.", done.ChangeMade);
        Assert.Equal(new RegisterMilestone(new DateOnly(2026, 10, 20), "Contract signed."), done.LatestMilestone);
        Assert.Equal(LinkVerdict.Agrees, done.LinkVerdict);
        Assert.DoesNotContain("Colin Marsh", done.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Lena Khan", done.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponsivenessAsync_Year_IsTheOneComputationWithTheYearsReceived()
    {
        var year = new FinancialYear(2026);

        var shown = await _site.ResponsivenessAsync(null);

        Assert.Equal(year, shown.Year);
        Assert.Equal([year], shown.Years);
        Assert.Equal(await _deadlines.ResponsivenessAsync(year), shown.Figures);
        var south = Assert.Single(shown.Figures);
        Assert.Equal((2, 1), (south.Requests, south.Withdrawn));
    }
}
