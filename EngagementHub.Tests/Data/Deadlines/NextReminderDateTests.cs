using EngagementHub.Core.Reminders;
using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Data.Demo;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementHub.Tests.Data.Deadlines;

/// <summary>
/// Each open deadline's next reminder date (<see cref="ResponseDeadline.NextReminderOn"/>), kept by every change that
/// moves its reminders, so the sweep reads only the deadlines with something due. Run against SQLite and against
/// PostgreSQL: see the nested classes.
/// </summary>
public abstract class NextReminderDateTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : NextReminderDateTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : NextReminderDateTests(DatabaseProvider.PostgreSql);

    /// <summary>Thursday 1 October 2026, the test database's clock.</summary>
    private static readonly DateOnly Today = new(2026, 10, 1);

    private TestDatabase _database = default!;
    private BankHolidayCalendar _holidays = default!;
    private DeadlineService _deadlines = default!;
    private WorkingDayCalendar _calendar = default!;
    private Organisation _south = default!;
    private Organisation _scrutiny = default!;
    private Actor _linkEditor = default!;
    private Actor _southEditor = default!;
    private Actor _scrutinyEditor = default!;
    private Actor _admin = default!;

    /// <summary>
    /// The deadline rules and the organisations and people every test starts from: Lena at the LINk, Janet at South and
    /// Rose at scrutiny (each side's named contact has an address), and Ada, an administrator, at the council's partnership.
    /// </summary>
    private static async Task SeedAsync(TestDatabase template)
    {
        await using var db = template.CreateContext();
        await DeadlineService.EnsureRulesAsync(db);
        var link = new Organisation("Birmingham LINk", OrganisationKind.Link);
        var south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        south.AddContact("Janet Rowe", "Director of Commissioning", "janet@south.test", null, receivesLinkRequests: true);
        var scrutiny = new Organisation("Health and Social Care Overview and Scrutiny Committee", OrganisationKind.Scrutiny);
        scrutiny.AddContact("Rose Kiely", "Scrutiny officer", "rose@council.test", null, receivesLinkRequests: true);
        var partnership = new Organisation("Be Birmingham", OrganisationKind.Partnership);
        db.Organisations.AddRange(link, south, scrutiny, partnership);
        await db.SaveChangesAsync();
        db.Users.AddRange(
            new ApplicationUser { Id = "lena", UserName = "lena", Email = "lena@link.test", DisplayName = "Lena Khan", OrganisationId = link.Id, Role = UserRole.Editor },
            new ApplicationUser { Id = "janet", UserName = "janet", DisplayName = "Janet Rowe", OrganisationId = south.Id, Role = UserRole.Editor },
            new ApplicationUser { Id = "rose", UserName = "rose", DisplayName = "Rose Kiely", OrganisationId = scrutiny.Id, Role = UserRole.Editor },
            new ApplicationUser { Id = "ada", UserName = "ada", DisplayName = "Ada Admin", OrganisationId = partnership.Id, Role = UserRole.Admin });
        await db.SaveChangesAsync();
    }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSeededAsync(provider, nameof(NextReminderDateTests), SeedAsync);
        await using (var db = _database.CreateContext())
        {
            var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Name);
            var link = organisations["Birmingham LINk"];
            (_south, _scrutiny) = (organisations["NHS South Birmingham"], organisations["Health and Social Care Overview and Scrutiny Committee"]);
            _linkEditor = new Actor("lena", "Lena Khan", link.Id, link.Name, UserRole.Editor);
        }

        _southEditor = new Actor("janet", "Janet Rowe", _south.Id, _south.Name, UserRole.Editor);
        _scrutinyEditor = new Actor("rose", "Rose Kiely", _scrutiny.Id, _scrutiny.Name, UserRole.Editor);
        _admin = new Actor("ada", "Ada Admin", null, null, UserRole.Admin);
        var access = new OrganisationAccess(NullLogger<OrganisationAccess>.Instance);
        _holidays = new BankHolidayCalendar(_database.Factory, access, _database.Clock);
        _deadlines = new DeadlineService(_database.Factory, _holidays, access, _database.Clock);
        _calendar = await _holidays.GetAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<int> LogAsync(DeadlineKind kind = DeadlineKind.InformationRequest, Organisation? to = null, DateOnly? received = null)
    {
        await using var db = _database.CreateContext();
        var rule = await db.DeadlineRules.Where(r => r.Kind == kind).Select(r => r.Id).SingleAsync();
        var outcome = await _deadlines.LogAsync(_linkEditor, new DeadlineInput
        {
            RuleId = rule, Subject = "Waiting times for wheelchair assessments", ToOrganisationId = (to ?? _south).Id, Received = received ?? Today,
        });
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        return outcome.Value;
    }

    private async Task<ResponseDeadline> DeadlineAsync(int id)
    {
        await using var db = _database.CreateContext();
        return await db.Deadlines.AsNoTracking().SingleAsync(d => d.Id == id);
    }

    private void SetToday(DateOnly date) => _database.Clock.SetUtcNow(new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));

    private ReminderSweep Sweep() => new(_database.Factory, _holidays, _database.Clock, NullLogger<ReminderSweep>.Instance);

    private DateOnly Before(DateOnly due, int workingDays) => ReminderPlanner.WorkingDaysBefore(due, workingDays, _calendar);

    [Fact]
    public async Task LogAsync_NewDeadline_PlannedFromTheDateReceived()
    {
        var id = await LogAsync(received: Today.AddDays(-3));

        Assert.Equal(Today.AddDays(-3), (await DeadlineAsync(id)).NextReminderOn);
    }

    [Fact]
    public async Task RunAsync_NothingDueYet_MovesTheDateToTheFirstReminderWithoutRecording()
    {
        var id = await LogAsync();

        var result = await Sweep().RunAsync();

        Assert.Equal((1, 0), (result.DeadlinesChecked, result.Recorded));
        var deadline = await DeadlineAsync(id);
        Assert.Equal(Before(deadline.DueDate, 5), deadline.NextReminderOn);
    }

    [Fact]
    public async Task RunAsync_StepRecorded_MovesTheDateToTheNextStepAndLaterSweepsReadNothing()
    {
        var id = await LogAsync();
        var due = (await DeadlineAsync(id)).DueDate;
        SetToday(Before(due, 5));

        var first = await Sweep().RunAsync();
        var second = await Sweep().RunAsync();

        Assert.Equal(3, first.Recorded);
        Assert.Equal(Before(due, 1), (await DeadlineAsync(id)).NextReminderOn);
        Assert.Equal((0, 0), (second.DeadlinesChecked, second.Recorded));

        SetToday(Before(due, 1));
        Assert.Equal(3, (await Sweep().RunAsync()).Recorded);
        Assert.Equal(due, (await DeadlineAsync(id)).NextReminderOn);
    }

    [Fact]
    public async Task RunAsync_Overdue_NextIsTheWeeklyChaseOrTheEscalation()
    {
        var id = await LogAsync();
        var due = (await DeadlineAsync(id)).DueDate;
        SetToday(_calendar.AddWorkingDays(due, 1));

        await Sweep().RunAsync();
        Assert.Equal(_calendar.AddWorkingDays(due, 6), (await DeadlineAsync(id)).NextReminderOn);

        SetToday(_calendar.AddWorkingDays(due, 6));
        await Sweep().RunAsync();
        Assert.Equal(_calendar.AddWorkingDays(due, 10), (await DeadlineAsync(id)).NextReminderOn); // the escalation, before week 2
    }

    [Fact]
    public async Task RunAsync_OnASaturday_LeavesTheDateForTheNextWorkingDay()
    {
        var id = await LogAsync(received: Today.AddDays(-2));
        SetToday(new DateOnly(2026, 10, 3));

        await Sweep().RunAsync();

        Assert.Equal(Today.AddDays(-2), (await DeadlineAsync(id)).NextReminderOn);
    }

    [Fact]
    public async Task AgreeExtensionAsync_AfterTheSweepMovedTheDateOn_PlannedAgainToday()
    {
        var id = await LogAsync();
        await Sweep().RunAsync();
        var due = (await DeadlineAsync(id)).DueDate;
        Assert.True((await _deadlines.ProposeExtensionAsync(_southEditor, id, due.AddDays(14), "Data re-run", waitingSeen: null)).Succeeded);
        Assert.Equal(Before(due, 5), (await DeadlineAsync(id)).NextReminderOn); // a proposal moves nothing

        Assert.True((await _deadlines.AgreeExtensionAsync(_linkEditor, id, due.AddDays(14))).Succeeded);

        Assert.Equal(Today, (await DeadlineAsync(id)).NextReminderOn);
        await Sweep().RunAsync();
        Assert.Equal(Before(due.AddDays(14), 5), (await DeadlineAsync(id)).NextReminderOn);
    }

    [Fact]
    public async Task AcknowledgeAsync_ScrutinyReferral_NoMoreReminders()
    {
        var id = await LogAsync(DeadlineKind.ScrutinyReferral, _scrutiny);

        Assert.True((await _deadlines.AcknowledgeAsync(_scrutinyEditor, id)).Succeeded);

        Assert.Null((await DeadlineAsync(id)).NextReminderOn);
    }

    [Fact]
    public async Task AcknowledgeAsync_InformationRequest_StillPlannedUntilAnswered()
    {
        var id = await LogAsync();
        await Sweep().RunAsync();

        Assert.True((await _deadlines.AcknowledgeAsync(_southEditor, id)).Succeeded);

        Assert.Equal(Today, (await DeadlineAsync(id)).NextReminderOn);
    }

    [Fact]
    public async Task RecordAnswerAsync_Answered_NoMoreReminders()
    {
        var id = await LogAsync();

        Assert.True((await _deadlines.RecordAnswerAsync(_southEditor, id, "Figures attached.", Today)).Succeeded);

        Assert.Null((await DeadlineAsync(id)).NextReminderOn);
    }

    [Fact]
    public async Task WithdrawAsync_Withdrawn_NoMoreReminders()
    {
        var id = await LogAsync();

        Assert.True((await _deadlines.WithdrawAsync(_linkEditor, id)).Succeeded);

        Assert.Null((await DeadlineAsync(id)).NextReminderOn);
    }

    [Fact]
    public async Task EscalateAsync_Overdue_NoMoreRemindersForItAndTheReferralPlannedToday()
    {
        var id = await LogAsync(received: Today.AddDays(-60));

        var referral = await _deadlines.EscalateAsync(_linkEditor, id);

        Assert.True(referral.Succeeded, string.Join("; ", referral.Errors.Select(e => e.Message)));
        Assert.Null((await DeadlineAsync(id)).NextReminderOn);
        Assert.Equal(Today, (await DeadlineAsync(referral.Value)).NextReminderOn);
    }

    [Fact]
    public async Task AddAsync_BankHoliday_EveryOpenDeadlinePlannedAgainTodayExtendedOrNot()
    {
        var moved = await LogAsync();
        var extended = await LogAsync();
        var answered = await LogAsync();
        await Sweep().RunAsync();
        var due = (await DeadlineAsync(extended)).DueDate;
        await _deadlines.ProposeExtensionAsync(_southEditor, extended, due.AddDays(30), "Data re-run", waitingSeen: null);
        await _deadlines.AgreeExtensionAsync(_linkEditor, extended, due.AddDays(30));
        await _deadlines.RecordAnswerAsync(_southEditor, answered, "Figures attached.", Today);
        SetToday(Today.AddDays(1));
        await Sweep().RunAsync();
        var planBefore = (await DeadlineAsync(extended)).ReminderPlanToken;
        Assert.True((await DeadlineAsync(extended)).NextReminderOn > Today.AddDays(1));

        // A one-off holiday between today and the "5 days before" reminders of both.
        var added = await _holidays.AddAsync(_admin, new DateOnly(2026, 10, 9), "Bank Holiday for a national occasion");

        Assert.True(added.Succeeded);
        Assert.Equal(Today, (await DeadlineAsync(moved)).NextReminderOn); // recounted: planned from the date received
        Assert.Equal(Today.AddDays(1), (await DeadlineAsync(extended)).NextReminderOn); // due date stays, reminders move
        Assert.NotEqual(planBefore, (await DeadlineAsync(extended)).ReminderPlanToken); // a sweep that read it before stores nothing
        Assert.Null((await DeadlineAsync(answered)).NextReminderOn);
        await Sweep().RunAsync();
        var calendar = await _holidays.GetAsync();
        var recounted = await DeadlineAsync(moved);
        Assert.Equal(ReminderPlanner.WorkingDaysBefore(recounted.DueDate, 5, calendar), recounted.NextReminderOn);
    }

    [Fact]
    public async Task SaveRuleAsync_RemindersChanged_OpenDeadlinesOfThatKindPlannedAgain()
    {
        var request = await LogAsync();
        var referral = await LogAsync(DeadlineKind.ScrutinyReferral, _scrutiny);
        await Sweep().RunAsync();
        var (requestDate, referralDate) = ((await DeadlineAsync(request)).NextReminderOn, (await DeadlineAsync(referral)).NextReminderOn);
        async Task<Outcome<int>> SaveAsync(string remindDaysBefore)
        {
            // The form as the admin opens it each time, with the version it was read at.
            await using var db = _database.CreateContext();
            var rule = await db.DeadlineRules.AsNoTracking().SingleAsync(r => r.Kind == DeadlineKind.InformationRequest);
            var input = DeadlineRuleInput.From(rule);
            input.RemindDaysBefore = remindDaysBefore;
            return await _deadlines.SaveRuleAsync(_admin, rule.Id, input);
        }

        Assert.True((await SaveAsync("5, 1")).Succeeded);
        Assert.Equal(requestDate, (await DeadlineAsync(request)).NextReminderOn); // reminders unchanged: nothing to plan

        Assert.True((await SaveAsync("10, 5, 1")).Succeeded);

        Assert.Equal(Today, (await DeadlineAsync(request)).NextReminderOn);
        Assert.Equal(referralDate, (await DeadlineAsync(referral)).NextReminderOn);
        await Sweep().RunAsync();
        var due = (await DeadlineAsync(request)).DueDate;
        Assert.Equal(Before(due, 10), (await DeadlineAsync(request)).NextReminderOn);
    }

    /// <summary>An extension to Fri 27 Nov 2026 of a request received today (statutory date Wed 28 Oct), planned again today.</summary>
    private async Task<int> ExtendedTo27NovemberAsync()
    {
        var id = await LogAsync();
        Assert.True((await _deadlines.ProposeExtensionAsync(_southEditor, id, new DateOnly(2026, 11, 27), "Data re-run", waitingSeen: null)).Succeeded);
        Assert.True((await _deadlines.AgreeExtensionAsync(_linkEditor, id, new DateOnly(2026, 11, 27))).Succeeded);
        Assert.Equal(Today, (await DeadlineAsync(id)).NextReminderOn);
        return id;
    }

    // A holiday on Fri 20 Nov moves the "5 days before" reminder of the extended date from that day to Thu 19 Nov, and no
    // date of the deadline: it is planned again, but not edited (its version stays, ADR 3). A sweep that checked the
    // calendar just before the change must still not store the date it worked out on the old one: the holiday change
    // renews the deadline's plan token, which the sweep's write checks.
    [Fact]
    public async Task RunAsync_HolidayAddedAfterTheSweepCheckedTheCalendar_StoresNoDateWorkedOutOnTheOldOne()
    {
        var id = await ExtendedTo27NovemberAsync();
        var version = (await DeadlineAsync(id)).Version;
        var holidayReads = 0;
        // The sweep reads the calendar before planning and again before writing: held after the second.
        var pause = new QueryPause(c => c.CommandText.Contains("\"BankHolidays\"", StringComparison.Ordinal) && Interlocked.Increment(ref holidayReads) == 2);
        var calendar = new BankHolidayCalendar(pause.Factory(_database), new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), _database.Clock);

        var sweeping = Task.Run(() => new ReminderSweep(_database.Factory, calendar, _database.Clock, NullLogger<ReminderSweep>.Instance).RunAsync());
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        Assert.True((await _holidays.AddAsync(_admin, new DateOnly(2026, 11, 20), "Day of mourning")).Succeeded);
        pause.Release();
        await sweeping;

        var deadline = await DeadlineAsync(id);
        Assert.Equal((Today, version), (deadline.NextReminderOn, deadline.Version));
        await Sweep().RunAsync();
        Assert.Equal(new DateOnly(2026, 11, 19), (await DeadlineAsync(id)).NextReminderOn);
    }

    // The same for a kind's reminder days changed while the sweep planned with the old ones.
    [Fact]
    public async Task RunAsync_KindsRemindersChangedWhileTheSweepPlanned_StoresNoDateWorkedOutWithTheOldOnes()
    {
        var id = await LogAsync();
        var (due, version) = ((await DeadlineAsync(id)).DueDate, (await DeadlineAsync(id)).Version);
        var pause = new QueryPause(c => c.CommandText.Contains("FROM \"DeadlineRules\"", StringComparison.Ordinal));

        var sweeping = Task.Run(() => new ReminderSweep(pause.Factory(_database), _holidays, _database.Clock, NullLogger<ReminderSweep>.Instance).RunAsync());
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        await using (var db = _database.CreateContext())
        {
            var rule = await db.DeadlineRules.AsNoTracking().SingleAsync(r => r.Kind == DeadlineKind.InformationRequest);
            var input = DeadlineRuleInput.From(rule);
            input.RemindDaysBefore = "10, 5, 1";
            Assert.True((await _deadlines.SaveRuleAsync(_admin, rule.Id, input)).Succeeded);
        }

        pause.Release();
        await sweeping;

        var deadline = await DeadlineAsync(id);
        Assert.Equal((Today, version), (deadline.NextReminderOn, deadline.Version));
        await Sweep().RunAsync();
        Assert.Equal(Before(due, 10), (await DeadlineAsync(id)).NextReminderOn);
    }

    // The sweep's write of a deadline's next date is its own bookkeeping, not an edit: a page read before it still saves,
    // so no conflict message can name anyone for it (ADR 3).
    [Fact]
    public async Task RunAsync_RemindersRecorded_APageReadBeforeStillSaves()
    {
        await using (var db = _database.CreateContext())
        {
            db.Users.Add(new ApplicationUser { Id = "martin", UserName = "martin", DisplayName = "Martin Hughes", OrganisationId = _linkEditor.OrganisationId!.Value, Role = UserRole.Editor });
            await db.SaveChangesAsync();
        }

        var id = await LogAsync();
        var seen = (await DeadlineAsync(id)).Version;
        SetToday(Before((await DeadlineAsync(id)).DueDate, 5));

        Assert.Equal(3, (await Sweep().RunAsync()).Recorded);

        var handedOver = await _deadlines.HandOverAsync(_linkEditor, id, new DeadlineHandOverInput { NewOwnerUserId = "martin", Version = seen });
        Assert.True(handedOver.Succeeded, handedOver.Problem);
    }

    [Fact]
    public async Task RunAsync_DemoPartnershipOverSixWeeks_SendsExactlyWhatPlanningEveryOpenDeadlineSends()
    {
        // The same demo data twice: one swept as it is now, one with every open deadline planned again before each sweep,
        // which is what the sweep did before it kept next reminder dates.
        await using var kept = await TestDatabase.CreateAsync(provider);
        await using var everything = await TestDatabase.CreateAsync(provider);
        foreach (var database in new[] { kept, everything })
        {
            await using var services = CoreServices.Build(database);
            await using var scope = services.CreateAsyncScope();
            await DemoPartnership.SeedAsync(
                scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>(), scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                database.Clock);
        }

        var start = UkTime.Today(kept.Clock);
        for (var day = 0; day < 42; day++)
        {
            foreach (var database in new[] { kept, everything })
            {
                var today = start.AddDays(day);
                database.Clock.SetUtcNow(new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
                if (database == everything)
                {
                    await using var db = database.CreateContext();
                    await ReminderSchedule.PlanAgainAsync(db.Deadlines, today);
                }

                var holidays = new BankHolidayCalendar(database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), database.Clock);
                await new ReminderSweep(database.Factory, holidays, database.Clock, NullLogger<ReminderSweep>.Instance).RunAsync();
            }
        }

        var sent = await DeliveriesAsync(kept);
        Assert.Equal(await DeliveriesAsync(everything), sent);
        Assert.True(sent.Count > 20, $"{sent.Count} deliveries: the demo data should exercise several steps");
        Assert.True(sent.Select(d => d.Step).Distinct().Count() >= 4);
    }

    private static async Task<List<(string Subject, string Step, string Recipient, DeliveryChannel Channel, DateOnly On)>> DeliveriesAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var rows = await (from r in db.ReminderDeliveries
                          join d in db.Deadlines on r.DeadlineId equals d.Id
                          select new { d.Subject, r.Step, r.Recipient, r.Channel, r.CreatedAt }).ToListAsync();
        // People by e-mail address: their ids differ between the two databases.
        var emails = await db.Users.ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id);
        return [.. rows.Select(r => (r.Subject, r.Step, emails.GetValueOrDefault(r.Recipient, r.Recipient), r.Channel, UkTime.Today(r.CreatedAt)))
            .Order()];
    }
}
