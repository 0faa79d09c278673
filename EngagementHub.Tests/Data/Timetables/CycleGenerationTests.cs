using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data.Timetables;

/// <summary>Commissioning-cycle templates instantiated into a year's events, and admins changing the templates.</summary>
/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class CycleGenerationTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : CycleGenerationTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : CycleGenerationTests(DatabaseProvider.PostgreSql);

    private static readonly FinancialYear Year = new(2026);
    private readonly CapturingLoggerProvider _logs = new();
    private TestDatabase _database = default!;
    private TimetableServices _service = default!;
    private Organisation _south = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using var db = _database.CreateContext();
        _south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        db.Organisations.Add(_south);
        db.CycleTemplates.AddRange(StandardCycles.All());
        await db.SaveChangesAsync();
        _service = TimetableServices.For(_database, new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Actor Editor => new("user-colin", "Colin Price", _south.Id, _south.Name, UserRole.Editor);

    private static Actor Admin => new("user-admin", "Ada Admin", 99, "Birmingham LINk", UserRole.Admin);

    private async Task<CycleTemplate> TemplateAsync(string name) => (await _service.Cycles.TemplatesAsync()).Single(t => t.Name == name);

    private async Task<List<(string Stage, DateOnly Start, DateOnly End)>> GenerateAsync(int templateId)
    {
        var outcome = await _service.Cycles.GenerateCycleAsync(Editor, templateId, _south.Id, Year);
        Assert.True(outcome.Succeeded, outcome.Problem);
        await using var db = _database.CreateContext();
        return (await db.TimetableEvents.AsNoTracking().Where(e => e.CycleTemplateId == templateId).OrderBy(e => e.Id).ToListAsync())
            .Select(e => (e.CycleStage!, e.StartDate, e.EndDate)).ToList();
    }

    [Fact]
    public async Task GenerateCycleAsync_FourStageCycleIn2026_PutsEachStageOnItsDatesWithJanuaryIn2027()
    {
        var template = await TemplateAsync(StandardCycles.FourStage);

        var stages = await GenerateAsync(template.Id);

        Assert.Equal(
            [
                ("Monitoring: first-quarter performance review", new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30)),
                ("Revising: review of services and priorities", new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30)),
                ("Planning: commissioning intentions", new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)),
                ("Decision: commissioning intentions agreed", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)),
                ("Contracting: contracts agreed for next year", new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 31)),
            ],
            stages);
        await using var db = _database.CreateContext();
        var decision = await db.TimetableEvents.SingleAsync(e => e.CycleStage == "Decision: commissioning intentions agreed");
        Assert.Equal(TimetableEventKind.DecisionPoint, decision.Kind);
        Assert.All(await db.TimetableEvents.ToListAsync(), e => Assert.Equal(2026, e.Year));
    }

    [Fact]
    public async Task GenerateCycleAsync_WorldClassCommissioningIn2026_PutsEachStageOnItsDatesAndEndsByThirtyFirstMarch()
    {
        var template = await TemplateAsync(StandardCycles.WorldClassCommissioning);

        var stages = await GenerateAsync(template.Id);

        Assert.Equal(
            [
                ("Identifying health needs and aspirations", new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30)),
                ("Decisions about priorities and strategies", new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30)),
                ("Service design and improvement", new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)),
                ("Procurement and contracting", new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 31)),
                ("Monitoring and performance management", new DateOnly(2026, 4, 1), new DateOnly(2027, 3, 31)),
            ],
            stages);
        await using var db = _database.CreateContext();
        Assert.False((await db.TimetableEvents.SingleAsync(e => e.CycleStage == "Monitoring and performance management")).IsFormal);
    }

    [Fact]
    public async Task GenerateCycleAsync_StagesThatWouldRunIntoApril_EndOnThirtyFirstMarch()
    {
        var saved = await _service.Cycles.SaveTemplateAsync(Admin, null, "Year-end cycle", null,
            [new CycleStage("Year-end review", 2, 3), new CycleStage("Whole year", 4, 12), new CycleStage("Last month", 3, 2)], Guid.Empty);
        Assert.True(saved.Succeeded, saved.Problem);

        var stages = await GenerateAsync(saved.Value);

        Assert.Equal(
            [
                ("Year-end review", new DateOnly(2027, 2, 1), new DateOnly(2027, 3, 31)),
                ("Whole year", new DateOnly(2026, 4, 1), new DateOnly(2027, 3, 31)),
                ("Last month", new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 31)),
            ],
            stages);
    }

    [Fact]
    public async Task GenerateCycleAsync_WorldClassCommissioningInALeapYear_RunsTheWholeYearToThirtyFirstMarch()
    {
        var template = await TemplateAsync(StandardCycles.WorldClassCommissioning);
        var leapYear = new FinancialYear(2027);

        var outcome = await _service.Cycles.GenerateCycleAsync(Editor, template.Id, _south.Id, leapYear);

        Assert.True(outcome.Succeeded, outcome.Problem);
        await using var db = _database.CreateContext();
        var events = await db.TimetableEvents.AsNoTracking().Where(e => e.Year == leapYear.StartYear).ToListAsync();
        var monitoring = events.Single(e => e.CycleStage == "Monitoring and performance management");
        Assert.Equal((new DateOnly(2027, 4, 1), new DateOnly(2028, 3, 31)), (monitoring.StartDate, monitoring.EndDate));
        var contracting = events.Single(e => e.CycleStage == "Procurement and contracting");
        Assert.Equal((new DateOnly(2028, 1, 1), new DateOnly(2028, 3, 31)), (contracting.StartDate, contracting.EndDate));
    }

    [Fact]
    public async Task GenerateCycleAsync_SecondTimeForTheSameYear_AddsNothingAndSaysSo()
    {
        var template = await TemplateAsync(StandardCycles.FourStage);
        await GenerateAsync(template.Id);

        var again = await _service.Cycles.GenerateCycleAsync(Editor, template.Id, _south.Id, Year);

        Assert.False(again.Succeeded);
        Assert.Contains("already has every stage of", again.Problem);
        await using var db = _database.CreateContext();
        Assert.Equal(5, await db.TimetableEvents.CountAsync());
    }

    [Fact]
    public async Task GenerateCycleAsync_SameCycleFromSeveralTabsAtOnce_AddsEachStageOnceAndTellsTheOthers()
    {
        var template = await TemplateAsync(StandardCycles.FourStage);
        // Every tab has found no stages in the year before any of them saves.
        var gate = RaceGate.ForExistsIn(4, "TimetableEvents");
        var cycles = new CycleTemplateService(gate.Factory(_database), new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => cycles.GenerateCycleAsync(Editor, template.Id, _south.Id, Year))));

        Assert.Equal(5, Assert.Single(outcomes, o => o.Succeeded).Value);
        Assert.All(outcomes.Where(o => !o.Succeeded), o =>
            Assert.Equal($"Your {Year.Label} timetable already has every stage of '{template.Name}'. Edit them, or remove them first to start again.", o.Problem));
        await using var db = _database.CreateContext();
        Assert.Equal(5, await db.TimetableEvents.CountAsync(e => e.CycleTemplateId == template.Id));
    }

    [Fact]
    public async Task GenerateCycleAsync_SameCycleForAnotherYear_AddsItsStagesThere()
    {
        var template = await TemplateAsync(StandardCycles.FourStage);
        await GenerateAsync(template.Id);

        var next = await _service.Cycles.GenerateCycleAsync(Editor, template.Id, _south.Id, new FinancialYear(2027));

        Assert.Equal(5, next.Value);
        await using var db = _database.CreateContext();
        Assert.Equal(10, await db.TimetableEvents.CountAsync());
    }

    private async Task<TimetableEventInput> ContractingMovedIntoAprilAsync(int year)
    {
        await using var db = _database.CreateContext();
        var contracting = await db.TimetableEvents.AsNoTracking().SingleAsync(e => e.Year == year && e.CycleStage!.StartsWith("Contracting"));
        var input = TimetableEventInput.From(contracting);
        input.StartDate = new DateOnly(year + 1, 4, 1);
        input.EndDate = new DateOnly(year + 1, 4, 30);
        return input;
    }

    // 2027/28 has its own "Contracting" stage: moving 2026/27's into April 2027 would make two, which the database
    // refuses. The person is told at the date, not shown a server error.
    [Fact]
    public async Task UpdateEventAsync_StageMovedIntoAYearThatHasItsOwn_IsRefusedAtTheDate()
    {
        var template = await TemplateAsync(StandardCycles.FourStage);
        await GenerateAsync(template.Id);
        Assert.True((await _service.Cycles.GenerateCycleAsync(Editor, template.Id, _south.Id, new FinancialYear(2027))).Succeeded);
        var input = await ContractingMovedIntoAprilAsync(2026);
        await using var read = _database.CreateContext();
        var id = await read.TimetableEvents.Where(e => e.Year == 2026 && e.CycleStage!.StartsWith("Contracting")).Select(e => e.Id).SingleAsync();

        var moved = await _service.Events.UpdateEventAsync(Editor, id, input);

        Assert.StartsWith("The 2027/28 timetable already has its own '", Assert.Single(moved.ErrorsFor(nameof(TimetableEventInput.StartDate))));
        Assert.Equal(2026, (await read.TimetableEvents.AsNoTracking().SingleAsync(e => e.Id == id)).Year);
    }

    // One stage moved into 2027/28 does not stop the rest of 2027/28's cycle being generated.
    [Fact]
    public async Task GenerateCycleAsync_AYearHoldingOneStageMovedIn_AddsTheOtherStages()
    {
        var template = await TemplateAsync(StandardCycles.FourStage);
        await GenerateAsync(template.Id);
        await using var read = _database.CreateContext();
        var id = await read.TimetableEvents.Where(e => e.Year == 2026 && e.CycleStage!.StartsWith("Contracting")).Select(e => e.Id).SingleAsync();
        Assert.True((await _service.Events.UpdateEventAsync(Editor, id, await ContractingMovedIntoAprilAsync(2026))).Succeeded);

        var generated = await _service.Cycles.GenerateCycleAsync(Editor, template.Id, _south.Id, new FinancialYear(2027));

        Assert.True(generated.Succeeded, generated.Problem);
        Assert.Equal(template.Stages.Count - 1, generated.Value);
        Assert.Equal(template.Stages.Count, await read.TimetableEvents.CountAsync(e => e.Year == 2027 && e.CycleTemplateId == template.Id));
    }

    [Fact]
    public async Task SaveTemplateAsync_TwoStagesWithOneName_RefusedAtTheSecond()
    {
        var outcome = await _service.Cycles.SaveTemplateAsync(Admin, null, "Quarterly cycle", null,
            [new CycleStage("Review", 4, 4), new CycleStage("Plan", 7, 4), new CycleStage(" Review ", 10, 4)], Guid.Empty);

        Assert.Equal(["Stage 3 has the same name as stage 1: give each stage its own name."], outcome.ErrorsFor("Stages[2]"));
        Assert.DoesNotContain(await _service.Cycles.TemplatesAsync(), t => t.Name == "Quarterly cycle");
    }

    [Fact]
    public async Task GenerateCycleAsync_TemplateSavedWithTwoStagesOfOneName_AddsNothingAndSaysWhichName()
    {
        int id;
        await using (var db = _database.CreateContext())
        {
            var template = new CycleTemplate("Quarterly cycle", null, [new CycleStage("Review", 4, 4), new CycleStage("Review", 10, 4)]);
            db.CycleTemplates.Add(template);
            await db.SaveChangesAsync();
            id = template.Id;
        }

        var outcome = await _service.Cycles.GenerateCycleAsync(Editor, id, _south.Id, Year);

        Assert.Equal("Two stages of 'Quarterly cycle' are both called 'Review', so its stages cannot be told apart. Ask an administrator to rename one.", outcome.Problem);
        await using var read = _database.CreateContext();
        Assert.Equal(0, await read.TimetableEvents.CountAsync());
    }

    // The page offers "Generate" by CanGenerateCycle; the service decides by its own check. They must agree for every kind
    // of person, or the page offers a button that is refused, or hides one that would work.
    [Theory]
    [InlineData("own editor", true)]
    [InlineData("own viewer", false)]
    [InlineData("another organisation's editor", false)]
    [InlineData("administrator of another organisation", false)]
    public async Task GenerateCycleAsync_RefusesExactlyWhomCanGenerateCycleSaysMayNot(string who, bool mayGenerate)
    {
        var template = await TemplateAsync(StandardCycles.FourStage);
        var actor = who switch
        {
            "own editor" => Editor,
            "own viewer" => Editor with { Role = UserRole.Viewer },
            "another organisation's editor" => Editor with { OrganisationId = _south.Id + 1000, OrganisationName = "NHS North" },
            _ => Admin,
        };

        Assert.Equal(mayGenerate, CycleTemplateService.CanGenerateCycle(actor, _south.Id));
        if (mayGenerate)
        {
            Assert.True((await _service.Cycles.GenerateCycleAsync(actor, template.Id, _south.Id, Year)).Succeeded);
        }
        else
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => _service.Cycles.GenerateCycleAsync(actor, template.Id, _south.Id, Year));
            Assert.Contains(_logs.Warnings, l => l.Message.Contains("generate a commissioning cycle", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task SaveTemplateAsync_Editor_IsRefusedAndTheRefusalLogged()
    {
        var template = await TemplateAsync(StandardCycles.FourStage);

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _service.Cycles.SaveTemplateAsync(Editor, template.Id, "Renamed", null, template.Stages, template.Version));

        Assert.Equal(StandardCycles.FourStage, (await _service.Cycles.TemplatesAsync()).Single(t => t.Id == template.Id).Name);
        Assert.Contains(_logs.Warnings, l => l.Message.Contains("edit a commissioning cycle", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveTemplateAsync_InvalidStages_ReturnsAMessageForEachStage()
    {
        var template = await TemplateAsync(StandardCycles.FourStage);

        var outcome = await _service.Cycles.SaveTemplateAsync(Admin, template.Id, " ", null,
            [new CycleStage("Planning", 13, 4), new CycleStage("", 4, 13)], template.Version);

        Assert.False(outcome.Succeeded);
        Assert.Equal(["Give the cycle a name."], outcome.ErrorsFor(nameof(CycleTemplate.Name)));
        Assert.Equal(["Stage 1 must start in a month from 1 (January) to 12 (December)."], outcome.ErrorsFor("Stages[0]"));
        Assert.Equal(["Stage 2 needs a name.", "Stage 2 must last from 1 to 12 months."], outcome.ErrorsFor("Stages[1]"));
        Assert.Equal(5, (await _service.Cycles.TemplatesAsync()).Single(t => t.Id == template.Id).Stages.Count);
    }

    [Fact]
    public async Task SaveTemplateAsync_FortyThousandCharacterNamesAndDescriptions_AreRefusedAtEachFieldAndSaveNothing()
    {
        var template = await TemplateAsync(StandardCycles.FourStage);
        var paste = new string('x', 40_000);

        var outcome = await _service.Cycles.SaveTemplateAsync(Admin, template.Id, paste, paste,
            [new CycleStage("Planning", 4, 3), new CycleStage(paste, 7, 3, Description: paste)], template.Version);

        Assert.False(outcome.Succeeded);
        Assert.Equal(["The name can be at most 200 characters."], outcome.ErrorsFor(nameof(CycleTemplate.Name)));
        Assert.Equal(["The description can be at most 2,000 characters."], outcome.ErrorsFor(nameof(CycleTemplate.Description)));
        Assert.Equal(["Stage 2's name can be at most 200 characters.", "Stage 2's description can be at most 2,000 characters."], outcome.ErrorsFor("Stages[1]"));
        var kept = (await _service.Cycles.TemplatesAsync()).Single(t => t.Id == template.Id);
        Assert.Equal((StandardCycles.FourStage, template.Version, template.Stages.Count), (kept.Name, kept.Version, kept.Stages.Count));
    }

    [Fact]
    public async Task SaveTemplateAsync_NoStagesOrTakenName_IsRefusedWithTheReason()
    {
        var template = await TemplateAsync(StandardCycles.FourStage);

        var empty = await _service.Cycles.SaveTemplateAsync(Admin, template.Id, template.Name, null, [], template.Version);
        // The same name in other capitals is the same name.
        var taken = await _service.Cycles.SaveTemplateAsync(Admin, null, StandardCycles.WorldClassCommissioning.ToUpperInvariant(), null, [new CycleStage("Only", 4, 4)], Guid.Empty);

        Assert.Equal(["A cycle needs at least one stage."], empty.ErrorsFor(nameof(CycleTemplate.Stages)));
        Assert.Equal(["Another cycle already has this name."], taken.ErrorsFor(nameof(CycleTemplate.Name)));
        Assert.Equal(2, (await _service.Cycles.TemplatesAsync()).Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SaveTemplateAsync_TwoAdminsSaveOneNameAtOnce_KeepsOneAndGivesTheOtherTheNameFieldError(bool renaming)
    {
        // Both admins have found the name free before either saves: two new cycles, or the two standard ones renamed.
        var gate = RaceGate.ForExistsIn(2, "CycleTemplates");
        var cycles = new CycleTemplateService(gate.Factory(_database), new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);
        var templates = renaming ? await _service.Cycles.TemplatesAsync() : [];
        Actor[] admins = [Admin, Admin with { UserId = "user-admin-2", DisplayName = "Priya Patel" }];
        string[] names = ["Annual cycle", "annual Cycle"];

        var outcomes = await Task.WhenAll(admins.Select((admin, i) => Task.Run(() => renaming
            ? cycles.SaveTemplateAsync(admin, templates[i].Id, names[i], null, templates[i].Stages, templates[i].Version)
            : cycles.SaveTemplateAsync(admin, null, names[i], null, [new CycleStage("Only", 4, 4)], Guid.Empty, SubmissionKey.New()))));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Equal(["Another cycle already has this name."], Assert.Single(outcomes, o => !o.Succeeded).ErrorsFor(nameof(CycleTemplate.Name)));
        Assert.Single(await _service.Cycles.TemplatesAsync(), t => string.Equals(t.Name, "annual cycle", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SaveTemplateAsync_SomeoneSavedFirst_SaysWhoAndKeepsTheirChange()
    {
        var template = await TemplateAsync(StandardCycles.FourStage);
        var first = await _service.Cycles.SaveTemplateAsync(Admin with { DisplayName = "Priya Patel" }, template.Id, template.Name, "Their description", template.Stages, template.Version);
        Assert.True(first.Succeeded, first.Problem);

        var second = await _service.Cycles.SaveTemplateAsync(Admin, template.Id, template.Name, "My description", template.Stages, template.Version);

        Assert.StartsWith("Priya Patel saved this commissioning cycle", second.Problem);
        Assert.Equal("Their description", (await _service.Cycles.TemplatesAsync()).Single(t => t.Id == template.Id).Description);
    }

    [Fact]
    public async Task SaveTemplateAsync_AfterGenerating_LeavesGeneratedEventsAsTheyWere()
    {
        var template = await TemplateAsync(StandardCycles.FourStage);
        await GenerateAsync(template.Id);

        var moved = template.Stages.Select(s => s with { StartMonth = s.StartMonth == 4 ? 5 : s.StartMonth }).ToList();
        Assert.True((await _service.Cycles.SaveTemplateAsync(Admin, template.Id, template.Name, template.Description, moved, template.Version)).Succeeded);

        await using var db = _database.CreateContext();
        var monitoring = await db.TimetableEvents.SingleAsync(e => e.CycleStage == "Monitoring: first-quarter performance review");
        Assert.Equal(new DateOnly(2026, 4, 1), monitoring.StartDate);
    }

    [Fact]
    public async Task SaveTemplateAsync_TemplateRemovedMeanwhile_ReturnsAFailedOutcomeLikeItsSiblings()
    {
        var template = await TemplateAsync(StandardCycles.FourStage);
        await using (var db = _database.CreateContext())
        {
            await db.CycleTemplates.Where(t => t.Id == template.Id).ExecuteDeleteAsync();
        }

        var outcome = await _service.Cycles.SaveTemplateAsync(Admin, template.Id, template.Name, "My description", template.Stages, template.Version);

        Assert.False(outcome.Succeeded);
        Assert.Equal("This commissioning cycle no longer exists: someone removed it. Your changes were not saved.", outcome.Problem);
        Assert.DoesNotContain(await _service.Cycles.TemplatesAsync(), t => t.Name == template.Name);
    }
}
