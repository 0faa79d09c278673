using EngagementHub.Core;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Communities;
using EngagementHub.Core.Data;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EngagementHub.Tests.Data.Timetables;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class TimetableServicesTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : TimetableServicesTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : TimetableServicesTests(DatabaseProvider.PostgreSql);

    private static readonly FinancialYear Year = new(2026);
    private TestDatabase _database = default!;
    private CapturingLoggerProvider _logs = default!;
    private TimetableServices _service = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private Organisation _council = default!;

    /// <summary>The LINk, two commissioners and the standard planning cycles every test starts from.</summary>
    private static async Task SeedAsync(TestDatabase template)
    {
        await using var db = template.CreateContext();
        db.Organisations.AddRange(new Organisation("Birmingham LINk", OrganisationKind.Link),
            new Organisation("NHS South Birmingham", OrganisationKind.Commissioner), new Organisation("Adults and Communities", OrganisationKind.Commissioner));
        db.CycleTemplates.AddRange(StandardCycles.All());
        await db.SaveChangesAsync();
    }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSeededAsync(provider, nameof(TimetableServicesTests), SeedAsync);
        await using (var db = _database.CreateContext())
        {
            var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Name);
            (_link, _south, _council) = (organisations["Birmingham LINk"], organisations["NHS South Birmingham"], organisations["Adults and Communities"]);
        }

        _logs = new CapturingLoggerProvider();
        _service = TimetableServices.For(_database, new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static Actor Editor(Organisation organisation, string name = "Editor") =>
        new($"user-{organisation.Id}-{name}", name, organisation.Id, organisation.Name, UserRole.Editor);

    private static Actor Viewer(Organisation organisation) =>
        new($"viewer-{organisation.Id}", "Vic Viewer", organisation.Id, organisation.Name, UserRole.Viewer);

    private static TimetableEventInput Decision(Organisation organisation, DateOnly date, string title, params int[] exercises) => new()
    {
        OrganisationId = organisation.Id,
        Kind = TimetableEventKind.DecisionPoint,
        Title = title,
        StartDate = date,
        ExerciseIds = [.. exercises],
    };

    private async Task<int> AddExerciseAsync(Organisation lead, string title, DateOnly start, DateOnly end, DateOnly? decision = null)
    {
        await using var db = _database.CreateContext();
        await StandardCommunities.EnsureAsync(db);
        var exercise = new EngagementExercise(new ExerciseInput
        {
            Title = title,
            Purpose = "Hear from the people who use the service.",
            LeadCommissionerId = lead.Id,
            DecisionInformed = "The board's decision",
            StartDate = start,
            EndDate = end,
            DecisionDate = decision,
            CommunityIds = [await db.Communities.Select(c => c.Id).FirstAsync()],
        }, _link.Id, lead.Id, _database.Clock.GetUtcNow());
        db.Exercises.Add(exercise);
        await db.SaveChangesAsync();
        return exercise.Id;
    }

    [Fact]
    public async Task CreateEventAsync_SameSubmissionKeyTwice_AddsOneEvent()
    {
        var key = SubmissionKey.New();

        var first = await _service.Events.CreateEventAsync(Editor(_south), Board(_south, new DateOnly(2026, 9, 17)), key);
        var second = await _service.Events.CreateEventAsync(Editor(_south), Board(_south, new DateOnly(2026, 9, 17)), key);

        Assert.Equal(first.Value, second.Value);
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.TimetableEvents.CountAsync());
    }

    [Fact]
    public async Task CreateEventAsync_SameSubmissionKeyAtOnce_AddsOneEvent()
    {
        var key = SubmissionKey.New();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3)
            .Select(_ => _service.Events.CreateEventAsync(Editor(_south), Board(_south, new DateOnly(2026, 9, 17)), key)));

        Assert.All(outcomes, o => Assert.Equal(outcomes[0].Value, o.Value));
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.TimetableEvents.CountAsync());
    }

    private async Task<int> CreateAsync(Actor actor, TimetableEventInput details)
    {
        var outcome = await _service.Events.CreateEventAsync(actor, details);
        Assert.True(outcome.Succeeded, outcome.Problem);
        return outcome.Value;
    }

    private static TimetableEventInput Board(Organisation organisation, DateOnly date) => new()
    {
        OrganisationId = organisation.Id,
        Kind = TimetableEventKind.BoardMeeting,
        Title = "Board meeting",
        StartDate = date,
        StartTime = new TimeOnly(14, 0),
        EndTime = new TimeOnly(16, 0),
    };

    [Fact]
    public async Task GenerateCycleAsync_StandardTemplate_StoresEachStageAsAnEventOfTheYear()
    {
        var template = (await _service.Cycles.TemplatesAsync()).Single(t => t.Name == StandardCycles.WorldClassCommissioning);

        var outcome = await _service.Cycles.GenerateCycleAsync(Editor(_south), template.Id, _south.Id, Year);

        Assert.True(outcome.Succeeded, outcome.Problem);
        var year = await _service.Queries.YearAsync(Year);
        Assert.Equal(5, year.Events.Count);
        Assert.All(year.Events, e => Assert.Equal(template.Id, e.CycleTemplateId));
        Assert.Contains(year.Events, e => e.Title == "Procurement and contracting" && e.StartDate == new DateOnly(2027, 1, 1));
    }

    [Fact]
    public async Task GetEventAsync_AGeneratedEventAndADecisionLinkingAnExercise_NameTheirOrganisationCycleAndExercise()
    {
        var template = (await _service.Cycles.TemplatesAsync()).Single(t => t.Name == StandardCycles.WorldClassCommissioning);
        await _service.Cycles.GenerateCycleAsync(Editor(_south), template.Id, _south.Id, Year);
        var generated = (await _service.Queries.YearAsync(Year)).Events.First();
        var exercise = await AddExerciseAsync(_south, "Maternity choices", new DateOnly(2026, 6, 1), new DateOnly(2026, 8, 31));
        var decision = await CreateAsync(Editor(_council), Decision(_council, new DateOnly(2026, 10, 1), "Maternity strategy", exercise));

        var stage = (await _service.Queries.GetEventAsync(generated.Id))!;
        var linking = (await _service.Queries.GetEventAsync(decision))!;

        Assert.Equal((_south.Name, StandardCycles.WorldClassCommissioning), (stage.OrganisationName, stage.CycleTemplateName));
        Assert.Empty(stage.Exercises);
        Assert.Equal((_council.Name, null), (linking.OrganisationName, linking.CycleTemplateName));
        Assert.Equal([new LinkedExercise(exercise, "Maternity choices")], linking.Exercises);
        Assert.Null(linking.Timetable);
    }

    [Fact]
    public async Task AgreeAsync_EveryParticipantAgrees_TimetableIsAgreedAndPublished()
    {
        await _service.Events.CreateEventAsync(Editor(_south), Board(_south, new DateOnly(2026, 9, 17)));
        var proposed = await _service.Agreements.ProposeAsync(Editor(_link, "Lena"), Year, [_south.Id, _council.Id], "Our draft for the year");
        Assert.True(proposed.Succeeded, proposed.Problem);

        var first = await _service.Queries.YearAsync(Year);
        Assert.True((await _service.Agreements.AgreeAsync(Editor(_south, "Colin"), Year, first.Timetable!.Version)).Succeeded);
        var second = await _service.Queries.YearAsync(Year);
        Assert.Equal(TimetableStatus.Proposed, second.Status);
        Assert.True((await _service.Agreements.AgreeAsync(Editor(_council, "Carla"), Year, second.Timetable!.Version)).Succeeded);

        var agreed = await _service.Queries.YearAsync(Year);
        Assert.Equal(TimetableStatus.Agreed, agreed.Status);
        Assert.True(agreed.Timetable!.IsPublished);
        Assert.Equal(["Carla", "Colin", "Lena"], agreed.Timetable.CurrentAgreements.Select(a => a.AgreedBy).Order());
    }

    [Fact]
    public async Task UpdateEventAsync_AfterAgreement_FlagsTheYearAndLogsTheMove()
    {
        var id = (await _service.Events.CreateEventAsync(Editor(_south), Board(_south, new DateOnly(2026, 9, 17)))).Value;
        await _service.Agreements.ProposeAsync(Editor(_link), Year, [_south.Id], null);
        await _service.Agreements.AgreeAsync(Editor(_south), Year, (await _service.Queries.YearAsync(Year)).Timetable!.Version);

        var details = TimetableEventInput.From((await _service.Queries.GetEventAsync(id))!.Event);
        details.StartDate = new DateOnly(2026, 9, 24);
        var outcome = await _service.Events.UpdateEventAsync(Editor(_south), id, details);

        Assert.True(outcome.Succeeded, outcome.Problem);
        var year = await _service.Queries.YearAsync(Year);
        Assert.Equal(TimetableStatus.Agreed, year.Status);
        Assert.True(year.Timetable!.ChangedSinceAgreement);
        var change = Assert.Single(year.Timetable.Changes);
        Assert.Equal("'Board meeting' moved from Thu 17 Sept 2026, 14:00–16:00 to Thu 24 Sept 2026, 14:00–16:00.", change.Summary);
    }

    // A date moved after the agreement is marked until the year is agreed again; moved back, it is as agreed again (the
    // public timetable and the feeds said "Changed since the timetable was agreed" of a date as it was agreed).
    [Fact]
    public async Task ChangesSinceAgreement_DateMovedThenMovedBack_MarkedThenAsAgreedAgain()
    {
        var id = (await _service.Events.CreateEventAsync(Editor(_south), Board(_south, new DateOnly(2026, 9, 17)))).Value;
        await _service.Agreements.ProposeAsync(Editor(_link), Year, [_south.Id], null);
        await _service.Agreements.AgreeAsync(Editor(_south), Year, (await _service.Queries.YearAsync(Year)).Timetable!.Version);

        async Task<SinceAgreement> SinceAsync()
        {
            await using var db = _database.CreateContext();
            var shown = await db.TimetableEvents.AsNoTracking().SingleAsync(e => e.Id == id);
            return (await ChangesSinceAgreement.OfAsync(db, [shown], default)).GetValueOrDefault(id, SinceAgreement.AsAgreed);
        }

        _database.Clock.Advance(TimeSpan.FromHours(1));
        await MoveBoardAsync(id, new DateOnly(2026, 9, 24));
        Assert.Equal(SinceAgreement.Changed, await SinceAsync());

        _database.Clock.Advance(TimeSpan.FromHours(1));
        await MoveBoardAsync(id, new DateOnly(2026, 9, 17));
        Assert.Equal(SinceAgreement.AsAgreed, await SinceAsync());
    }

    /// <summary>The year proposed by the LINk to South and the council, agreed by both, then South's board moved once.</summary>
    /// <returns>The board's id.</returns>
    private async Task<int> AgreedThenChangedBySouthAsync()
    {
        var id = (await _service.Events.CreateEventAsync(Editor(_south), Board(_south, new DateOnly(2026, 9, 17)))).Value;
        await _service.Agreements.ProposeAsync(Editor(_link, "Lena"), Year, [_south.Id, _council.Id], null);
        await _service.Agreements.AgreeAsync(Editor(_south), Year, (await _service.Queries.YearAsync(Year)).Timetable!.Version);
        await _service.Agreements.AgreeAsync(Editor(_council), Year, (await _service.Queries.YearAsync(Year)).Timetable!.Version);
        await MoveBoardAsync(id, new DateOnly(2026, 9, 24));
        return id;
    }

    private async Task MoveBoardAsync(int id, DateOnly to)
    {
        var details = TimetableEventInput.From((await _service.Queries.GetEventAsync(id))!.Event);
        details.StartDate = to;
        Assert.True((await _service.Events.UpdateEventAsync(Editor(_south), id, details)).Succeeded);
    }

    private DateOnly Today => UkTime.Today(_database.Clock);

    private async Task<int> LatestChangeIdAsync() => (await _service.Queries.YearAsync(Year)).Timetable!.Changes.Max(c => c.Id);

    // The council checked South's change and is content: nothing is left for it to check until South changes the year
    // again. The LINk, which has not checked, still has both changes to check; the year stays changed since agreement.
    [Fact]
    public async Task CheckChangesAsync_AfterAnotherPartnersChange_NothingLeftToCheckUntilTheYearChangesAgain()
    {
        var board = await AgreedThenChangedBySouthAsync();

        var outcome = await _service.Agreements.CheckChangesAsync(Editor(_council, "Carla"), Year, await LatestChangeIdAsync());

        Assert.True(outcome.Succeeded, outcome.Problem);
        var year = (await _service.Queries.YearAsync(Year)).Timetable!;
        Assert.Empty(year.ChangesToCheckFor(_council.Id, Today));
        Assert.Equal(("Carla", _council.Id), (Assert.Single(year.ChangeChecks).CheckedBy, year.ChangeChecks.Single().OrganisationId));
        Assert.True(year.ChangedSinceAgreement);
        Assert.Equal($"Carla recorded the changes as checked for your organisation on {UkTime.Format(_database.Clock.GetUtcNow())}, and none has come since.",
            (await _service.Agreements.CheckChangesAsync(Editor(_council, "Carys"), Year, await LatestChangeIdAsync())).Problem?.Replace("\u2068", "").Replace("\u2069", ""));
        Assert.Empty((await _service.Queries.YearAsync(Year)).Timetable!.ChangesToCheckFor(_south.Id, Today));

        await MoveBoardAsync(board, new DateOnly(2026, 10, 1));

        year = (await _service.Queries.YearAsync(Year)).Timetable!;
        Assert.Contains("to Thu 1 Oct 2026", Assert.Single(year.ChangesToCheckFor(_council.Id, Today)).Summary);
        Assert.Equal(2, year.ChangesToCheckFor(_link.Id, Today).Count());
    }

    // South changed the year again while the council's page showed only the first change: the council is not recorded as
    // having checked a change it was not shown.
    [Fact]
    public async Task CheckChangesAsync_ChangedAgainAfterThePageWasRead_RefusedAndNothingRecorded()
    {
        var board = await AgreedThenChangedBySouthAsync();
        var seen = await LatestChangeIdAsync();
        await MoveBoardAsync(board, new DateOnly(2026, 10, 1));

        var outcome = await _service.Agreements.CheckChangesAsync(Editor(_council), Year, seen);

        Assert.Equal("The timetable was changed again while you were reading it. Read the latest change, then record the check again.", outcome.Problem);
        var year = (await _service.Queries.YearAsync(Year)).Timetable!;
        Assert.Empty(year.ChangeChecks);
        Assert.Equal(2, year.ChangesToCheckFor(_council.Id, Today).Count());
    }

    // The council's change was still being saved when South's was made: South's waits for it, and is numbered after it,
    // so no page lists South's change without the council's, and a check up to the latest change a page showed never
    // covers one it could not show.
    [Fact]
    public async Task UpdateEventAsync_WhileAnotherChangeToTheYearIsBeingSaved_NumberedAfterItOnceItIsSaved()
    {
        var board = await AgreedThenChangedBySouthAsync();
        var cabinet = (await _service.Events.CreateEventAsync(Editor(_council), Board(_council, new DateOnly(2026, 11, 5)))).Value;
        await using var councils = _database.CreateContext();
        var councilsSave = await councils.Database.BeginTransactionAsync();
        await TimetableChangeLog.RecordAsync(councils, Editor(_council), Year.StartYear, cabinet, _council.Id, "'Cabinet' moved.", _database.Clock, default);

        var souths = Task.Run(() => MoveBoardAsync(board, new DateOnly(2026, 10, 1)));
        await WaitingForALockAsync(souths);
        Assert.False(souths.IsCompleted, "South's change was saved while the council's, numbered before it, was still being saved.");
        await councilsSave.CommitAsync();
        await councilsSave.DisposeAsync();
        await souths;

        var changes = (await _service.Queries.YearAsync(Year)).Timetable!.Changes.OrderBy(c => c.Id).Select(c => c.Summary).ToList();
        Assert.Equal("'Cabinet' moved.", changes[^2]);
        Assert.Contains("to Thu 1 Oct 2026", changes[^1]);
    }

    /// <summary>Waits until <paramref name="step"/> waits for a row another transaction holds (<see cref="TestDatabase.WaitingForALockAsync"/>).</summary>
    private Task WaitingForALockAsync(Task step) => _database.WaitingForALockAsync(step);

    // South moves its board from 31 March into April while the council moves its cabinet from 1 April back into March,
    // both years agreed: each move is noted in both years, earlier year first, so one waits for the other and both save
    // (taken in opposite orders, the two years' rows deadlocked and one move was lost).
    [Fact]
    public async Task UpdateEventAsync_OppositeMovesAcrossTheEndOfTheFinancialYearAtOnce_BothSaved()
    {
        var next = new FinancialYear(2027);
        var board = await CreateAsync(Editor(_south), Board(_south, new DateOnly(2027, 3, 31)));
        var cabinet = await CreateAsync(Editor(_council), Board(_council, new DateOnly(2027, 4, 1)));
        foreach (var year in new[] { Year, next })
        {
            Assert.True((await _service.Agreements.ProposeAsync(Editor(_link, "Lena"), year, [_south.Id, _council.Id], null)).Succeeded);
            Assert.True((await _service.Agreements.AgreeAsync(Editor(_south), year, (await _service.Queries.YearAsync(year)).Timetable!.Version)).Succeeded);
            Assert.True((await _service.Agreements.AgreeAsync(Editor(_council), year, (await _service.Queries.YearAsync(year)).Timetable!.Version)).Succeeded);
            await CreateAsync(Editor(_link), Board(_link, new DateOnly(year.StartYear, 9, 17)));
        }

        // South's move is held once it has noted its change in one year (holding that year's row) and read the other.
        var yearsRead = 0;
        var pause = new QueryPause(c => c.CommandText.Contains("FROM \"AnnualTimetables\"", StringComparison.Ordinal) && Interlocked.Increment(ref yearsRead) == 2);
        var southsEvents = new TimetableEventService(pause.Factory(_database), new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);
        async Task<Outcome> MoveAsync(TimetableEventService events, Actor actor, int id, DateOnly to)
        {
            var details = TimetableEventInput.From((await _service.Queries.GetEventAsync(id))!.Event);
            details.StartDate = to;
            return await events.UpdateEventAsync(actor, id, details);
        }

        var souths = Task.Run(() => MoveAsync(southsEvents, Editor(_south), board, new DateOnly(2027, 4, 1)));
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        var councils = Task.Run(() => MoveAsync(_service.Events, Editor(_council), cabinet, new DateOnly(2027, 3, 31)));
        await WaitingForALockAsync(councils);
        pause.Release();

        Assert.True((await souths).Succeeded);
        Assert.True((await councils).Succeeded);
        Assert.Equal(new DateOnly(2027, 4, 1), (await _service.Queries.GetEventAsync(board))!.Event.StartDate);
        Assert.Equal(new DateOnly(2027, 3, 31), (await _service.Queries.GetEventAsync(cabinet))!.Event.StartDate);
    }

    // The council is deactivated while South moves its board from 31 March into April, both years out for agreement and
    // 2027/28 proposed first (its row made first). The deactivation settles both years in one save, which writes their
    // rows in key order; the move notes its years in the same order, so one waits for the other and both are done.
    [Fact]
    public async Task UpdateEventAsync_AcrossTheYearEndWhileAPartnerIsDeactivated_BothDone()
    {
        var next = new FinancialYear(2027);
        var board = await CreateAsync(Editor(_south), Board(_south, new DateOnly(2027, 3, 31)));
        foreach (var year in new[] { next, Year })
        {
            Assert.True((await _service.Agreements.ProposeAsync(Editor(_link, "Lena"), year, [_south.Id, _council.Id], null)).Succeeded);
        }

        // South's move is held once it has noted its change in one year (holding that row) and read the other.
        var yearsRead = 0;
        var pause = new QueryPause(c => c.CommandText.Contains("FROM \"AnnualTimetables\"", StringComparison.Ordinal)
                                        && !c.CommandText.Contains("ORDER BY", StringComparison.Ordinal) && Interlocked.Increment(ref yearsRead) == 2);
        var southsEvents = new TimetableEventService(pause.Factory(_database), new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);
        var details = TimetableEventInput.From((await _service.Queries.GetEventAsync(board))!.Event);
        details.StartDate = new DateOnly(2027, 4, 1);
        var souths = Task.Run(() => southsEvents.UpdateEventAsync(Editor(_south), board, details));
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        Guid councilVersion;
        await using (var db = _database.CreateContext())
        {
            councilVersion = await db.Organisations.Where(o => o.Id == _council.Id).Select(o => o.Version).SingleAsync();
        }

        var admin = new Actor("admin-larry", "Larry Admin", _link.Id, _link.Name, UserRole.Admin);
        var directory = new OrganisationDirectory(_database.Factory, new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock,
            [new TimetableRoundsOnDeactivation()]);
        var deactivation = Task.Run(() => directory.SetActiveAsync(admin, _council.Id, false, councilVersion));
        await WaitingForALockAsync(deactivation);
        pause.Release();

        Assert.True((await souths).Succeeded);
        var deactivated = await deactivation;
        // Saved after the move, the deactivation may meet the years it changed and be refused as a whole, to be tried again.
        if (!deactivated.Succeeded)
        {
            deactivated = await directory.SetActiveAsync(admin, _council.Id, false, councilVersion);
        }

        Assert.True(deactivated.Succeeded, deactivated.Problem);
        Assert.Equal(new DateOnly(2027, 4, 1), (await _service.Queries.GetEventAsync(board))!.Event.StartDate);
    }

    // The three partners each move one of their own events in the agreed year at the same moment: every note saves the
    // year's row, so they meet on it, and each is retried until all three moves and their notes are saved.
    [Fact]
    public async Task UpdateEventAsync_ThreePartnersAtOnceInAnAgreedYear_EveryMoveAndItsNoteSaved()
    {
        var board = await AgreedThenChangedBySouthAsync();
        var cabinet = await CreateAsync(Editor(_council), Board(_council, new DateOnly(2026, 11, 5)));
        var forum = await CreateAsync(Editor(_link), Board(_link, new DateOnly(2026, 11, 12)));
        var before = (await _service.Queries.YearAsync(Year)).Timetable!.Changes.Count;
        // On PostgreSQL all three have read the year's row before any saves its note. SQLite takes one writer at a time,
        // and each move holds the write lock from its event's save, so there the three run one after another.
        var gate = new RaceGate(provider == DatabaseProvider.PostgreSql ? 3 : 1, c => c.CommandText.Contains("FROM \"AnnualTimetables\"", StringComparison.Ordinal));
        var events = new TimetableEventService(gate.Factory(_database), new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);
        async Task<Outcome> MoveAsync(Organisation by, int id, DateOnly to)
        {
            var details = TimetableEventInput.From((await _service.Queries.GetEventAsync(id))!.Event);
            details.StartDate = to;
            return await events.UpdateEventAsync(Editor(by), id, details);
        }

        var outcomes = await Task.WhenAll(
            Task.Run(() => MoveAsync(_south, board, new DateOnly(2026, 10, 8))),
            Task.Run(() => MoveAsync(_council, cabinet, new DateOnly(2026, 11, 19))),
            Task.Run(() => MoveAsync(_link, forum, new DateOnly(2026, 11, 26))));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Problem));
        Assert.Equal(before + 3, (await _service.Queries.YearAsync(Year)).Timetable!.Changes.Count);
    }

    // The council's page offered the check; before it was recorded the LINk proposed the year again. The refusal says
    // what happened, not that the council had checked a change it never checked.
    [Fact]
    public async Task CheckChangesAsync_YearProposedAgainMeanwhile_SaysItIsOutForAgreement()
    {
        var board = await AgreedThenChangedBySouthAsync();
        Assert.True((await _service.Agreements.CheckChangesAsync(Editor(_council, "Carla"), Year, await LatestChangeIdAsync())).Succeeded);
        await MoveBoardAsync(board, new DateOnly(2026, 10, 1));
        var seen = await LatestChangeIdAsync();
        Assert.True((await _service.Agreements.ProposeAsync(Editor(_link, "Lena"), Year, [_south.Id, _council.Id], null)).Succeeded);

        var outcome = await _service.Agreements.CheckChangesAsync(Editor(_council, "Carys"), Year, seen);

        Assert.Equal("This timetable is out for agreement again: agree it, or ask for changes, instead.", outcome.Problem);
    }

    [Fact]
    public async Task CheckChangesAsync_OrganisationThatDidNotTakePartOrAViewer_IsRefusedAndTheDenialLogged()
    {
        var id = (await _service.Events.CreateEventAsync(Editor(_south), Board(_south, new DateOnly(2026, 9, 17)))).Value;
        await _service.Agreements.ProposeAsync(Editor(_link), Year, [_south.Id], null);
        await _service.Agreements.AgreeAsync(Editor(_south), Year, (await _service.Queries.YearAsync(Year)).Timetable!.Version);
        await MoveBoardAsync(id, new DateOnly(2026, 9, 24));
        var seen = await LatestChangeIdAsync();

        var outsider = await Assert.ThrowsAsync<AccessDeniedException>(() => _service.Agreements.CheckChangesAsync(Editor(_council), Year, seen));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.Agreements.CheckChangesAsync(Viewer(_link), Year, seen));

        Assert.Equal("Your organisation did not take part in agreeing this timetable.", outsider.Message);
        Assert.Equal(2, _logs.Warnings.Count(l => l.Message.Contains("record the timetable's changes as checked", StringComparison.Ordinal)));
        Assert.Empty((await _service.Queries.YearAsync(Year)).Timetable!.ChangeChecks);
    }

    [Fact]
    public async Task CheckChangesAsync_TwoEditorsOfOneOrganisationAtOnce_RecordsOneCheckAndTellsTheOther()
    {
        await AgreedThenChangedBySouthAsync();
        var seen = await LatestChangeIdAsync();
        // Both have loaded the year, with nothing checked by their organisation, before either saves.
        var gate = new RaceGate(2, c => c.CommandText.Contains("FROM \"AnnualTimetables\"", StringComparison.Ordinal));
        var agreements = new TimetableAgreementService(gate.Factory(_database), new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);

        var outcomes = await Task.WhenAll(
            Task.Run(() => agreements.CheckChangesAsync(Editor(_council, "Carla"), Year, seen)),
            Task.Run(() => agreements.CheckChangesAsync(Editor(_council, "Carys"), Year, seen)));

        Assert.Single(outcomes, o => o.Succeeded);
        var first = outcomes[0].Succeeded ? "Carla" : "Carys";
        // Refused by the unique index or, decided again after the first save, by the year itself: either way it names who.
        Assert.StartsWith($"{first} recorded", Assert.Single(outcomes, o => !o.Succeeded).Problem?.Replace("\u2068", ""));
        Assert.Contains("as checked for your organisation", Assert.Single(outcomes, o => !o.Succeeded).Problem);
        Assert.Single((await _service.Queries.YearAsync(Year)).Timetable!.ChangeChecks);
    }

    [Fact]
    public async Task CreateEventAsync_ForAnotherOrganisation_IsRefused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.Events.CreateEventAsync(Editor(_link), Board(_south, new DateOnly(2026, 9, 17))));

        await using var db = _database.CreateContext();
        Assert.False(await db.TimetableEvents.AnyAsync());
    }

    // Rights

    [Fact]
    public async Task CreateEventAsync_Viewer_IsRefusedAndLogged()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.Events.CreateEventAsync(Viewer(_south), Board(_south, new DateOnly(2026, 9, 17))));

        await using var db = _database.CreateContext();
        Assert.False(await db.TimetableEvents.AnyAsync());
        Assert.Contains(_logs.Warnings, l => l.Message.Contains("add a timetable event", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateEventAsync_EditorOfAnotherOrganisation_IsRefusedAndTheEventIsUnchanged()
    {
        var id = await CreateAsync(Editor(_south), Board(_south, new DateOnly(2026, 9, 17)));
        var details = TimetableEventInput.From((await _service.Queries.GetEventAsync(id))!.Event);
        details.StartDate = new DateOnly(2026, 9, 24);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.Events.UpdateEventAsync(Editor(_council), id, details));

        Assert.Equal(new DateOnly(2026, 9, 17), (await _service.Queries.GetEventAsync(id))!.Event.StartDate);
        Assert.Contains(_logs.Warnings, l => l.Message.Contains("edit a timetable event", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemoveEventAsync_EditorOfAnotherOrganisation_IsRefused()
    {
        var id = await CreateAsync(Editor(_south), Board(_south, new DateOnly(2026, 9, 17)));
        var version = (await _service.Queries.GetEventAsync(id))!.Event.Version;

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.Events.RemoveEventAsync(Editor(_link), id, version));

        Assert.NotNull(await _service.Queries.GetEventAsync(id));
    }

    [Fact]
    public async Task AgreeAsync_OrganisationNotAskedToAgree_IsRefusedAndTheDenialLogged()
    {
        await _service.Agreements.ProposeAsync(Editor(_link), Year, [_south.Id], null);
        var version = (await _service.Queries.YearAsync(Year)).Timetable!.Version;

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => _service.Agreements.AgreeAsync(Editor(_council, "Carys"), Year, version));

        Assert.Equal("Your organisation was not asked to agree this timetable.", denied.Message);
        var warning = Assert.Single(_logs.Warnings);
        Assert.Contains("agree the annual timetable", warning.Message, StringComparison.Ordinal);
        Assert.Contains("timetable 2026/27", warning.Message, StringComparison.Ordinal);
        Assert.False((await _service.Queries.YearAsync(Year)).Timetable!.HasAgreed(_council.Id));
    }

    [Fact]
    public async Task RequestChangesAsync_OrganisationNotAskedToAgree_IsRefusedAndTheDenialLogged()
    {
        await _service.Agreements.ProposeAsync(Editor(_link), Year, [_south.Id], null);
        var version = (await _service.Queries.YearAsync(Year)).Timetable!.Version;

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(
            () => _service.Agreements.RequestChangesAsync(Editor(_council, "Carys"), Year, "Move our board.", version));

        Assert.Equal("Your organisation was not asked to agree this timetable.", denied.Message);
        var warning = Assert.Single(_logs.Warnings);
        Assert.Contains("ask for changes to the annual timetable", warning.Message, StringComparison.Ordinal);
        Assert.Contains("timetable 2026/27", warning.Message, StringComparison.Ordinal);
        var timetable = (await _service.Queries.YearAsync(Year)).Timetable!;
        Assert.Equal((TimetableStatus.Proposed, (string?)null), (timetable.Status, timetable.ChangesRequested));
    }

    [Fact]
    public async Task ProposeAsync_Viewer_IsRefusedAndNoTimetableIsCreated()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.Agreements.ProposeAsync(Viewer(_link), Year, [_south.Id], null));

        Assert.Null((await _service.Queries.YearAsync(Year)).Timetable);
        Assert.Contains(_logs.Warnings, l => l.Message.Contains("propose the annual timetable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProposeAsync_OrganisationDeactivatedWhileTheFormWasOpen_NamesItNextToTheChoiceAndProposesNothing()
    {
        await using (var db = _database.CreateContext())
        {
            (await db.Organisations.SingleAsync(o => o.Id == _council.Id)).Deactivate();
            await db.SaveChangesAsync();
        }

        var proposed = await _service.Agreements.ProposeAsync(Editor(_link), Year, [_south.Id, _council.Id], null);

        Assert.Equal(["Adults and Communities is no longer active. Choose again without it."], proposed.ErrorsFor("ParticipantIds"));
        Assert.Null((await _service.Queries.YearAsync(Year)).Timetable);
    }

    [Fact]
    public async Task ParticipantChoicesAsync_LeavesOutTheProposerAndDeactivatedOrganisationsAndListsThePlannersFirst()
    {
        Organisation locality, provider, gone;
        await using (var db = _database.CreateContext())
        {
            locality = new Organisation("Aston locality", OrganisationKind.Locality);
            provider = new Organisation("Birmingham Community Healthcare", OrganisationKind.Provider);
            gone = new Organisation("Old PCT", OrganisationKind.Commissioner);
            gone.Deactivate();
            db.Organisations.AddRange(locality, provider, gone);
            await db.SaveChangesAsync();
        }

        var choices = await _service.Agreements.ParticipantChoicesAsync(Editor(_link));

        Assert.Equal([_council.Name, _south.Name, provider.Name, locality.Name], choices.Select(c => c.Label));
        Assert.Equal([_council.Name, _south.Name], choices.Where(c => TimetableAgreementService.AgreesByDefault(c.Kind)).Select(c => c.Name));
    }

    [Fact]
    public async Task ProposeAsync_TheProposersOwnOrganisationSentAlong_IsNoChoiceAndTheRoundAsksTheOthers()
    {
        var proposed = await _service.Agreements.ProposeAsync(Editor(_link), Year, [_link.Id, _south.Id], null);

        Assert.True(proposed.Succeeded, proposed.Problem);
        var timetable = (await _service.Queries.YearAsync(Year)).Timetable!;
        Assert.Equal([_link.Id, _south.Id], timetable.ParticipantIds.Order());
        Assert.Equal([_south.Id], timetable.AwaitingAgreementFrom);
    }

    [Fact]
    public async Task AgreeAsync_Viewer_IsRefused()
    {
        await _service.Agreements.ProposeAsync(Editor(_link), Year, [_south.Id], null);
        var version = (await _service.Queries.YearAsync(Year)).Timetable!.Version;

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.Agreements.AgreeAsync(Viewer(_south), Year, version));

        Assert.Equal(TimetableStatus.Proposed, (await _service.Queries.YearAsync(Year)).Status);
    }

    // Concurrency

    [Fact]
    public async Task ProposeAsync_TwoOrganisationsProposeANewYearAtOnce_OneTimetableAndTheOtherIsToldWhy()
    {
        // Both have found no timetable for the year before either saves its new one.
        var gate = new RaceGate(2, c => c.CommandText.Contains("FROM \"AnnualTimetables\"", StringComparison.Ordinal));
        var agreements = new TimetableAgreementService(gate.Factory(_database), new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);

        var outcomes = await Task.WhenAll(
            Task.Run(() => agreements.ProposeAsync(Editor(_link), Year, [_link.Id, _south.Id], null)),
            Task.Run(() => agreements.ProposeAsync(Editor(_south), Year, [_link.Id, _south.Id], null)));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Equal($"Someone proposed the {Year.Label} timetable a moment ago. Reload to see it.", Assert.Single(outcomes, o => !o.Succeeded).Problem);
        Assert.Equal(TimetableStatus.Proposed, (await _service.Queries.YearAsync(Year)).Status);
    }

    [Fact]
    public async Task AgreeAsync_TwoEditorsOfOneOrganisationAtOnce_RecordsOneAgreementAndTellsTheOther()
    {
        await _service.Agreements.ProposeAsync(Editor(_link), Year, [_south.Id, _council.Id], null);
        var version = (await _service.Queries.YearAsync(Year)).Timetable!.Version;
        // Both have loaded the round, with no agreement of their organisation in it, before either saves.
        var gate = new RaceGate(2, c => c.CommandText.Contains("FROM \"AnnualTimetables\"", StringComparison.Ordinal));
        var agreements = new TimetableAgreementService(gate.Factory(_database), new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);

        var outcomes = await Task.WhenAll(
            Task.Run(() => agreements.AgreeAsync(Editor(_south, "Colin"), Year, version)),
            Task.Run(() => agreements.AgreeAsync(Editor(_south, "Janet"), Year, version)));

        Assert.Single(outcomes, o => o.Succeeded);
        var refused = Assert.Single(outcomes, o => !o.Succeeded);
        var first = outcomes[0].Succeeded ? "Colin" : "Janet";
        Assert.Equal($"{first} agreed this timetable for your organisation a moment ago. Reload to see it.", refused.Problem);
        var timetable = (await _service.Queries.YearAsync(Year)).Timetable!;
        Assert.Single(timetable.CurrentAgreements, a => a.OrganisationId == _south.Id);
        Assert.Equal(TimetableStatus.Proposed, timetable.Status);
    }

    [Fact]
    public async Task AgreeAsync_SecondEditorAfterTheFirst_IsToldTheOrganisationHasAgreed()
    {
        await _service.Agreements.ProposeAsync(Editor(_link), Year, [_south.Id, _council.Id], null);
        var version = (await _service.Queries.YearAsync(Year)).Timetable!.Version;
        Assert.True((await _service.Agreements.AgreeAsync(Editor(_south, "Colin"), Year, version)).Succeeded);

        var second = await _service.Agreements.AgreeAsync(Editor(_south, "Janet"), Year, version);

        Assert.Equal("Your organisation has already agreed this timetable.", second.Problem);
        Assert.Equal(["Colin", "Editor"], (await _service.Queries.YearAsync(Year)).Timetable!.CurrentAgreements.Select(a => a.AgreedBy).Order());
    }

    [Fact]
    public async Task AgreeAsync_LastAgreementOnAStalePage_SaysWhoChangedTheTimetableFirst()
    {
        await _service.Agreements.ProposeAsync(Editor(_link, "Lena"), Year, [_south.Id, _council.Id], null);
        var stale = (await _service.Queries.YearAsync(Year)).Timetable!.Version;
        await _service.Agreements.RequestChangesAsync(Editor(_south, "Colin"), Year, "Our October board moves.", stale);
        await _service.Agreements.ProposeAsync(Editor(_link, "Lena"), Year, [_south.Id, _council.Id], "Board moved");

        var outcome = await _service.Agreements.AgreeAsync(Editor(_council, "Carys"), Year, stale);

        Assert.StartsWith("Lena saved this timetable on", outcome.Problem, StringComparison.Ordinal);
        Assert.EndsWith("Your changes were not saved: reload to see theirs, then make your change again.", outcome.Problem, StringComparison.Ordinal);
        Assert.False((await _service.Queries.YearAsync(Year)).Timetable!.HasAgreed(_council.Id));
    }

    [Fact]
    public async Task UpdateEventAsync_SecondEditorOfAnEvent_IsToldWhoSavedFirst()
    {
        var id = await CreateAsync(Editor(_south, "Colin"), Board(_south, new DateOnly(2026, 9, 17)));
        var colins = TimetableEventInput.From((await _service.Queries.GetEventAsync(id))!.Event);
        var janets = TimetableEventInput.From((await _service.Queries.GetEventAsync(id))!.Event);
        colins.Title = "Board meeting (public session)";
        Assert.True((await _service.Events.UpdateEventAsync(Editor(_south, "Colin"), id, colins)).Succeeded);

        janets.StartDate = new DateOnly(2026, 9, 24);
        var outcome = await _service.Events.UpdateEventAsync(Editor(_south, "Janet"), id, janets);

        Assert.StartsWith("Colin saved this event on", outcome.Problem, StringComparison.Ordinal);
        Assert.Contains("(changed: Title)", outcome.Problem, StringComparison.Ordinal);
        var saved = (await _service.Queries.GetEventAsync(id))!.Event;
        Assert.Equal(("Board meeting (public session)", new DateOnly(2026, 9, 17)), (saved.Title, saved.StartDate));
    }

    // Changes while proposed

    [Fact]
    public async Task UpdateEventAsync_WhileProposed_SendsTheYearBackToDraftAndLogsTheChange()
    {
        var id = await CreateAsync(Editor(_south), Board(_south, new DateOnly(2026, 9, 17)));
        await _service.Agreements.ProposeAsync(Editor(_link), Year, [_south.Id, _council.Id], null);
        await _service.Agreements.AgreeAsync(Editor(_council), Year, (await _service.Queries.YearAsync(Year)).Timetable!.Version);

        var details = TimetableEventInput.From((await _service.Queries.GetEventAsync(id))!.Event);
        details.StartDate = new DateOnly(2026, 9, 24);
        var outcome = await _service.Events.UpdateEventAsync(Editor(_south, "Colin"), id, details);

        Assert.True(outcome.Succeeded, outcome.Problem);
        var timetable = (await _service.Queries.YearAsync(Year)).Timetable!;
        Assert.Equal(TimetableStatus.Draft, timetable.Status);
        Assert.False(timetable.ChangedSinceAgreement);
        var change = Assert.Single(timetable.Changes);
        Assert.Equal((id, _south.Id, "Colin"), (change.EventId!.Value, change.OrganisationId, change.ChangedBy));
        Assert.Equal(
            "Colin changed the timetable while it was out for agreement: 'Board meeting' moved from Thu 17 Sept 2026, 14:00–16:00 to Thu 24 Sept 2026, 14:00–16:00. Propose it again.",
            timetable.ChangesRequested);
        // A page still showing the proposal is told what ended the round, not only that it ended.
        Assert.Equal("This timetable is no longer out for agreement. Colin changed the timetable while it was out for agreement: 'Board meeting' moved from "
            + "Thu 17 Sept 2026, 14:00–16:00 to Thu 24 Sept 2026, 14:00–16:00. Propose it again. Nothing was saved.",
            (await _service.Agreements.AgreeAsync(Editor(_south), Year, timetable.Version)).Problem);
    }

    [Fact]
    public async Task CreateEventAsync_BeforeProposal_IsNotLoggedAsAChange()
    {
        await CreateAsync(Editor(_south), Board(_south, new DateOnly(2026, 9, 17)));
        await _service.Agreements.ProposeAsync(Editor(_link), Year, [_south.Id], null);

        Assert.Empty((await _service.Queries.YearAsync(Year)).Timetable!.Changes);
    }

    [Fact]
    public async Task ExportAsync_EventLinkingExercises_NamesThemAndTheChoicesListEveryExerciseNewestFirst()
    {
        var diabetes = await AddExerciseAsync(_south, "Diabetes care closer to home", new DateOnly(2026, 5, 18), new DateOnly(2026, 8, 28));
        var loops = await AddExerciseAsync(_south, "Hearing loops at the eye clinic", new DateOnly(2026, 6, 1), new DateOnly(2026, 9, 1));
        await CreateAsync(Editor(_south), Decision(_south, new DateOnly(2026, 10, 15), "Diabetes pathway", diabetes, loops));
        await CreateAsync(Editor(_council), Decision(_council, new DateOnly(2026, 11, 10), "Day centres"));

        var rows = await _service.Queries.ExportAsync(Year, new TimetableFilter());

        Assert.Equal(["Diabetes care closer to home", "Hearing loops at the eye clinic"], rows.Single(r => r.Event.Title == "Diabetes pathway").Exercises);
        Assert.Empty(rows.Single(r => r.Event.Title == "Day centres").Exercises);
        Assert.Equal(["Hearing loops at the eye clinic", "Diabetes care closer to home"], (await _service.Queries.ExerciseChoicesAsync()).Select(c => c.Title));
        Assert.Equal(["Diabetes pathway"], (await _service.Queries.EventsForExerciseAsync(loops)).Select(e => e.Title));
    }

    // Ahead of the agenda

    [Fact]
    public async Task AheadOfTheAgendaAsync_FakeClock_ShowsTheComingWeeksDecisionsAndMovesWithTime()
    {
        var exercise = await AddExerciseAsync(_south, "Diabetes care closer to home", new DateOnly(2026, 5, 18), new DateOnly(2026, 8, 28));
        await CreateAsync(Editor(_south), Decision(_south, new DateOnly(2026, 9, 30), "Yesterday's decision"));
        await CreateAsync(Editor(_south), Decision(_south, new DateOnly(2026, 10, 15), "Diabetes pathway", exercise));
        await CreateAsync(Editor(_council), Decision(_council, new DateOnly(2026, 11, 10), "Day centres"));
        await CreateAsync(Editor(_south), Board(_south, new DateOnly(2026, 10, 8)));

        var now = await _service.Queries.AheadOfTheAgendaAsync(4);

        var outlook = Assert.Single(now);
        Assert.Equal(("Diabetes pathway", InputTiming.Ahead, "Input lands 6 weeks 6 days before"), (outlook.Decision.Title, outlook.Timing, outlook.Summary));

        _database.Clock.Advance(TimeSpan.FromDays(20));
        var later = await _service.Queries.AheadOfTheAgendaAsync(4);

        Assert.Equal(["Day centres"], later.Select(o => o.Decision.Title));
        Assert.Equal("No engagement planned", later[0].Summary);
    }

    [Fact]
    public async Task AheadOfTheAgendaAsync_YearGiven_ListsOnlyThatYearsDecisions()
    {
        await CreateAsync(Editor(_south), Decision(_south, new DateOnly(2026, 12, 9), "Winter pressures plan"));
        await CreateAsync(Editor(_south), Decision(_south, new DateOnly(2027, 4, 14), "Community services contract"));

        var thisYear = await _service.Queries.AheadOfTheAgendaAsync(52, new FinancialYear(2026));
        var nextYear = await _service.Queries.AheadOfTheAgendaAsync(52, new FinancialYear(2027));
        var pastYear = await _service.Queries.AheadOfTheAgendaAsync(52, new FinancialYear(2025));

        Assert.Equal(["Winter pressures plan"], thisYear.Select(o => o.Decision.Title));
        Assert.Equal(["Community services contract"], nextYear.Select(o => o.Decision.Title));
        Assert.Empty(pastYear);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(TimetableQueries.MaxWeeksAhead + 1)]
    public async Task AheadOfTheAgendaAsync_WeeksOutsideOneToAYear_ThrowsRatherThanNarrowing(int weeks) =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _service.Queries.AheadOfTheAgendaAsync(weeks));

    [Fact]
    public async Task AheadOfTheAgendaAsync_DecisionLinkedToAnOldExercise_CountsItsInput()
    {
        var exercise = await AddExerciseAsync(_south, "Stroke survivors' views", new DateOnly(2025, 1, 6), new DateOnly(2025, 6, 27));
        await CreateAsync(Editor(_south), Decision(_south, new DateOnly(2026, 10, 15), "Stroke rehabilitation", exercise));

        var outlook = Assert.Single(await _service.Queries.AheadOfTheAgendaAsync(4));

        Assert.Equal(InputTiming.Ahead, outlook.Timing);
        Assert.Equal([exercise], outlook.Informing.Select(x => x.Id));
    }

    // The year view's filters

    [Fact]
    public async Task YearAsync_Filters_SelectEventsWhileWarningsCoverTheWholeYear()
    {
        var exercise = await AddExerciseAsync(_south, "Maternity choices", new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 18));
        var southBoard = await CreateAsync(Editor(_south), Board(_south, new DateOnly(2026, 9, 17)));
        var southDecision = await CreateAsync(Editor(_south), Decision(_south, new DateOnly(2027, 2, 11), "Maternity strategy", exercise));
        var councilDecision = await CreateAsync(Editor(_council), Decision(_council, new DateOnly(2026, 12, 1), "Commissioning intentions"));
        await CreateAsync(Editor(_council), Board(_council, new DateOnly(2026, 6, 16)));
        await CreateAsync(Editor(_council), Board(_council, new DateOnly(2027, 4, 20)));

        var bySouth = await _service.Queries.YearAsync(Year, new TimetableFilter { OrganisationIds = [_south.Id] });
        var byKind = await _service.Queries.YearAsync(Year, new TimetableFilter { Kinds = [TimetableEventKind.DecisionPoint] });
        var byExercise = await _service.Queries.YearAsync(Year, new TimetableFilter { ExerciseId = exercise });
        var southDecisions = await _service.Queries.YearAsync(Year, new TimetableFilter { OrganisationIds = [_south.Id], Kinds = [TimetableEventKind.DecisionPoint] });

        Assert.Equal([southBoard, southDecision], bySouth.Events.Select(e => e.Id));
        Assert.Equal([_south.Id], bySouth.Lanes.Select(l => l.Id));
        Assert.Equal(4, bySouth.TotalEvents);
        Assert.Equal([councilDecision, southDecision], byKind.Events.Select(e => e.Id));
        Assert.Equal([southDecision], byExercise.Events.Select(e => e.Id));
        Assert.Equal([southDecision], southDecisions.Events.Select(e => e.Id));
        foreach (var view in new[] { bySouth, byKind, byExercise, southDecisions })
        {
            var warning = Assert.Single(view.Warnings, w => w.Kind == TimetableWarningKind.DecisionWithoutEngagement);
            Assert.Equal(councilDecision, warning.EventId);
        }
    }

    [Fact]
    public async Task YearAsync_EarlyDecisionLinkedToLastYearsExercise_IsNotWarnedAbout()
    {
        var exercise = await AddExerciseAsync(_south, "GP access survey", new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 20));
        await CreateAsync(Editor(_south), Decision(_south, new DateOnly(2026, 4, 21), "GP access plan", exercise));

        var year = await _service.Queries.YearAsync(Year);

        Assert.DoesNotContain(year.Warnings, w => w.Kind == TimetableWarningKind.DecisionWithoutEngagement);
        Assert.Contains(year.Exercises, x => x.Id == exercise);
    }

    // An event that runs past 31 March belongs to every year it overlaps

    private TimetableEventInput SpringConsultation(DateOnly end) => new()
    {
        OrganisationId = _south.Id,
        Kind = TimetableEventKind.ConsultationWindow,
        Title = "Stroke services consultation",
        StartDate = new DateOnly(2027, 3, 1),
        EndDate = end,
    };

    /// <summary>Proposes <paramref name="year"/> from the LINk to South and has South agree it: the year is agreed and published.</summary>
    private async Task AgreeWithSouthAsync(FinancialYear year)
    {
        Assert.True((await _service.Agreements.ProposeAsync(Editor(_link), year, [_south.Id], null)).Succeeded);
        Assert.True((await _service.Agreements.AgreeAsync(Editor(_south), year, (await _service.Queries.TimetableAsync(year))!.Version)).Succeeded);
    }

    // A consultation from 1 March to 31 May 2027: two of its three months fall in 2027/28, so a partner planning April and
    // May 2027 sees it there, in the year view and the export alike, as well as in 2026/27 where it starts.
    [Fact]
    public async Task YearAsync_ConsultationRunningFromMarchIntoMay_ShownInBothYearsAndTheirExports()
    {
        var consultation = await CreateAsync(Editor(_south), SpringConsultation(new DateOnly(2027, 5, 31)));
        var next = new FinancialYear(2027);

        Assert.Equal([consultation], (await _service.Queries.YearAsync(Year)).Events.Select(e => e.Id));
        var nextYear = await _service.Queries.YearAsync(next);
        Assert.Equal([consultation], nextYear.Events.Select(e => e.Id));
        Assert.Equal(1, nextYear.TotalEvents);
        Assert.Equal([_south.Id], nextYear.Lanes.Select(l => l.Id));
        Assert.Equal([consultation], (await _service.Queries.ExportAsync(next, new TimetableFilter())).Select(r => r.Event.Id));
        Assert.Empty((await _service.Queries.YearAsync(new FinancialYear(2028))).Events);
    }

    // 2027/28 was agreed with the consultation ending on 31 May; it now runs to 30 June: six more weeks of 2027/28 that
    // its partners agreed without. The change is noted in 2027/28 as well as in 2026/27, where the event starts.
    [Fact]
    public async Task UpdateEventAsync_ConsultationExtendedFurtherIntoAnAgreedNextYear_FlagsThatYearAndLogsTheChange()
    {
        var consultation = await CreateAsync(Editor(_south), SpringConsultation(new DateOnly(2027, 5, 31)));
        var next = new FinancialYear(2027);
        await AgreeWithSouthAsync(Year);
        await AgreeWithSouthAsync(next);

        var details = TimetableEventInput.From((await _service.Queries.GetEventAsync(consultation))!.Event);
        details.EndDate = new DateOnly(2027, 6, 30);
        Assert.True((await _service.Events.UpdateEventAsync(Editor(_south), consultation, details)).Succeeded);

        foreach (var year in new[] { Year, next })
        {
            var timetable = (await _service.Queries.YearAsync(year)).Timetable!;
            Assert.True(timetable.ChangedSinceAgreement, $"{year.Label} is not flagged as changed since agreement");
            Assert.Equal("'Stroke services consultation' moved from 1 Mar – 31 May 2027 to 1 Mar – 30 Jun 2027.", Assert.Single(timetable.Changes).Summary);
        }
    }

    // Moved back into February, out of an agreed 2027/28 altogether: the year it left is told, and no longer shows it.
    [Fact]
    public async Task UpdateEventAsync_ConsultationMovedOutOfAnAgreedNextYear_NotedInTheYearItLeft()
    {
        var consultation = await CreateAsync(Editor(_south), SpringConsultation(new DateOnly(2027, 5, 31)));
        var next = new FinancialYear(2027);
        await AgreeWithSouthAsync(next);

        var details = TimetableEventInput.From((await _service.Queries.GetEventAsync(consultation))!.Event);
        details.StartDate = new DateOnly(2027, 2, 1);
        details.EndDate = new DateOnly(2027, 2, 26);
        Assert.True((await _service.Events.UpdateEventAsync(Editor(_south), consultation, details)).Succeeded);

        var left = await _service.Queries.YearAsync(next);
        Assert.Equal(consultation, Assert.Single(left.Timetable!.Changes).EventId);
        Assert.True(left.Timetable.ChangedSinceAgreement);
        Assert.Empty(left.Events);
    }

    // Added, and then removed, in 2026/27's last weeks, running into an agreed 2027/28: each is noted in 2027/28 too.
    [Fact]
    public async Task CreateAndRemoveEventAsync_RunningIntoAnAgreedNextYear_NotedInThatYear()
    {
        var next = new FinancialYear(2027);
        await CreateAsync(Editor(_south), Board(_south, new DateOnly(2027, 9, 16)));
        await AgreeWithSouthAsync(next);

        var consultation = await CreateAsync(Editor(_south), SpringConsultation(new DateOnly(2027, 5, 31)));
        var version = (await _service.Queries.GetEventAsync(consultation))!.Event.Version;
        Assert.True((await _service.Events.RemoveEventAsync(Editor(_south), consultation, version)).Succeeded);

        var changes = (await _service.Queries.YearAsync(next)).Timetable!.Changes.OrderBy(c => c.Id).ToList();
        Assert.Equal([consultation, consultation], changes.Select(c => c.EventId));
        Assert.StartsWith("Added 'Stroke services consultation'", changes[0].Summary);
        Assert.StartsWith("Removed 'Stroke services consultation'", changes[1].Summary);
    }

    // Sent back for changes, the year is with its proposer: a decision brought forward a month meanwhile is in the year's
    // change log, for the partners to read when it is proposed again, and the year is not changed since any agreement.
    [Fact]
    public async Task UpdateEventAsync_YearSentBackForChanges_LoggedInTheYearsChangeLog()
    {
        var decision = await CreateAsync(Editor(_south), Decision(_south, new DateOnly(2026, 12, 10), "Stroke services decision"));
        Assert.True((await _service.Agreements.ProposeAsync(Editor(_link), Year, [_south.Id], null)).Succeeded);
        Assert.True((await _service.Agreements.RequestChangesAsync(Editor(_south), Year, "We need to check our December dates.",
            (await _service.Queries.TimetableAsync(Year))!.Version)).Succeeded);

        var details = TimetableEventInput.From((await _service.Queries.GetEventAsync(decision))!.Event);
        details.StartDate = new DateOnly(2026, 11, 10);
        Assert.True((await _service.Events.UpdateEventAsync(Editor(_south), decision, details)).Succeeded);

        var timetable = (await _service.Queries.YearAsync(Year)).Timetable!;
        var change = Assert.Single(timetable.Changes);
        Assert.Equal((decision, "'Stroke services decision' moved from Thu 10 Dec 2026 to Tue 10 Nov 2026."), (change.EventId!.Value, change.Summary));
        Assert.Equal((TimetableStatus.Draft, false), (timetable.Status, timetable.ChangedSinceAgreement));
        Assert.EndsWith(" asked for changes: \"We need to check our December dates.\"", timetable.ChangesRequested);
        Assert.Equal("This year's timetable is back with its proposer — your change will be logged for partners, who see it when the year is proposed again.",
            TimetableTerms.ChangeNotice(timetable));
    }

    // A change and its change-log note land together

    [Fact]
    public async Task CreateEventAsync_ChangeLogSaveFailsThenTheFormIsSentAgain_EndsTheAgreementRound()
    {
        Assert.True((await _service.Agreements.ProposeAsync(Editor(_link), Year, [_south.Id], null)).Succeeded);
        var events = EventsFailingOnFirstTimetableSave();
        var key = SubmissionKey.New();

        await Assert.ThrowsAsync<DbUpdateException>(() => events.CreateEventAsync(Editor(_south, "Colin"), Board(_south, new DateOnly(2026, 9, 17)), key));
        var retried = await events.CreateEventAsync(Editor(_south, "Colin"), Board(_south, new DateOnly(2026, 9, 17)), key);

        Assert.True(retried.Succeeded, retried.Problem);
        var year = await _service.Queries.YearAsync(Year);
        Assert.Equal(retried.Value, Assert.Single(year.Events).Id);
        Assert.Equal(TimetableStatus.Draft, year.Status);
        Assert.Equal(retried.Value, Assert.Single(year.Timetable!.Changes).EventId);
    }

    [Fact]
    public async Task UpdateEventAsync_ChangeLogSaveFails_KeepsTheEventAsItWasAndTheRetryEndsTheRound()
    {
        var id = (await _service.Events.CreateEventAsync(Editor(_south), Board(_south, new DateOnly(2026, 9, 17)))).Value;
        Assert.True((await _service.Agreements.ProposeAsync(Editor(_link), Year, [_south.Id], null)).Succeeded);
        var events = EventsFailingOnFirstTimetableSave();
        var details = TimetableEventInput.From((await _service.Queries.GetEventAsync(id))!.Event);
        details.StartDate = new DateOnly(2026, 9, 24);

        await Assert.ThrowsAsync<DbUpdateException>(() => events.UpdateEventAsync(Editor(_south, "Colin"), id, details));

        Assert.Equal(new DateOnly(2026, 9, 17), (await _service.Queries.GetEventAsync(id))!.Event.StartDate);
        Assert.Equal(TimetableStatus.Proposed, (await _service.Queries.YearAsync(Year)).Status);
        var retried = await events.UpdateEventAsync(Editor(_south, "Colin"), id, details);
        Assert.True(retried.Succeeded, retried.Problem);
        var timetable = (await _service.Queries.YearAsync(Year)).Timetable!;
        Assert.Equal(TimetableStatus.Draft, timetable.Status);
        Assert.Equal(id, Assert.Single(timetable.Changes).EventId);
    }

    /// <summary>Event edits on this database whose first save touching the year's timetable row fails, as a dropped connection would.</summary>
    private TimetableEventService EventsFailingOnFirstTimetableSave()
    {
        var factory = new InterceptedFactory(_database, new FailFirstTimetableSave());
        return new TimetableEventService(factory, new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);
    }

    private sealed class InterceptedFactory(TestDatabase database, IInterceptor first) : IDbContextFactory<EngagementHubDbContext>
    {
        public EngagementHubDbContext CreateDbContext() => new(new DbContextOptionsBuilder<EngagementHubDbContext>()
            .UseEngagementHubDatabase(database.Provider, database.ConnectionString)
            .AddInterceptors(first, new AuditInterceptor(database.Clock))
            .Options);
    }

    private sealed class FailFirstTimetableSave : SaveChangesInterceptor
    {
        private int _failed;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            eventData.Context!.ChangeTracker.Entries<AnnualTimetable>().Any(e => e.State == EntityState.Modified) && Interlocked.Exchange(ref _failed, 1) == 0
                ? throw new DbUpdateException("The connection to the database dropped.")
                : ValueTask.FromResult(result);
    }
}
