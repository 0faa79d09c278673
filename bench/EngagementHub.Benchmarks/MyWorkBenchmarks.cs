using BenchmarkDotNet.Attributes;
using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Home;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reviews;
using EngagementHub.Core.WorkProgramme;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Benchmarks;

/// <summary>
/// The "My work" home page, where everyone lands after signing in, read for the LINk's officer and for one commissioner's
/// editor in a partnership of some years: 30 commissioners, 5,000 exercises (a few with no option proposed yet, some
/// awaiting agreement), 20,000 deadlines over two years (most answered; a tenth are reports with three recommendations
/// each, planned, in progress, done or dropped, the LINk's view given on most of those done or dropped), 600 issues
/// before the LINk's panel, and 60 joint reviews with their actions. Real SQLite file, migrations applied, same indexes
/// as the app.
/// </summary>
[MemoryDiagnoser]
public class MyWorkBenchmarks
{
    private const int Commissioners = 30;
    private const int Exercises = 5_000;
    private const int Deadlines = 20_000;
    private const int Issues = 600;

    /// <summary>Monday 23 November 2026, 10:00.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private string _directory = "";
    private MyWorkService _service = default!;
    private Actor _linkOfficer = default!;
    private Actor _commissionerEditor = default!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "engagementhub-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var options = new DbContextOptionsBuilder<EngagementHubDbContext>()
            .UseEngagementHubDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_directory, "bench.db")}").Options;
        Seed(options).GetAwaiter().GetResult();
        _service = new MyWorkService(new Factory(options), new FixedClock(Now));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<MyWork?> LinkOfficer() => _service.ForAsync(_linkOfficer);

    [Benchmark]
    public Task<MyWork?> CommissionerEditor() => _service.ForAsync(_commissionerEditor);

    private async Task Seed(DbContextOptions<EngagementHubDbContext> options)
    {
        await using var db = new EngagementHubDbContext(options);
        await db.Database.MigrateAsync();
        await BankHolidayCalendar.EnsureSeededAsync(db);
        await DeadlineService.EnsureRulesAsync(db);
        await StandardCriteria.EnsureAsync(db, new FixedClock(Now));
        var calendar = new WorkingDayCalendar(await db.BankHolidays.Select(h => new Holiday(h.Date, h.Name)).ToListAsync());

        var link = new Organisation("Benchmark LINk", OrganisationKind.Link);
        var commissioners = Enumerable.Range(1, Commissioners).Select(i => new Organisation($"Commissioner {i:00}", OrganisationKind.Commissioner)).ToList();
        db.Organisations.Add(link);
        db.Organisations.AddRange(commissioners);
        await db.SaveChangesAsync();
        var officer = new ApplicationUser
        {
            UserName = "officer@link.test", Email = "officer@link.test", DisplayName = "Officer", OrganisationId = link.Id, Role = UserRole.Editor, CreatedAt = Now,
        };
        db.Users.Add(officer);
        await db.SaveChangesAsync();
        _linkOfficer = new Actor(officer.Id, officer.DisplayName, link.Id, link.Name, UserRole.Editor);
        _commissionerEditor = new Actor("commissioner-editor", "Editor", commissioners[7].Id, commissioners[7].Name, UserRole.Editor);

        var random = new Random(20261123);
        for (var i = 0; i < Exercises; i++)
        {
            var start = new DateOnly(2024, 4, 1).AddDays(random.Next(0, 1_000));
            var lead = commissioners[random.Next(Commissioners)];
            var exercise = new EngagementExercise(new ExerciseInput
            {
                Title = $"Exercise {i}", Purpose = "Benchmark data.", LeadCommissionerId = lead.Id, DecisionInformed = "Decision",
                StartDate = start, EndDate = start.AddDays(random.Next(14, 120)),
            }, link.Id, lead.Id, Now);
            var roll = random.NextDouble();
            if (roll >= 0.03)
            {
                exercise.ProposeOption(AgreementSide.Commissioner, random.Next(1, 7), "Benchmark.", [], "Someone", lead.Name, Now);
                if (roll >= 0.10 && exercise.CurrentProposal is { } proposal)
                {
                    exercise.Agree(proposal.Id, AgreementSide.Link, "Officer", Now);
                }
            }

            db.Exercises.Add(exercise);
            if (i % 1_000 == 999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        var rules = await db.DeadlineRules.ToListAsync();
        var report = rules.Single(r => r.Kind == DeadlineKind.ReportResponse);
        var today = UkTime.Today(Now);
        for (var i = 0; i < Deadlines; i++)
        {
            var received = today.AddDays(-random.Next(0, 730));
            var rule = i % 10 == 0 ? report : rules.Where(r => r != report).ElementAt(random.Next(rules.Count - 1));
            var to = commissioners[random.Next(Commissioners)];
            var deadline = new ResponseDeadline(rule, $"Request {i}", null, link.Id, to.Id, null, officer.Id, officer.DisplayName, null,
                calendar.DueDate(received, rule.WorkingDays), Now);
            if (rule == report)
            {
                for (var r = 0; r < 3; r++)
                {
                    var recommendation = deadline.AddRecommendation($"Recommendation {r}");
                    recommendation.Respond(RecommendationResponse.Accepted, null, "Someone", Now);
                    var status = (ImplementationStatus)random.Next(0, 4);
                    recommendation.RecordImplementation(status, today.AddDays(random.Next(-200, 200)), "Budget.", "Changed.", "Someone", Now.AddDays(-random.Next(0, 300)));
                    // The LINk has given its view on most of what was done or dropped; a tenth still waits for it.
                    if (status is ImplementationStatus.Done or ImplementationStatus.Dropped && random.NextDouble() < 0.9)
                    {
                        recommendation.RecordLinkVerdict(random.NextDouble() < 0.8 ? LinkVerdict.Agrees : LinkVerdict.DoesNotAgree, "Benchmark.", "Officer", Now);
                    }
                }
            }

            if (deadline.DueDate < today.AddDays(-30) ? random.NextDouble() >= 0.03 : random.NextDouble() >= 0.8)
            {
                deadline.RecordAnswer("Answered.", deadline.DueDate.AddDays(random.Next(-20, 10)) is var on && on < received ? received : on, "Someone", calendar);
            }

            db.Deadlines.Add(deadline);
            if (i % 2_000 == 1_999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        for (var i = 0; i < Issues; i++)
        {
            var issue = new RaisedIssue(link.Id, new RaisedIssueInput
            {
                Title = $"Issue {i}", Description = "Benchmark.", ReferrerName = "A resident", Sector = CareSector.Health,
                RaisedOn = today.AddDays(-random.Next(0, 700)),
            }, link.Id, officer.Id, officer.DisplayName, Now);
            db.RaisedIssues.Add(issue);
        }

        var criteria = await db.SuccessCriteria.Include(c => c.Wordings).ToListAsync();
        for (var year = 2024; year <= 2026; year++)
        {
            foreach (var commissioner in commissioners.Take(20))
            {
                var round = new ReviewRound(new FinancialYear(year), link.Id, commissioner.Id, link.Id, new DateOnly(year, 12, 1), Now, criteria);
                if (year < 2026)
                {
                    round.Submit(ReviewSide.Link, false, Now);
                    round.Submit(ReviewSide.Commissioners, false, Now);
                    for (var a = 0; a < 3; a++)
                    {
                        round.AddAction($"Action {a}", a == 0 ? link.Id : commissioner.Id, null, new DateOnly(year + 1, 3, 1).AddDays(random.Next(0, 400)));
                    }
                }

                db.ReviewRounds.Add(round);
            }
        }

        await db.SaveChangesAsync();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class Factory(DbContextOptions<EngagementHubDbContext> options) : IDbContextFactory<EngagementHubDbContext>
    {
        public EngagementHubDbContext CreateDbContext() => new(options);
    }
}
