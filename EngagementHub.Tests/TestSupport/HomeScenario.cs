using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// A small partnership on Monday 2 November 2026 with something waiting on each side, what the home page's tests start
/// from. The LINk has sent South an overdue request, one due soon (whose extension South proposed) and one due later,
/// and East an overdue one; it proposed option 2 on South's "Maternity voices", and asked for a change to South's
/// option 4 on "Podiatry review" (which reports after its decision); it proposed the 2026/27 timetable to South and
/// scrutiny. South decides on 1 December (informed in time), East on 10 December (nothing planned). South's editor has
/// one unread notification and one read. The regulator has nothing waiting.
/// </summary>
public sealed class HomeScenario
{
    public static readonly DateTimeOffset Now = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    private HomeScenario()
    {
    }

    public Organisation Link { get; private set; } = default!;
    public Organisation South { get; private set; } = default!;
    public Organisation East { get; private set; } = default!;
    public Organisation Scrutiny { get; private set; } = default!;
    public Organisation Regulator { get; private set; } = default!;
    public int OverdueToSouth { get; private set; }
    public int DueSoonToSouth { get; private set; }
    public int LaterToSouth { get; private set; }
    public int OverdueToEast { get; private set; }
    public int LinkProposed { get; private set; }
    public int ChangeAsked { get; private set; }
    public int SouthDecision { get; private set; }
    public int EastDecision { get; private set; }

    public static Actor Editor(Organisation organisation) =>
        new($"user-{organisation.Id}", $"Editor of {organisation.Name}", organisation.Id, organisation.Name, UserRole.Editor);

    public static Actor Viewer(Organisation organisation) =>
        new($"viewer-{organisation.Id}", "Vic Viewer", organisation.Id, organisation.Name, UserRole.Viewer);

    /// <summary>
    /// A database of the test's own holding the scenario: a copy of one seeded once per test run and provider
    /// (<see cref="TestDatabase.CreateSeededAsync"/>). <see cref="LoadAsync"/> reads the scenario back from it.
    /// </summary>
    public static Task<TestDatabase> DatabaseAsync(DatabaseProvider provider) =>
        TestDatabase.CreateSeededAsync(provider, nameof(HomeScenario), template => SeedAsync(template));

    /// <summary>The scenario in <paramref name="database"/> (from <see cref="DatabaseAsync"/>), its clock set to <see cref="Now"/>.</summary>
    public static async Task<HomeScenario> LoadAsync(TestDatabase database)
    {
        database.Clock.SetUtcNow(Now);
        await using var db = database.CreateContext();
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Name);
        var deadlines = await db.Deadlines.AsNoTracking().ToDictionaryAsync(d => d.Subject, d => d.Id);
        var exercises = await db.Exercises.AsNoTracking().ToDictionaryAsync(e => e.Title, e => e.Id);
        var decisions = await db.TimetableEvents.AsNoTracking().ToDictionaryAsync(e => e.Title, e => e.Id);
        return new HomeScenario
        {
            Link = organisations["Birmingham LINk"], South = organisations["NHS South Birmingham"],
            East = organisations["NHS Birmingham East and North"], Scrutiny = organisations["Health Overview and Scrutiny Committee"],
            Regulator = organisations["Care Quality Commission"],
            OverdueToSouth = deadlines["Wheelchair waiting times"], DueSoonToSouth = deadlines["Discharge delays"],
            LaterToSouth = deadlines["Stroke rehabilitation"], OverdueToEast = deadlines["Care home visits"],
            LinkProposed = exercises["Maternity voices"], ChangeAsked = exercises["Podiatry review"],
            SouthDecision = decisions["Maternity service specification"], EastDecision = decisions["Community services tender"],
        };
    }

    private static async Task<HomeScenario> SeedAsync(TestDatabase database)
    {
        var s = new HomeScenario();
        database.Clock.SetUtcNow(Now);
        await using (var db = database.CreateContext())
        {
            await DeadlineService.EnsureRulesAsync(db);
            s.Link = new Organisation("Birmingham LINk", OrganisationKind.Link);
            s.South = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
            s.East = new Organisation("NHS Birmingham East and North", OrganisationKind.Commissioner);
            s.Scrutiny = new Organisation("Health Overview and Scrutiny Committee", OrganisationKind.Scrutiny);
            s.Regulator = new Organisation("Care Quality Commission", OrganisationKind.Regulator);
            db.Organisations.AddRange(s.Link, s.South, s.East, s.Scrutiny, s.Regulator);
            await db.SaveChangesAsync();
            // Notifications belong to people with accounts.
            db.Users.AddRange(
                new ApplicationUser { Id = Editor(s.South).UserId!, UserName = "south@example.org", DisplayName = "South's editor", OrganisationId = s.South.Id },
                new ApplicationUser { Id = "someone-else", UserName = "else@example.org", DisplayName = "Someone else", OrganisationId = s.East.Id });
            await db.SaveChangesAsync();
        }

        var access = new OrganisationAccess(new CapturingLoggerProvider().CreateLogger<OrganisationAccess>());
        var deadlines = new DeadlineService(database.Factory, new BankHolidayCalendar(database.Factory, access, database.Clock), access,
            database.Clock);
        var request = (await deadlines.RulesAsync()).Single(r => r.Kind == DeadlineKind.InformationRequest).Id;
        async Task<int> LogAsync(string subject, Organisation to, DateOnly received)
        {
            var outcome = await deadlines.LogAsync(Editor(s.Link), new DeadlineInput { RuleId = request, Subject = subject, ToOrganisationId = to.Id, Received = received });
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
            return outcome.Value;
        }

        s.OverdueToSouth = await LogAsync("Wheelchair waiting times", s.South, new DateOnly(2026, 9, 1));
        s.DueSoonToSouth = await LogAsync("Discharge delays", s.South, new DateOnly(2026, 10, 15));
        s.LaterToSouth = await LogAsync("Stroke rehabilitation", s.South, new DateOnly(2026, 11, 2));
        s.OverdueToEast = await LogAsync("Care home visits", s.East, new DateOnly(2026, 9, 1));
        var answered = await LogAsync("Answered already", s.South, new DateOnly(2026, 9, 1));
        Assert.True((await deadlines.RecordAnswerAsync(Editor(s.South), answered, "Sent.", new DateOnly(2026, 10, 1))).Succeeded);
        Assert.True((await deadlines.ProposeExtensionAsync(Editor(s.South), s.DueSoonToSouth, new DateOnly(2026, 11, 30), "The data team is away.", waitingSeen: null)).Succeeded);

        await using (var db = database.CreateContext())
        {
            var proposed = s.Exercise("Maternity voices", s.South, new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 20));
            proposed.ProposeOption(AgreementSide.Link, 2, "We reach young mothers.", [], "Lena Khan", s.Link.Name, Now);
            var changed = s.Exercise("Podiatry review", s.South, new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 20), new DateOnly(2026, 12, 15));
            changed.ProposeOption(AgreementSide.Commissioner, 4, "Quality assurance suits it.", [], "Sam Patel", s.South.Name, Now);
            changed.RequestChange(0, AgreementSide.Link, "Lena Khan", "We would rather contribute elements.", Now);
            var easts = s.Exercise("East's own exercise", s.East, new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 20));
            easts.ProposeOption(AgreementSide.Link, 5, "We comment.", [], "Lena Khan", s.Link.Name, Now);
            db.Exercises.AddRange(proposed, changed, easts);

            var timetable = new AnnualTimetable(new FinancialYear(2026));
            Assert.True(timetable.Propose([s.South.Id, s.Scrutiny.Id], s.Link.Id, "Lena Khan", null, Now).Succeeded);
            db.AnnualTimetables.Add(timetable);
            await db.SaveChangesAsync();
            s.LinkProposed = proposed.Id;
            s.ChangeAsked = changed.Id;

            var southDecision = Decision(s.South, new DateOnly(2026, 12, 1), "Maternity service specification", proposed.Id);
            var eastDecision = Decision(s.East, new DateOnly(2026, 12, 10), "Community services tender");
            db.TimetableEvents.AddRange(southDecision, eastDecision, Decision(s.South, new DateOnly(2027, 6, 1), "Far off"));
            db.Notifications.AddRange(
                new Notification(Editor(s.South).UserId!, s.South.Id, "An option was proposed", "The LINk proposed option 2.", PageLink.Exercise(proposed.Id), Now.AddHours(-2)),
                new Notification(Editor(s.South).UserId!, s.South.Id, "Older news", "Read already.", null, Now.AddDays(-3)),
                new Notification("someone-else", s.East.Id, "Not yours", "Another person's.", null, Now));
            await db.SaveChangesAsync();
            s.SouthDecision = southDecision.Id;
            s.EastDecision = eastDecision.Id;
            await db.Notifications.Where(n => n.Title == "Older news").ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, Now));
        }

        return s;
    }

    private EngagementExercise Exercise(string title, Organisation lead, DateOnly start, DateOnly end, DateOnly? decision = null) =>
        new(new ExerciseInput
        {
            Title = title,
            Purpose = "Hear from the people who use the service.",
            LeadCommissionerId = lead.Id,
            DecisionInformed = "The board's decision",
            StartDate = start,
            EndDate = end,
            DecisionDate = decision,
        }, Link.Id, lead.Id, Now);

    private static TimetableEvent Decision(Organisation organisation, DateOnly date, string title, params int[] exercises) =>
        new(new TimetableEventInput
        {
            OrganisationId = organisation.Id,
            Kind = TimetableEventKind.DecisionPoint,
            Title = title,
            StartDate = date,
            ExerciseIds = [.. exercises],
        }, Now);
}
