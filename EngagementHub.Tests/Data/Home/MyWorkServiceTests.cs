using EngagementHub.Core;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Home;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data.Home;

/// <summary>
/// The home page's read service over one small partnership, on SQLite and on PostgreSQL (see the nested classes).
/// Today is Monday 2 November 2026.
/// </summary>
public abstract class MyWorkServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : MyWorkServiceTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : MyWorkServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _database = default!;
    private MyWorkService _service = default!;
    private DeadlineService _deadlines = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private Organisation _east = default!;
    private Organisation _scrutiny = default!;
    private Organisation _cqc = default!;
    private int _overdueToSouth;
    private int _dueSoonToSouth;
    private int _laterToSouth;
    private int _overdueToEast;
    private int _linkProposed;
    private int _changeAsked;
    private int _southDecision;
    private int _eastDecision;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
        var now = _database.Clock.GetUtcNow();
        await using (var db = _database.CreateContext())
        {
            await BankHolidayCalendar.EnsureSeededAsync(db);
            await DeadlineService.EnsureRulesAsync(db);
            _link = new Organisation("Birmingham LINk", OrganisationKind.Link);
            _south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
            _east = new Organisation("NHS Birmingham East and North", OrganisationKind.Commissioner);
            _scrutiny = new Organisation("Health Overview and Scrutiny Committee", OrganisationKind.Scrutiny);
            _cqc = new Organisation("Care Quality Commission", OrganisationKind.Regulator);
            db.Organisations.AddRange(_link, _south, _east, _scrutiny, _cqc);
            await db.SaveChangesAsync();
            // Notifications belong to people with accounts.
            db.Users.AddRange(
                new ApplicationUser { Id = Editor(_south).UserId!, UserName = "south@example.org", DisplayName = "South's editor", OrganisationId = _south.Id },
                new ApplicationUser { Id = "someone-else", UserName = "else@example.org", DisplayName = "Someone else", OrganisationId = _east.Id });
            await db.SaveChangesAsync();
        }

        var access = new OrganisationAccess(new CapturingLoggerProvider().CreateLogger<OrganisationAccess>());
        _deadlines = new DeadlineService(_database.Factory, new BankHolidayCalendar(_database.Factory, access, _database.Clock), access,
            new AuditHistory(_database.Factory), _database.Clock);
        _service = new MyWorkService(_database.Factory, _database.Clock);

        _overdueToSouth = await LogAsync("Wheelchair waiting times", _south, new DateOnly(2026, 9, 1));
        _dueSoonToSouth = await LogAsync("Discharge delays", _south, new DateOnly(2026, 10, 15));
        _laterToSouth = await LogAsync("Stroke rehabilitation", _south, new DateOnly(2026, 11, 2));
        _overdueToEast = await LogAsync("Care home visits", _east, new DateOnly(2026, 9, 1));
        var answered = await LogAsync("Answered already", _south, new DateOnly(2026, 9, 1));
        Assert.True((await _deadlines.RecordAnswerAsync(Editor(_south), answered, "Sent.", new DateOnly(2026, 10, 1))).Succeeded);
        // The commissioner asks the LINk for more time on the one due soon: the LINk's to agree.
        Assert.True((await _deadlines.ProposeExtensionAsync(Editor(_south), _dueSoonToSouth, new DateOnly(2026, 11, 30), "The data team is away.")).Succeeded);

        await using (var db = _database.CreateContext())
        {
            // The LINk proposes option 2 on South's exercise (South's turn); South proposes option 4 on another and the
            // LINk asks for a change (South's turn again).
            var proposed = Exercise("Maternity voices", _south, new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 20));
            proposed.ProposeOption(AgreementSide.Link, 2, "We reach young mothers.", [], "Lena Khan", _link.Name, now);
            // It reports on 20 December, after the decision it informs on 15 December: a warning for South.
            var changed = Exercise("Podiatry review", _south, new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 20), new DateOnly(2026, 12, 15));
            changed.ProposeOption(AgreementSide.Commissioner, 4, "Quality assurance suits it.", [], "Sam Patel", _south.Name, now);
            changed.RequestChange(0, AgreementSide.Link, "Lena Khan", "We would rather contribute elements.", now);
            var easts = Exercise("East's own exercise", _east, new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 20));
            easts.ProposeOption(AgreementSide.Link, 5, "We comment.", [], "Lena Khan", _link.Name, now);
            db.Exercises.AddRange(proposed, changed, easts);

            // The LINk proposes this year's timetable to South and scrutiny; the LINk has agreed by proposing it.
            var timetable = new AnnualTimetable(new FinancialYear(2026));
            Assert.True(timetable.Propose([_south.Id, _scrutiny.Id], _link.Id, "Lena Khan", null, now).Succeeded);
            db.AnnualTimetables.Add(timetable);
            await db.SaveChangesAsync();
            _linkProposed = proposed.Id;
            _changeAsked = changed.Id;

            // South decides on 1 December, informed by "Maternity voices" (reports 20 November: ahead); East decides on
            // 10 December with nothing planned to inform it; a decision in June is beyond the next twelve weeks.
            var southDecision = Decision(_south, new DateOnly(2026, 12, 1), "Maternity service specification", proposed.Id);
            var eastDecision = Decision(_east, new DateOnly(2026, 12, 10), "Community services tender");
            db.TimetableEvents.AddRange(southDecision, eastDecision, Decision(_south, new DateOnly(2027, 6, 1), "Far off"));

            db.Notifications.AddRange(
                new Notification(Editor(_south).UserId!, "An option was proposed", "The LINk proposed option 2.", $"/exercises/{proposed.Id}", now.AddHours(-2)),
                new Notification(Editor(_south).UserId!, "Older news", "Read already.", null, now.AddDays(-3)),
                new Notification("someone-else", "Not yours", "Another person's.", null, now));
            await db.SaveChangesAsync();
            _southDecision = southDecision.Id;
            _eastDecision = eastDecision.Id;
            var read = await db.Notifications.SingleAsync(n => n.Title == "Older news");
            await db.Notifications.Where(n => n.Id == read.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now));
        }
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static Actor Editor(Organisation organisation) =>
        new($"user-{organisation.Id}", $"Editor of {organisation.Name}", organisation.Id, organisation.Name, UserRole.Editor);

    private static Actor Viewer(Organisation organisation) =>
        new($"viewer-{organisation.Id}", "Vic Viewer", organisation.Id, organisation.Name, UserRole.Viewer);

    private async Task<int> LogAsync(string subject, Organisation to, DateOnly received)
    {
        var rule = await _deadlines.RulesAsync();
        var outcome = await _deadlines.LogAsync(Editor(_link), new DeadlineInput
        {
            RuleId = rule.Single(r => r.Kind == DeadlineKind.InformationRequest).Id,
            Subject = subject,
            ToOrganisationId = to.Id,
            Received = received,
        });
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        return outcome.Value;
    }

    private EngagementExercise Exercise(string title, Organisation lead, DateOnly start, DateOnly end, DateOnly? decision = null) =>
        new(new ExerciseDetails
        {
            Title = title,
            Purpose = "Hear from the people who use the service.",
            LeadCommissionerId = lead.Id,
            DecisionInformed = "The board's decision",
            StartDate = start,
            EndDate = end,
            DecisionDate = decision,
        }, _link.Id, lead.Id, _database.Clock.GetUtcNow());

    private TimetableEvent Decision(Organisation organisation, DateOnly date, string title, params int[] exercises) =>
        new(new TimetableEventDetails
        {
            OrganisationId = organisation.Id,
            Kind = TimetableEventKind.DecisionPoint,
            Title = title,
            StartDate = date,
            ExerciseIds = [.. exercises],
        }, _database.Clock.GetUtcNow());

    [Fact]
    public async Task ForAsync_Commissioner_ListsWhatItOwesOverdueFirstAndNothingAnsweredLaterOrOthers()
    {
        var work = (await _service.ForAsync(Editor(_south)))!;

        Assert.Equal(["Wheelchair waiting times", "Discharge delays"], work.Deadlines.Select(d => d.Title));
        Assert.Equal(1, work.OverdueCount);
        Assert.True(work.Deadlines[0].Urgent);
        Assert.Equal($"/deadlines/{_overdueToSouth}", work.Deadlines[0].Href);
        Assert.Equal("Acknowledge it and record the answer: it is late.", work.Deadlines[0].NextStep);
        Assert.Equal("Acknowledge it, then record the answer by Wed 11 Nov 2026.", work.Deadlines[1].NextStep);
        Assert.Contains("from Birmingham LINk", work.Deadlines[1].Detail);
        Assert.DoesNotContain(work.Deadlines, d => d.Href == $"/deadlines/{_laterToSouth}" || d.Href == $"/deadlines/{_overdueToEast}");
    }

    [Fact]
    public async Task ForAsync_Link_ListsWhatItIsOwedByEveryone()
    {
        var work = (await _service.ForAsync(Editor(_link)))!;

        Assert.True(work.IsLink);
        Assert.Equal(["Wheelchair waiting times", "Care home visits", "Discharge delays"], work.Deadlines.Select(d => d.Title));
        Assert.Equal(2, work.OverdueCount);
        Assert.Contains("escalate", work.Deadlines[0].NextStep);
        Assert.Contains("to NHS Birmingham East and North", work.Deadlines[1].Detail);
    }

    [Fact]
    public async Task ForAsync_Commissioner_AwaitsItsAgreementOnTheOptionTheChangeRequestAndTheTimetableButNotItsOwnExtension()
    {
        var work = (await _service.ForAsync(Editor(_south)))!;

        Assert.Equal([$"/exercises/{_linkProposed}", $"/exercises/{_changeAsked}", "/timetable?year=2026"], work.Agreements.Select(a => a.Href));
        Assert.Contains("proposed Option 2", work.Agreements[0].Detail);
        Assert.Equal("Agree the option, or ask for a change.", work.Agreements[0].NextStep);
        Assert.Contains("We would rather contribute elements.", work.Agreements[1].Detail);
        Assert.Equal("The 2026/27 timetable", work.Agreements[2].Title);
        Assert.Contains("2 of 3 still to agree", work.Agreements[2].Detail);
    }

    [Fact]
    public async Task ForAsync_Link_AwaitsItsAgreementOnTheCommissionersExtensionOnly()
    {
        var work = (await _service.ForAsync(Editor(_link)))!;

        var item = Assert.Single(work.Agreements);
        Assert.Equal($"/deadlines/{_dueSoonToSouth}", item.Href);
        Assert.Contains("Mon 30 Nov 2026", item.Detail);
        Assert.Contains("The data team is away.", item.Detail);
    }

    [Fact]
    public async Task ForAsync_Scrutiny_AwaitsItsAgreementOnTheTimetableYear()
    {
        var work = (await _service.ForAsync(Editor(_scrutiny)))!;

        Assert.Equal(["The 2026/27 timetable"], work.Agreements.Select(a => a.Title));
        Assert.Empty(work.Deadlines);
        Assert.Empty(work.Decisions);
    }

    [Fact]
    public async Task ForAsync_Decisions_CommissionerSeesItsOwnWithTheVerdict_LinkSeesEvery()
    {
        var south = (await _service.ForAsync(Editor(_south)))!;
        var link = (await _service.ForAsync(Editor(_link)))!;

        var decision = Assert.Single(south.Decisions);
        Assert.Equal(_southDecision, decision.Outlook.Decision.Id);
        Assert.Equal(InputTiming.Ahead, decision.Outlook.Timing);
        Assert.Equal("Input lands 11 days before", decision.Outlook.Summary);
        Assert.Equal([_southDecision, _eastDecision], link.Decisions.Select(d => d.Outlook.Decision.Id));
        Assert.Equal(InputTiming.NoEngagement, link.Decisions[1].Outlook.Timing);
        Assert.Equal("Plan engagement to inform it, or link the exercise that does.", link.Decisions[1].NextStep);
    }

    [Fact]
    public async Task ForAsync_Warnings_OnlyThoseAboutTheOrganisationsDecisionsAndExercises()
    {
        var south = (await _service.ForAsync(Editor(_south)))!;
        var east = (await _service.ForAsync(Editor(_east)))!;

        Assert.Contains(south.Warnings, w => w.Title == "Input lands after the decision" && w.Href == $"/exercises/{_changeAsked}");
        Assert.DoesNotContain(south.Warnings, w => w.Href == $"/timetable/events/{_eastDecision}");
        Assert.Contains(east.Warnings, w => w.Href == $"/timetable/events/{_eastDecision}");
    }

    [Fact]
    public async Task ForAsync_Unread_ListsThePersonsOwnUnreadNotificationsOnly()
    {
        var work = (await _service.ForAsync(Editor(_south)))!;

        var unread = Assert.Single(work.Unread);
        Assert.Equal("An option was proposed", unread.Title);
        Assert.Equal(1, work.UnreadCount);
    }

    [Fact]
    public async Task ForAsync_Viewer_SeesTheOrganisationsWorkWithStepsForItsEditors()
    {
        var work = (await _service.ForAsync(Viewer(_south)))!;

        Assert.False(work.CanAct);
        Assert.Equal(2, work.Deadlines.Count);
        Assert.All(work.Deadlines, d => Assert.Equal("Your organisation's editors acknowledge and answer it.", d.NextStep));
        Assert.StartsWith("Editors of NHS South Birmingham", work.Agreements[0].NextStep);
        Assert.Null(work.FailedReminders);
    }

    [Fact]
    public async Task ForAsync_OrganisationWithNothingToDo_IsEmptyEverywhere()
    {
        var work = (await _service.ForAsync(Editor(_cqc)))!;

        Assert.Empty(work.Deadlines);
        Assert.Empty(work.Agreements);
        Assert.Empty(work.Decisions);
        Assert.Empty(work.Warnings);
        Assert.Empty(work.Unread);
    }

    [Fact]
    public async Task ForAsync_Admin_CountsFailedReminderEmails()
    {
        var admin = new Actor("user-admin", "Ada Admin", _link.Id, _link.Name, UserRole.Admin);

        var work = (await _service.ForAsync(admin))!;

        Assert.Equal(0, work.FailedReminders);
        Assert.Null(await _service.ForAsync(Actor.System));
    }
}
