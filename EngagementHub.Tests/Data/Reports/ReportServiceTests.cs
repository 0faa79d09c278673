using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Communities;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reports;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EngagementHub.Tests.Data.Reports;

/// <summary>
/// Which deadlines each report takes and who may read it. Today is Mon 2 Nov 2026; October and November 2026 have no
/// bank holiday. Run against SQLite and against PostgreSQL: see the nested classes.
/// </summary>
public abstract class ReportServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : ReportServiceTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : ReportServiceTests(DatabaseProvider.PostgreSql);

    private static readonly DateOnly Today = new(2026, 11, 2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = default!;
    private CapturingLoggerProvider _logs = default!;
    private DeadlineService _deadlines = default!;
    private ReportService _reports = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private Organisation _east = default!;
    private Actor _linkEditor = default!;
    private Actor _southEditor = default!;
    private Actor _eastEditor = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using (var db = _database.CreateContext())
        {
            await DeadlineService.EnsureRulesAsync(db);
            _link = new Organisation("Birmingham LINk", OrganisationKind.Link);
            _south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
            _east = new Organisation("NHS Birmingham East and North", OrganisationKind.Commissioner);
            db.Organisations.AddRange(_link, _south, _east);
            await db.SaveChangesAsync();
        }

        _linkEditor = new Actor("lena", "Lena Khan", _link.Id, _link.Name, UserRole.Editor);
        _southEditor = new Actor("janet", "Janet Rowe", _south.Id, _south.Name, UserRole.Editor);
        _eastEditor = new Actor("omar", "Omar Iqbal", _east.Id, _east.Name, UserRole.Editor);
        _logs = new CapturingLoggerProvider();
        var access = new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>());
        var holidays = new BankHolidayCalendar(_database.Factory, access, _clock);
        _deadlines = new DeadlineService(_database.Factory, holidays, access, _clock);
        _reports = new ReportService(_database.Factory, _deadlines, holidays, access, _clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<int> LogAsync(
        string subject, DateOnly received, Organisation? to = null, int? exerciseId = null, DeadlineKind kind = DeadlineKind.InformationRequest,
        params string[] recommendations)
    {
        await using var db = _database.CreateContext();
        var rule = await db.DeadlineRules.Where(r => r.Kind == kind).Select(r => r.Id).SingleAsync();
        var outcome = await _deadlines.LogAsync(_linkEditor, new DeadlineInput
        {
            RuleId = rule, Subject = subject, ToOrganisationId = (to ?? _south).Id, Received = received, ExerciseId = exerciseId,
            Recommendations = [.. recommendations],
        });
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        return outcome.Value;
    }

    /// <summary>An exercise the LINk runs with NHS South Birmingham as lead, reaching the first two standard communities by name.</summary>
    private async Task<int> AddExerciseAsync(string title, DateOnly start, params Organisation[] partners)
    {
        await using var db = _database.CreateContext();
        await StandardCommunities.EnsureAsync(db);
        var communities = await db.Communities.OrderBy(c => c.Name).Select(c => c.Id).Take(2).ToListAsync();
        var exercise = new EngagementExercise(new ExerciseInput
        {
            Title = title, Purpose = "Hear from the people who use the service.", LeadCommissionerId = _south.Id,
            DecisionInformed = "The board's decision", StartDate = start, EndDate = start.AddMonths(3), CommunityIds = communities,
            PartnerIds = [.. partners.Select(p => p.Id)],
        }, _link.Id, _south.Id, _clock.GetUtcNow());
        db.Exercises.Add(exercise);
        await db.SaveChangesAsync();
        return exercise.Id;
    }

    private async Task AddEventAsync(string title, DateOnly date, params int[] exerciseIds)
    {
        await using var db = _database.CreateContext();
        db.TimetableEvents.Add(new TimetableEvent(new TimetableEventInput
        {
            OrganisationId = _south.Id, Kind = TimetableEventKind.DecisionPoint, Title = title, StartDate = date, ExerciseIds = [.. exerciseIds],
        }, _clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Overdue: received Thu 1 Oct, due Wed 28 Oct. Due soon: received Mon 2 Nov, due Fri 27 Nov. Extended: received Mon 2
    /// Nov, extended to Tue 1 Dec. Answered: received Thu 1 Oct, answered. Elsewhere: to another commissioner, overdue.
    /// </summary>
    private async Task LogLiaisonFixtureAsync()
    {
        await LogAsync("Overdue", new DateOnly(2026, 10, 1));
        await LogAsync("Due soon", Today);
        var extended = await LogAsync("Extended", Today);
        Assert.True((await _deadlines.ProposeExtensionAsync(_southEditor, extended, new DateOnly(2026, 12, 1), "Board papers first.", waitingSeen: null)).Succeeded);
        Assert.True((await _deadlines.AgreeExtensionAsync(_linkEditor, extended, new DateOnly(2026, 12, 1))).Succeeded);
        var answered = await LogAsync("Answered", new DateOnly(2026, 10, 1));
        Assert.True((await _deadlines.RecordAnswerAsync(_southEditor, answered, "Sent.", Today)).Succeeded);
        await LogAsync("Elsewhere", new DateOnly(2026, 10, 1), _east);
    }

    [Fact]
    public async Task LiaisonAsync_DefaultRange_ListsTheOverdueAndWhatFallsDueInFourWeeks()
    {
        await LogLiaisonFixtureAsync();

        var outcome = await _reports.LiaisonAsync(_southEditor, _south.Id, null, null);

        var report = outcome.Value!;
        Assert.Equal((Today, new DateOnly(2026, 11, 30)), (report.From, report.To));
        Assert.Equal(["Overdue"], report.Overdue.Select(d => d.Subject));
        Assert.Equal("Overdue: due Wed 28 Oct 2026", report.Overdue[0].Outcome);
        Assert.Equal(["Due soon"], report.Due.Select(d => d.Subject));
        Assert.Equal(new DateOnly(2026, 11, 27), report.Due[0].DueDate);
    }

    [Fact]
    public async Task LiaisonAsync_ChosenRange_ListsWhatFallsDueThenAndStillEveryOverdueOne()
    {
        await LogLiaisonFixtureAsync();

        var report = (await _reports.LiaisonAsync(_linkEditor, _south.Id, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1))).Value!;

        Assert.Equal(["Overdue"], report.Overdue.Select(d => d.Subject));
        Assert.Equal(["Extended"], report.Due.Select(d => d.Subject));
    }

    [Fact]
    public async Task LiaisonAsync_RangeEndingBeforeItStarts_IsAFieldMessage()
    {
        var outcome = await _reports.LiaisonAsync(_linkEditor, _south.Id, new DateOnly(2026, 12, 1), new DateOnly(2026, 11, 1));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal(("to", "The end of the range must be on or after its start."), (error.Field, error.Message));
    }

    [Fact]
    public async Task LiaisonAsync_ThirdCommissioner_IsRefusedAndLogged()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _reports.LiaisonAsync(_eastEditor, _south.Id, null, null));

        var warning = Assert.Single(_logs.Warnings);
        Assert.Contains("read the liaison report", warning.Message);
        Assert.Contains("omar", warning.Message);
    }

    [Fact]
    public async Task ResponsivenessAsync_ThirdCommissioner_IsRefusedAndLogged()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _reports.ResponsivenessAsync(_eastEditor, _south.Id, new FinancialYear(2026)));

        Assert.Contains("read the responsiveness report", Assert.Single(_logs.Warnings).Message);
    }

    [Fact]
    public async Task AnnualAsync_Link_CountsEachRequestInTheYearItWasReceived()
    {
        await LogAsync("Received on the last day of 2025/26", new DateOnly(2026, 3, 31));
        await LogAsync("Received on the first day of 2026/27", new DateOnly(2026, 4, 1));

        var report = await _reports.AnnualAsync(_linkEditor, new FinancialYear(2026));

        Assert.Equal(["Received on the first day of 2026/27"], report.Requests.Select(r => r.Subject));
        Assert.Equal(["Received on the last day of 2025/26"], (await _reports.AnnualAsync(_linkEditor, new FinancialYear(2025))).Requests.Select(r => r.Subject));
        Assert.Equal(2, report.Responsiveness.Single().Answer.Counted + (await _reports.AnnualAsync(_linkEditor, new FinancialYear(2025))).Responsiveness.Single().Answer.Counted);
    }

    // An exercise cancelled before it went ahead is not one the LINk took part in: the annual report leaves it out.
    [Fact]
    public async Task AnnualAsync_ExerciseCancelled_NotListedAsOneTheLinkTookPartIn()
    {
        await AddExerciseAsync("Stroke rehabilitation", new DateOnly(2026, 6, 1));
        var cancelled = await AddExerciseAsync("Maternity choices", new DateOnly(2026, 7, 1));
        await using (var db = _database.CreateContext())
        {
            Assert.True((await db.Exercises.SingleAsync(e => e.Id == cancelled)).MoveTo(ExerciseState.Cancelled).Succeeded);
            await db.SaveChangesAsync();
        }

        var report = await _reports.AnnualAsync(_linkEditor, new FinancialYear(2026));

        Assert.Equal(["Stroke rehabilitation"], report.Exercises.Select(e => e.Title));
    }

    [Fact]
    public async Task AnnualAsync_Commissioner_IsRefusedAndLogged()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _reports.AnnualAsync(_southEditor, new FinancialYear(2026)));

        Assert.Contains("read the annual report", Assert.Single(_logs.Warnings).Message);
    }

    [Fact]
    public async Task ExerciseAsync_PartnerOrganisation_SummarisesItsCommunitiesEventsReportsAndRequests()
    {
        var exercise = await AddExerciseAsync("Maternity choices", new DateOnly(2026, 9, 1), _east);
        var other = await AddExerciseAsync("Stroke rehabilitation", new DateOnly(2026, 10, 1));
        await AddEventAsync("Board decides", new DateOnly(2026, 12, 3), exercise);
        await AddEventAsync("Options paper", new DateOnly(2026, 11, 5), other, exercise);
        await AddEventAsync("Another exercise's decision", new DateOnly(2026, 11, 6), other);
        await LogAsync("What women told us", new DateOnly(2026, 10, 1), exerciseId: exercise, kind: DeadlineKind.ReportResponse,
            recommendations: ["Offer interpreters.", "Publish waiting times."]);
        await LogAsync("Interpreting budget", new DateOnly(2026, 10, 2), exerciseId: exercise);
        await LogAsync("Not about this exercise", new DateOnly(2026, 10, 2), exerciseId: other);

        var summary = await _reports.ExerciseAsync(_eastEditor, exercise);

        Assert.NotNull(summary);
        Assert.Equal(("NHS South Birmingham", "Birmingham LINk"), (summary.LeadCommissioner, summary.Link));
        Assert.Equal(["NHS Birmingham East and North"], summary.Partners);
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(await db.Communities.OrderBy(c => c.Name).Select(c => c.Name).Take(2).ToListAsync(), summary.Communities);
        }

        Assert.Empty(summary.Localities);
        Assert.Null(summary.Proposal);
        Assert.Equal(["Options paper", "Board decides"], summary.Events.Select(e => e.Title));
        var report = Assert.Single(summary.Reports);
        Assert.Equal("What women told us", report.Deadline.Subject);
        Assert.Equal(["Offer interpreters.", "Publish waiting times."], report.Recommendations.Select(r => r.Text));
        Assert.Equal(["Interpreting budget"], summary.OtherDeadlines.Select(d => d.Subject));
    }

    [Fact]
    public async Task ExerciseAsync_AnExerciseInTwoLocalities_NamesTheLocalitiesNotCommunities()
    {
        int exercise;
        await using (var db = _database.CreateContext())
        {
            var northfield = new Organisation("Northfield constituency", OrganisationKind.Locality);
            var selly = new Organisation("Selly Oak constituency", OrganisationKind.Locality);
            db.Organisations.AddRange(northfield, selly);
            await db.SaveChangesAsync();
            var created = new EngagementExercise(new ExerciseInput
            {
                Title = "Stroke rehabilitation", Purpose = "Hear from stroke survivors.", LeadCommissionerId = _south.Id,
                DecisionInformed = "The board's decision", StartDate = new DateOnly(2026, 9, 1), EndDate = new DateOnly(2026, 12, 1),
                Scope = ExerciseScope.Localities, LocalityIds = [selly.Id, northfield.Id],
            }, _link.Id, _south.Id, _clock.GetUtcNow());
            db.Exercises.Add(created);
            await db.SaveChangesAsync();
            exercise = created.Id;
        }

        var summary = await _reports.ExerciseAsync(_southEditor, exercise);

        Assert.Equal(["Northfield constituency", "Selly Oak constituency"], summary!.Localities);
        Assert.Empty(summary.Communities);
    }

    [Fact]
    public async Task ExerciseAsync_OrganisationNotTakingPart_IsRefusedAndLogged()
    {
        var exercise = await AddExerciseAsync("Maternity choices", new DateOnly(2026, 9, 1));

        await Assert.ThrowsAsync<AccessDeniedException>(() => _reports.ExerciseAsync(_eastEditor, exercise));

        Assert.Contains("read an exercise summary", Assert.Single(_logs.Warnings).Message);
    }

    [Fact]
    public async Task ExercisesAsync_EachOrganisation_SeesTheExercisesItTakesPartInNewestFirst()
    {
        await AddExerciseAsync("Maternity choices", new DateOnly(2026, 9, 1), _east);
        await AddExerciseAsync("Stroke rehabilitation", new DateOnly(2026, 10, 1));

        Assert.Equal(["Stroke rehabilitation", "Maternity choices"], (await _reports.ExercisesAsync(_linkEditor)).Select(e => e.Title));
        Assert.Equal(["Stroke rehabilitation", "Maternity choices"], (await _reports.ExercisesAsync(_southEditor)).Select(e => e.Title));
        Assert.Equal(["Maternity choices"], (await _reports.ExercisesAsync(_eastEditor)).Select(e => e.Title));
    }

    [Fact]
    public async Task RespondingOrganisationsAsync_LinkAndCommissioner_AllRespondingOrganisationsOrOnlyTheirOwn()
    {
        Assert.Equal(["NHS Birmingham East and North", "NHS South Birmingham"], (await _reports.RespondingOrganisationsAsync(_linkEditor)).Select(o => o.Name));
        Assert.Equal(["NHS South Birmingham"], (await _reports.RespondingOrganisationsAsync(_southEditor)).Select(o => o.Name));
    }

    [Fact]
    public async Task ResponsivenessAsync_Link_ListsTheYearsRequestsWithTheirAnswers()
    {
        var answered = await LogAsync("Answered", new DateOnly(2026, 10, 1));
        Assert.True((await _deadlines.RecordAnswerAsync(_southEditor, answered, "Sent the figures.", Today)).Succeeded);
        await LogAsync("Awaiting", Today);
        await LogAsync("Last year", new DateOnly(2026, 3, 31));
        await LogAsync("To another commissioner", Today, _east);

        var report = await _reports.ResponsivenessAsync(_linkEditor, _south.Id, new FinancialYear(2026));

        Assert.NotNull(report);
        Assert.Equal(["Answered", "Awaiting"], report.Requests.Select(r => r.Subject).Order());
        Assert.Equal("Sent the figures.", report.Requests.Single(r => r.Subject == "Answered").Answer);
        Assert.Null(report.Requests.Single(r => r.Subject == "Awaiting").Answer);
    }
}
