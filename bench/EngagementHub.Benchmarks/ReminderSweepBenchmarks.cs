using BenchmarkDotNet.Attributes;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementHub.Benchmarks;

/// <summary>
/// The reminder sweep's planning half (the one indexed query for open deadlines due soon or overdue, the planner per
/// deadline, the check against what is already recorded) at 100,000 deadlines, against the plain indexed query for the
/// same rows. Nothing is sent. <see cref="AlreadyRecorded"/>: false is the first sweep after the reminders came due
/// (everything to record); true is every later sweep that day (everything already recorded, nothing to write).
/// Real SQLite file, migrations applied, same indexes as the app.
/// </summary>
[MemoryDiagnoser]
public class ReminderSweepBenchmarks
{
    private const int Deadlines = 100_000;
    private const int Commissioners = 30;
    private static readonly DateOnly Today = new(2026, 11, 23);

    private string _directory = "";
    private DbContextOptions<EngagementHubDbContext> _options = default!;
    private WorkingDayCalendar _calendar = default!;
    private DateOnly _horizon;

    [Params(false, true)]
    public bool AlreadyRecorded { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "engagementhub-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _options = new DbContextOptionsBuilder<EngagementHubDbContext>().UseSqlite($"Data Source={Path.Combine(_directory, "bench.db")}").Options;
        Seed().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>What any sweep must at least read: the ids of open deadlines due by the horizon, by the (State, DueDate) index.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> PlainIndexedQuery_DueRows()
    {
        await using var db = new EngagementHubDbContext(_options);
        var ids = await db.Deadlines.AsNoTracking()
            .Where(d => (d.State == DeadlineState.Awaiting || d.State == DeadlineState.Acknowledged) && d.DueDate <= _horizon)
            .Select(d => d.Id).ToListAsync();
        return ids.Count;
    }

    [Benchmark]
    public async Task<int> Sweep_QueryAndPlan()
    {
        await using var db = new EngagementHubDbContext(_options);
        var (_, planned) = await ReminderSweep.PlanAsync(db, _calendar, Today);
        return planned.Count;
    }

    private async Task Seed()
    {
        await using var db = new EngagementHubDbContext(_options);
        await db.Database.MigrateAsync();
        await BankHolidayCalendar.EnsureSeededAsync(db);
        await DeadlineService.EnsureRulesAsync(db);
        _calendar = new WorkingDayCalendar(await db.BankHolidays.Select(h => new Holiday(h.Date, h.Name)).ToListAsync());
        _horizon = WorkingDaysAfter(Today, 6);

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

        if (AlreadyRecorded)
        {
            var factory = new Factory(_options);
            var clock = new FixedClock(new DateTimeOffset(Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
            var holidays = new BankHolidayCalendar(factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), clock);
            await new ReminderSweep(factory, holidays, clock, NullLogger<ReminderSweep>.Instance).RunAsync();
        }
    }

    private DateOnly WorkingDaysAfter(DateOnly from, int workingDays)
    {
        var day = from;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            counted += _calendar.IsWorkingDay(day) ? 1 : 0;
        }

        return day;
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
