using BenchmarkDotNet.Attributes;
using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementHub.Benchmarks;

/// <summary>Where the day's reminders stand when the sweep runs.</summary>
public enum SweepState
{
    /// <summary>The first sweep of the day: yesterday's sweep recorded its reminders and moved each deadline on to its
    /// next reminder date; today's are due and none is recorded yet.</summary>
    NothingRecorded,

    /// <summary>Every later sweep that day: today's reminders are recorded and each deadline moved on again.</summary>
    AllRecorded,

    /// <summary>Not a daily state: right after a bank holiday change every open deadline is planned again once, with
    /// everything due already recorded (also the first sweep after the upgrade that added next reminder dates).</summary>
    AllPlannedAgain,
}

/// <summary>
/// The reminder sweep's planning half (the one indexed query for the open deadlines whose next reminder date has come,
/// the planner per deadline, the check against what is already recorded, each one's next reminder date) at 100,000
/// deadlines, against the plain indexed query for the ids of the same rows. Nothing is sent or written.
/// Real SQLite file, migrations applied, same indexes as the app; the states are made by running the app's own sweep.
/// </summary>
[MemoryDiagnoser]
public class ReminderSweepBenchmarks
{
    private const int Deadlines = 100_000;
    private const int Commissioners = 30;

    /// <summary>Monday 23 November 2026; the sweep before it ran on Friday 20 November.</summary>
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateOnly PreviousWorkingDay = new(2026, 11, 20);

    private string _directory = "";
    private DbContextOptions<EngagementHubDbContext> _options = default!;
    private WorkingDayCalendar _calendar = default!;

    [Params(SweepState.NothingRecorded, SweepState.AllRecorded, SweepState.AllPlannedAgain)]
    public SweepState State { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "engagementhub-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _options = new DbContextOptionsBuilder<EngagementHubDbContext>().UseEngagementHubDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_directory, "bench.db")}").Options;
        Seed().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>What any sweep must at least read: the ids of the open deadlines with a reminder date on or before today, by its index.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> PlainIndexedQuery_DueRows()
    {
        await using var db = new EngagementHubDbContext(_options);
        var ids = await db.Deadlines.AsNoTracking()
            .Where(d => d.NextReminderOn <= Today && (d.State == DeadlineState.Awaiting || d.State == DeadlineState.Acknowledged))
            .Select(d => d.Id).ToListAsync();
        return ids.Count;
    }

    [Benchmark]
    public async Task<int> Sweep_QueryAndPlan()
    {
        await using var db = new EngagementHubDbContext(_options);
        var plan = await ReminderSweep.PlanAsync(db, _calendar, Today);
        return plan.Planned.Count + plan.Next.Count;
    }

    private async Task Seed()
    {
        await using var db = new EngagementHubDbContext(_options);
        await db.Database.MigrateAsync();
        await BankHolidayCalendar.EnsureSeededAsync(db);
        await DeadlineService.EnsureRulesAsync(db);
        _calendar = new WorkingDayCalendar(await db.BankHolidays.Select(h => new Holiday(h.Date, h.Name)).ToListAsync());

        var link = new Organisation("Benchmark LINk", OrganisationKind.Link);
        var commissioners = Enumerable.Range(1, Commissioners).Select(i => new Organisation($"Commissioner {i:00}", OrganisationKind.Commissioner)).ToList();
        var contacts = commissioners.Select((c, i) => c.AddContact($"Contact {i}", null, $"contact{i}@pct.test", null, true)).ToList();
        db.Organisations.Add(link);
        db.Organisations.AddRange(commissioners);
        await db.SaveChangesAsync();
        var owners = Enumerable.Range(1, 5).Select(i => new ApplicationUser
        {
            UserName = $"owner{i}@link.test", Email = $"owner{i}@link.test", DisplayName = $"Owner {i}", OrganisationId = link.Id,
            Role = UserRole.Editor, CreatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        db.Users.AddRange(owners);
        var rules = await db.DeadlineRules.ToListAsync();
        await db.SaveChangesAsync();

        // Two years of deadlines, most answered; the ones still open are the recent ones and a tail of old overdue ones.
        var random = new Random(20261123);
        for (var i = 0; i < Deadlines; i++)
        {
            var received = Today.AddDays(-random.Next(0, 730));
            var rule = rules[random.Next(rules.Count)];
            var to = random.Next(Commissioners);
            var owner = owners[random.Next(owners.Count)];
            var due = _calendar.DueDate(received, rule.WorkingDays);
            var deadline = new ResponseDeadline(rule, $"Request {i}", null, link.Id, commissioners[to].Id, contacts[to].Id, owner.Id, owner.DisplayName, null,
                due, DateTimeOffset.UtcNow);
            var open = due.DueDate >= Today.AddDays(-30) ? random.NextDouble() < 0.8 : random.NextDouble() < 0.03;
            if (!open)
            {
                deadline.RecordAnswer("Answered.", due.DueDate.AddDays(random.Next(-20, 10)) is var on && on < received ? received : on, "Someone", _calendar);
            }

            db.Deadlines.Add(deadline);
            if (i % 5_000 == 4_999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync();

        // Friday's sweep plans every open deadline (each new one is planned from its date received), records what was
        // due then and moves each on to its next reminder date.
        await SweepAsync(PreviousWorkingDay);
        if (State is SweepState.AllRecorded or SweepState.AllPlannedAgain)
        {
            await SweepAsync(Today);
        }

        if (State == SweepState.AllPlannedAgain)
        {
            await ReminderSchedule.PlanAgainAsync(db.Deadlines, Today);
        }
    }

    private async Task SweepAsync(DateOnly day)
    {
        var factory = new Factory(_options);
        var clock = new FixedClock(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        var holidays = new BankHolidayCalendar(factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), clock);
        var result = await new ReminderSweep(factory, holidays, clock, NullLogger<ReminderSweep>.Instance).RunAsync();
        Console.WriteLine($"// Sweep on {day:yyyy-MM-dd}: {result.DeadlinesChecked} deadlines planned, {result.Recorded} deliveries recorded");
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
