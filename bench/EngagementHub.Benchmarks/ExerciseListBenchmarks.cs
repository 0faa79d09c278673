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
/// The exercise list at 5,000 exercises across 30 commissioners (issue target: "stays quick"): one page of 25, as
/// the list asks for it, unfiltered and with each kind of filter, plus the spectrum chart's counts.
/// Real SQLite file, migrations applied, same indexes as the app.
/// </summary>
[MemoryDiagnoser]
public class ExerciseListBenchmarks
{
    private const int Exercises = 5_000;
    private const int Commissioners = 30;
    private string _directory = "";
    private ExerciseService _service = default!;
    private int _commissionerId;
    private int _communityId;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "engagementhub-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var connection = $"Data Source={Path.Combine(_directory, "bench.db")}";
        var options = new DbContextOptionsBuilder<EngagementHubDbContext>().UseEngagementHubDatabase(DatabaseProvider.Sqlite, connection).Options;
        Seed(options).GetAwaiter().GetResult();

        var factory = new Factory(options);
        _service = new ExerciseService(factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<ExercisePage> FirstPage_NoFilter() => _service.SearchAsync(new ExerciseFilter(), 0, 25);

    [Benchmark]
    public Task<ExercisePage> LastPage_NoFilter() => _service.SearchAsync(new ExerciseFilter(), Exercises - 25, 25);

    [Benchmark]
    public Task<ExercisePage> Page_ByCommissioner() => _service.SearchAsync(new ExerciseFilter { CommissionerId = _commissionerId }, 0, 25);

    [Benchmark]
    public Task<ExercisePage> Page_ByFinancialYearAndOption() =>
        _service.SearchAsync(new ExerciseFilter { Year = new FinancialYear(2026), Option = 2 }, 0, 25);

    [Benchmark]
    public Task<ExercisePage> Page_ByCommunity() => _service.SearchAsync(new ExerciseFilter { CommunityId = _communityId }, 0, 25);

    [Benchmark]
    public Task<ExercisePage> Page_BySearchText() => _service.SearchAsync(new ExerciseFilter { Search = "maternity" }, 0, 25);

    [Benchmark]
    public Task<IReadOnlyList<SpectrumCount>> Spectrum_AllYears() => _service.SpectrumAsync(new ExerciseFilter());

    private async Task Seed(DbContextOptions<EngagementHubDbContext> options)
    {
        await using var db = new EngagementHubDbContext(options);
        await db.Database.MigrateAsync();
        await StandardCommunities.EnsureAsync(db);
        var link = new Organisation("Benchmark LINk", OrganisationKind.Link);
        var commissioners = Enumerable.Range(1, Commissioners).Select(i => new Organisation($"Commissioner {i:00}", OrganisationKind.Commissioner)).ToList();
        db.Organisations.Add(link);
        db.Organisations.AddRange(commissioners);
        await db.SaveChangesAsync();
        var communities = await db.Communities.Select(c => c.Id).ToListAsync();
        _commissionerId = commissioners[7].Id;
        _communityId = communities[3];

        var random = new Random(20261122);
        string[] topics = ["maternity", "stroke", "dementia", "diabetes", "dentistry", "urgent care", "carers", "mental health"];
        for (var i = 0; i < Exercises; i++)
        {
            var start = new DateOnly(2024, 4, 1).AddDays(random.Next(0, 1_100));
            var lead = commissioners[random.Next(Commissioners)];
            var exercise = new EngagementExercise(new ExerciseInput
            {
                Title = $"Exercise {i}: {topics[i % topics.Length]}",
                Purpose = "Benchmark data.",
                LeadCommissionerId = lead.Id,
                DecisionInformed = "Decision",
                StartDate = start,
                EndDate = start.AddDays(random.Next(14, 120)),
                DecisionDate = start.AddDays(random.Next(30, 160)),
                CommunityIds = [.. communities.OrderBy(_ => random.Next()).Take(random.Next(1, 4))],
            }, link.Id, lead.Id, DateTimeOffset.UtcNow);
            var option = random.Next(1, 7);
            exercise.ProposeOption(AgreementSide.Commissioner, option, "Benchmark.", [], "Someone", lead.Name, DateTimeOffset.UtcNow);
            db.Exercises.Add(exercise);
            if (i % 500 == 499)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync();
    }

    private sealed class Factory(DbContextOptions<EngagementHubDbContext> options) : IDbContextFactory<EngagementHubDbContext>
    {
        public EngagementHubDbContext CreateDbContext() => new(options);
    }
}
