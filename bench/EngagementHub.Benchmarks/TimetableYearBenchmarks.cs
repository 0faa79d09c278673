using BenchmarkDotNet.Attributes;
using EngagementHub.Core;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Communities;
using EngagementHub.Core.Data;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementHub.Benchmarks;

/// <summary>
/// The year view's data at 2,000 events in one financial year across 30 organisations (issue target: "stays smooth;
/// one query, not one per lane"), with 400 exercises and the neighbouring years' events in the same table:
/// <see cref="TimetableQueries.YearAsync"/> (the agreement, the events, organisations, exercises and communities, one
/// query each, and every planner's warning), the warnings alone on data already in memory, and the ahead-of-the-agenda
/// panel, against the plain indexed query for the year's events. Real SQLite file, migrations applied, the app's indexes.
/// </summary>
[MemoryDiagnoser]
public class TimetableYearBenchmarks
{
    private const int EventsInYear = 2_000;
    private const int Organisations = 30;
    private const int Exercises = 400;
    private static readonly FinancialYear Year = new(2026);

    private string _directory = "";
    private DbContextOptions<EngagementHubDbContext> _options = default!;
    private TimetableQueries _service = default!;
    private int _organisationId;
    private TimetableYear _loaded = default!;
    private Dictionary<int, string> _communities = default!;
    private Dictionary<int, string> _localities = default!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "engagementhub-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _options = new DbContextOptionsBuilder<EngagementHubDbContext>().UseEngagementHubDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_directory, "bench.db")}").Options;
        Seed().GetAwaiter().GetResult();

        var factory = new Factory(_options);
        var clock = new FixedClock(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));
        _service = new TimetableQueries(factory, clock);
        _loaded = _service.YearAsync(Year).GetAwaiter().GetResult();
        _localities = _loaded.Organisations.Values.Where(o => o.Kind == OrganisationKind.Locality).ToDictionary(o => o.Id, o => o.Name);
        Console.WriteLine($"// {_loaded.TotalEvents} events in {Year.Label}, {_loaded.Lanes.Count} lanes, {_loaded.Exercises.Count} exercises loaded, "
                          + string.Join(", ", _loaded.Warnings.GroupBy(w => w.Kind).Select(g => $"{g.Count()} {g.Key}")));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>What any year view must at least read: the year's events, in date order, by the (Year, StartDate) index.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> PlainIndexedQuery_YearsEvents()
    {
        await using var db = new EngagementHubDbContext(_options);
        var events = await db.TimetableEvents.AsNoTracking().Where(e => e.Year == Year.StartYear).OrderBy(e => e.StartDate).ToListAsync();
        return events.Count;
    }

    [Benchmark]
    public async Task<int> YearAsync_WholeYearWithWarnings() => (await _service.YearAsync(Year)).Warnings.Count;

    [Benchmark]
    public async Task<int> YearAsync_OneOrganisationWithWarnings() =>
        (await _service.YearAsync(Year, new TimetableFilter { OrganisationIds = [_organisationId] })).Events.Count;

    [Benchmark]
    public int Warnings_InMemory() =>
        TimetableAnalysis.Warnings(Year, _loaded.Events, _loaded.Exercises, _communities, _localities).Count;

    [Benchmark]
    public async Task<int> AheadOfTheAgendaAsync_EightWeeks() => (await _service.AheadOfTheAgendaAsync(8)).Count;

    private async Task Seed()
    {
        await using var db = new EngagementHubDbContext(_options);
        await db.Database.MigrateAsync();
        await StandardCommunities.EnsureAsync(db);
        _communities = await db.Communities.ToDictionaryAsync(c => c.Id, c => c.Name);
        var communityIds = _communities.Keys.ToList();

        // 30 organisations with events: the LINk, 12 commissioners, partnerships, scrutiny, providers, a regulator,
        // localities; plus 10 localities an exercise can be scoped to.
        var kinds = new[] { OrganisationKind.Link }
            .Concat(Enumerable.Repeat(OrganisationKind.Commissioner, 12))
            .Concat(Enumerable.Repeat(OrganisationKind.Partnership, 4))
            .Concat([OrganisationKind.Scrutiny, OrganisationKind.Regulator, OrganisationKind.VoluntarySector])
            .Concat(Enumerable.Repeat(OrganisationKind.Provider, 6))
            .Concat(Enumerable.Repeat(OrganisationKind.Locality, 4))
            .ToList();
        var organisations = kinds.Select((kind, i) => new Organisation($"{kind} {i:00}", kind)).ToList();
        var localities = Enumerable.Range(1, 10).Select(i => new Organisation($"Constituency {i:00}", OrganisationKind.Locality)).ToList();
        db.Organisations.AddRange(organisations);
        db.Organisations.AddRange(localities);
        await db.SaveChangesAsync();
        var link = organisations[0];
        var commissioners = organisations.Where(o => o.Kind == OrganisationKind.Commissioner).ToList();
        _organisationId = commissioners[3].Id;

        var random = new Random(20261122);
        for (var i = 0; i < Exercises; i++)
        {
            var lead = commissioners[random.Next(commissioners.Count)];
            var start = new DateOnly(2025, 10, 1).AddDays(random.Next(0, 600));
            var local = random.NextDouble() < 0.2;
            db.Exercises.Add(new EngagementExercise(new ExerciseInput
            {
                Title = $"Exercise {i}",
                Purpose = "Benchmark data.",
                LeadCommissionerId = lead.Id,
                DecisionInformed = "Decision",
                StartDate = start,
                EndDate = start.AddDays(random.Next(28, 120)),
                DecisionDate = random.NextDouble() < 0.7 ? start.AddDays(random.Next(60, 180)) : null,
                CommunityIds = [.. communityIds.OrderBy(_ => random.Next()).Take(random.Next(1, 4))],
                Scope = local ? ExerciseScope.Localities : ExerciseScope.CityWide,
                LocalityIds = local ? [localities[random.Next(localities.Count)].Id] : [],
            }, link.Id, lead.Id, DateTimeOffset.UtcNow));
        }

        await db.SaveChangesAsync();
        var exercisesByLead = (await db.Exercises.Select(x => new { x.Id, x.LeadCommissionerId }).ToListAsync())
            .GroupBy(x => x.LeadCommissionerId).ToDictionary(g => g.Key, g => g.Select(x => x.Id).ToList());
        db.ChangeTracker.Clear();

        // 2,000 events in 2026/27 and as many again in the years either side, which the year's queries must skip.
        var eventKinds = Enum.GetValues<TimetableEventKind>();
        foreach (var (startYear, count) in new[] { (2025, EventsInYear / 2), (2026, EventsInYear), (2027, EventsInYear / 2) })
        {
            var year = new FinancialYear(startYear);
            for (var i = 0; i < count; i++)
            {
                var organisation = organisations[random.Next(organisations.Count)];
                var kind = organisation.Kind == OrganisationKind.Commissioner && random.NextDouble() < 0.3
                    ? TimetableEventKind.DecisionPoint
                    : eventKinds[random.Next(eventKinds.Length)];
                var start = year.Start.AddDays(random.Next(0, 365));
                var span = kind is TimetableEventKind.ConsultationWindow or TimetableEventKind.CycleStage or TimetableEventKind.PlanRefresh;
                var timed = !span && random.NextDouble() < 0.6;
                var linked = kind == TimetableEventKind.DecisionPoint && exercisesByLead.TryGetValue(organisation.Id, out var own) && random.NextDouble() < 0.7
                    ? own.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList()
                    : [];
                db.TimetableEvents.Add(new TimetableEvent(new TimetableEventInput
                {
                    OrganisationId = organisation.Id,
                    Kind = kind,
                    Title = $"{kind.Label()} {i}",
                    Description = "Benchmark data.",
                    StartDate = start,
                    EndDate = span ? Min(start.AddDays(random.Next(7, 90)), year.End) : null,
                    StartTime = timed ? new TimeOnly(random.Next(9, 17), 0) : null,
                    EndTime = timed ? new TimeOnly(18, 0) : null,
                    IsFormal = random.NextDouble() < 0.7,
                    IsMovable = random.NextDouble() < 0.3,
                    Visibility = random.NextDouble() < 0.85 ? EventVisibility.Public : EventVisibility.Partnership,
                    ExerciseIds = linked,
                }, DateTimeOffset.UtcNow));
                if (i % 500 == 499)
                {
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        // The year agreed by the planning organisations, then changed 40 times.
        var timetable = new AnnualTimetable(Year);
        var planners = organisations.Where(o => TimetableAgreementService.AgreesByDefault(o.Kind) && o.Id != link.Id).ToList();
        timetable.Propose([.. planners.Select(o => o.Id)], link.Id, "Proposer", null, DateTimeOffset.UtcNow);
        foreach (var planner in planners)
        {
            timetable.Agree(planner.Id, "Agreer", DateTimeOffset.UtcNow);
        }

        for (var i = 0; i < 40; i++)
        {
            timetable.RecordChange(null, planners[i % planners.Count].Id, "Editor", $"'Event {i}' moved.", DateTimeOffset.UtcNow);
        }

        db.AnnualTimetables.Add(timetable);
        await db.SaveChangesAsync();
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class Factory(DbContextOptions<EngagementHubDbContext> options) : IDbContextFactory<EngagementHubDbContext>
    {
        public EngagementHubDbContext CreateDbContext() => new(options);
    }
}
