using EngagementHub.Core.Reminders;
using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Data.Demo;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Data;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class DemoPartnershipTests(DatabaseProvider provider)
{
    public sealed class Sqlite() : DemoPartnershipTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : DemoPartnershipTests(DatabaseProvider.PostgreSql);

    [Fact]
    public async Task SeedAsync_EmptyDatabase_SeedsThePartnershipByKind()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.Build(database);

        Assert.True(await SeedAsync(services, database));

        await using var db = database.CreateContext();
        var kinds = await db.Organisations.GroupBy(o => o.Kind).ToDictionaryAsync(g => g.Key, g => g.Count());
        Assert.Equal(22, kinds.Values.Sum());
        Assert.Equal(
            new Dictionary<OrganisationKind, int>
            {
                [OrganisationKind.Link] = 1,
                [OrganisationKind.Commissioner] = 4,
                [OrganisationKind.Partnership] = 2,
                [OrganisationKind.Scrutiny] = 1,
                [OrganisationKind.Provider] = 2,
                [OrganisationKind.VoluntarySector] = 1,
                [OrganisationKind.Regulator] = 1,
                [OrganisationKind.Locality] = 10,
            },
            kinds);
    }

    [Fact]
    public async Task SeedAsync_EmptyDatabase_SendsEachDeadlineToAKindOfOrganisationItsKindGoesTo()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.Build(database);
        Assert.True(await SeedAsync(services, database));

        await using var db = database.CreateContext();
        var sent = await (from d in db.Deadlines
                          join o in db.Organisations on d.ToOrganisationId equals o.Id
                          select new { d.Subject, d.Kind, Recipient = o.Kind }).ToListAsync();
        Assert.NotEmpty(sent);
        Assert.All(sent, d => Assert.True(DeadlineRule.RecipientKinds(d.Kind).Contains(d.Recipient), $"{d.Subject}: {d.Kind} sent to {d.Recipient}"));
    }

    // The demo dates its records in the past weeks; their history's first entry said the system made them on the day of seeding.
    [Fact]
    public async Task SeedAsync_EmptyDatabase_EachRecordsHistoryStartsWhenAndByWhomItWasMade()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.Build(database);
        Assert.True(await SeedAsync(services, database));

        await using var db = database.CreateContext();
        var logged = await db.Deadlines.Select(d => new { Id = d.Id.ToString(), d.CreatedAt }).ToListAsync();
        var added = await db.AuditEntries.Where(a => a.EntityType == nameof(ResponseDeadline) && a.Action == EngagementHub.Core.Auditing.AuditAction.Added)
            .Select(a => new { a.EntityId, a.At }).ToListAsync();
        Assert.NotEmpty(logged);
        Assert.All(logged, d => Assert.Equal(d.CreatedAt, Assert.Single(added, a => a.EntityId == d.Id).At));
        Assert.Contains(logged, d => d.CreatedAt < database.Clock.GetUtcNow().AddDays(-1));

        // An option proposed and an issue raised by a person of the demo: made then, and by them, not by the system.
        var proposals = await db.JointWorkingProposals.Select(p => new { Id = p.Id.ToString(), p.ProposedAt, p.ProposedByName }).ToListAsync();
        var proposed = await db.AuditEntries.Where(a => a.EntityType == "JointWorkingProposal" && a.Action == EngagementHub.Core.Auditing.AuditAction.Added)
            .Select(a => new { a.EntityId, a.At, a.UserName }).ToListAsync();
        Assert.NotEmpty(proposals);
        Assert.All(proposals, p => Assert.Equal((p.ProposedAt, p.ProposedByName), Assert.Single(proposed, a => a.EntityId == p.Id) is var a ? (a.At, a.UserName) : default));
        var issues = await db.RaisedIssues.Select(i => new { Id = i.Id.ToString(), i.RecordedAt, i.RecordedBy }).ToListAsync();
        var raised = await db.AuditEntries.Where(a => a.EntityType == "RaisedIssue" && a.Action == EngagementHub.Core.Auditing.AuditAction.Added)
            .Select(a => new { a.EntityId, a.At, a.UserName }).ToListAsync();
        Assert.NotEmpty(issues);
        Assert.All(issues, i => Assert.Equal((i.RecordedAt, i.RecordedBy), Assert.Single(raised, a => a.EntityId == i.Id) is var a ? (a.At, a.UserName) : default));
    }

    [Fact]
    public async Task SeedAsync_EmptyDatabase_CreatesTheSixDemoAccounts()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.Build(database);

        await SeedAsync(services, database);

        await using var db = database.CreateContext();
        var accounts = await db.Users
            .Join(db.Organisations, u => u.OrganisationId, o => o.Id, (u, o) => new { u.Email, u.DisplayName, u.Role, Organisation = o.Name, u.EmailConfirmed, u.IsDisabled })
            .ToListAsync();
        Assert.Equal(
            [
                (DemoAccounts.Admin, UserRole.Admin, DemoPartnership.BeBirminghamName),
                (DemoAccounts.Commissioner, UserRole.Editor, DemoPartnership.SouthBirminghamName),
                (DemoAccounts.Council, UserRole.Editor, DemoPartnership.AdultsAndCommunitiesName),
                (DemoAccounts.Link, UserRole.Editor, DemoPartnership.LinkName),
                (DemoAccounts.Scrutiny, UserRole.Editor, DemoPartnership.ScrutinyName),
                (DemoAccounts.Viewer, UserRole.Viewer, DemoPartnership.BvscName),
            ],
            accounts.Select(a => (a.Email!, a.Role, a.Organisation)).OrderBy(a => a.Item1, StringComparer.Ordinal));
        Assert.All(accounts, a => Assert.True(a.EmailConfirmed && !a.IsDisabled));
    }

    [Fact]
    public async Task SeedAsync_EveryDemoAccount_SignsInWithTheDemoPassword()
    {
        await using var database = await SeededAsync();
        await using var services = CoreServices.Build(database);

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        // The password is hashed once and the hash shared: every account, not only the first, must take it.
        foreach (var (email, _, _, _) in DemoPartnership.Accounts)
        {
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.True(await users.CheckPasswordAsync(user, DemoPartnership.Password), email);
            Assert.False(await users.CheckPasswordAsync(user, DemoPartnership.Password + "x"), email);
        }
    }

    [Fact]
    public async Task SeedAsync_StoppedPartWay_LeavesNothingAndTheNextStartSeeds()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.Build(database);
        using var stop = new CancellationTokenSource();
        // The seed reads the clock once per account and once per feature: the tenth read is after the exercises,
        // deadlines, work programme and timetable are saved, as the host's stopping token would cancel a start part-way.
        var clock = new StoppingClock(database.Clock, stop, atRead: 10);

        await using (var scope = services.CreateAsyncScope())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DemoPartnership.SeedAsync(
                scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>(),
                scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                clock,
                stop.Token));
        }

        Assert.True(stop.IsCancellationRequested);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(0, await db.Organisations.CountAsync());
            Assert.Equal(0, await db.Users.CountAsync());
            Assert.Equal(0, await db.Exercises.CountAsync());
            Assert.Equal(0, await db.Deadlines.CountAsync());
        }

        Assert.True(await SeedAsync(services, database));
        await using var seeded = database.CreateContext();
        Assert.Equal(22, await seeded.Organisations.CountAsync());
    }

    [Fact]
    public async Task SeedAsync_SecondCall_SeedsNothing()
    {
        await using var database = await SeededAsync();
        await using var services = CoreServices.Build(database);
        int eventsBefore;
        await using (var before = database.CreateContext())
        {
            eventsBefore = await before.TimetableEvents.CountAsync();
        }

        var seededAgain = await SeedAsync(services, database);

        Assert.False(seededAgain);
        await using var db = database.CreateContext();
        Assert.Equal(22, await db.Organisations.CountAsync());
        Assert.Equal(DemoPartnership.Accounts.Count, await db.Users.CountAsync());
        Assert.Equal(1, await db.AnnualTimetables.CountAsync());
        Assert.Equal(eventsBefore, await db.TimetableEvents.CountAsync());
    }

    [Theory]
    [InlineData(DemoAccounts.Commissioner, DemoPartnership.SouthBirminghamName)]
    [InlineData(DemoAccounts.Council, DemoPartnership.AdultsAndCommunitiesName)]
    public async Task SeedAsync_CommissionerWithADemoAccount_ThatPersonReceivesTheLinkRequestsAndIsRemindedInTheApp(string email, string organisation)
    {
        await using var database = await SeededAsync();
        await using var services = CoreServices.Build(database);

        await using (var db = database.CreateContext())
        {
            var account = await db.Users.SingleAsync(u => u.Email == email);
            var designated = await db.Organisations.Where(o => o.Name == organisation)
                .SelectMany(o => o.Contacts).Where(c => c.ReceivesLinkRequests).ToListAsync();
            var contact = Assert.Single(designated);
            Assert.Equal((account.DisplayName, email), (contact.Name, contact.Email));
        }

        // The demo's open deadlines to that organisation are overdue: the start-up sweep reminds its contact in the app.
        var sweep = new ReminderSweep(database.Factory,
            new BankHolidayCalendar(database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), database.Clock),
            database.Clock, NullLogger<ReminderSweep>.Instance);
        await sweep.RunAsync();

        await using var check = database.CreateContext();
        var userId = await check.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        Assert.NotEmpty(await check.Notifications.Where(n => n.UserId == userId).ToListAsync());
        Assert.Contains(await check.ReminderDeliveries.Where(d => d.Channel == DeliveryChannel.Email).Select(d => d.Recipient).ToListAsync(), r => r == email);
    }

    [Fact]
    public async Task SeedAsync_Timetable_PublishesAtLeastTwentyPublicEventsInsideTheFinancialYear()
    {
        await using var database = await SeededAsync();
        await using var services = CoreServices.Build(database);

        var year = await Timetable(services).YearAsync(new FinancialYear(2026));

        Assert.True(year.Events.Count(e => e.Visibility == EventVisibility.Public) >= 20);
        Assert.All(year.Events, e => Assert.True(
            year.Year.Contains(e.StartDate) && year.Year.Contains(e.EndDate), $"'{e.Title}' ({e.When}) is outside 2026/27."));
        Assert.Contains(year.Events, e => e.IsTimed);
        Assert.Contains(year.Events, e => !e.IsTimed && e.StartDate == e.EndDate);
        Assert.Contains(year.Events, e => e.EndDate > e.StartDate);
        Assert.Contains(year.Events, e => !e.IsFormal);
        Assert.Contains(year.Events, e => e.IsMovable);
        Assert.Contains(year.Events, e => e.Visibility == EventVisibility.Partnership);
    }

    [Fact]
    public async Task SeedAsync_Timetable_GivesEveryCommissionerAGeneratedCycleAndDecisions()
    {
        await using var database = await SeededAsync();
        await using var services = CoreServices.Build(database);

        var year = await Timetable(services).YearAsync(new FinancialYear(2026));

        var commissioners = year.Organisations.Values.Where(o => o.Kind == OrganisationKind.Commissioner).ToList();
        Assert.Equal(4, commissioners.Count);
        Assert.All(commissioners, c =>
        {
            var events = year.Events.Where(e => e.OrganisationId == c.Id).ToList();
            Assert.Contains(events, e => e.CycleTemplateId is not null && e.CycleStage is not null);
            Assert.Contains(events, e => e.Kind == TimetableEventKind.DecisionPoint && e.ExerciseIds.Count > 0);
            Assert.Contains(events, e => e.Kind == TimetableEventKind.BoardMeeting);
        });
        await using var db = database.CreateContext();
        var templates = await db.CycleTemplates.ToDictionaryAsync(t => t.Id, t => t.Name);
        Assert.Equal(
            [StandardCycles.FourStage, StandardCycles.WorldClassCommissioning],
            year.Events.Where(e => e.CycleTemplateId is not null).Select(e => templates[e.CycleTemplateId!.Value]).Distinct().Order());
    }

    [Fact]
    public async Task SeedAsync_Timetable_IsAgreedByEveryPlanningPartnerAndPublishedThenChangedOnce()
    {
        await using var database = await SeededAsync();
        await using var services = CoreServices.Build(database);

        var year = await Timetable(services).YearAsync(new FinancialYear(2026));

        var timetable = year.Timetable!;
        Assert.Equal(TimetableStatus.Agreed, timetable.Status);
        Assert.True(timetable.IsPublished);
        Assert.Equal(DemoPartnership.LinkName, year.Organisations[timetable.ProposedByOrganisationId!.Value].Name);
        var planners = year.Organisations.Values.Where(o => TimetableAgreementService.AgreesByDefault(o.Kind)).Select(o => o.Id).Order();
        Assert.Equal(planners, timetable.CurrentAgreements.Select(a => a.OrganisationId).Order());
        Assert.All(timetable.CurrentAgreements, a => Assert.True(a.AgreedAt < new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.True(timetable.ChangedSinceAgreement);
        var change = Assert.Single(timetable.Changes);
        Assert.StartsWith("'PCT Board (public session)' moved from Thu 8 Oct 2026", change.Summary);
        Assert.True(change.At > timetable.AgreedAt);
    }

    [Fact]
    public async Task SeedAsync_Timetable_ShowsEachKindOfPlannersWarning()
    {
        await using var database = await SeededAsync();
        await using var services = CoreServices.Build(database);

        var year = await Timetable(services).YearAsync(new FinancialYear(2026));

        Assert.Equal(Enum.GetValues<TimetableWarningKind>(), year.Warnings.Select(w => w.Kind).Distinct().Order());
        Assert.Contains(year.Warnings, w => w.Kind == TimetableWarningKind.LateInput && w.Message.StartsWith("'Urgent care in Northfield'", StringComparison.Ordinal));
        Assert.Contains(year.Warnings, w => w.Kind == TimetableWarningKind.ConsultationFatigue
                                            && w.Message.Contains("'Maternity choices'", StringComparison.Ordinal)
                                            && w.Message.Contains("'Sexual health services in the inner city'", StringComparison.Ordinal));
        Assert.Contains(year.Warnings, w => w.Kind == TimetableWarningKind.CommunityGap && w.Message.Contains("Deaf and hard of hearing people", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SeedAsync_Timetable_LeavesNextYearToBeProposed()
    {
        await using var database = await SeededAsync();
        await using var services = CoreServices.Build(database);

        await using var db = database.CreateContext();
        Assert.False(await db.AnnualTimetables.AnyAsync(t => t.Year == 2027));
    }

    [Fact]
    public async Task SeedAsync_OnASaturday_EveryAccountHasRecentNotificationsSomeUnreadAndNeedingThem()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        database.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 10, 10, 0, 0, TimeSpan.Zero));
        await using var services = CoreServices.Build(database);
        await SeedAsync(services, database);

        await using var db = database.CreateContext();
        var now = database.Clock.GetUtcNow();
        var notifications = await db.Notifications.AsNoTracking().Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new { u.Email, n.Category, n.NeedsAction, n.ReadAt, n.CreatedAt, n.Link })
            .ToListAsync();
        foreach (var account in new[] { DemoAccounts.Link, DemoAccounts.Commissioner, DemoAccounts.Council, DemoAccounts.Scrutiny, DemoAccounts.Viewer })
        {
            Assert.True(notifications.Any(n => n.Email == account && n.ReadAt == null), $"{account} has an unread notification");
        }

        Assert.All(notifications, n => Assert.True(n.CreatedAt <= now && n.CreatedAt > now.AddDays(-60) && n.Link is not null));
        Assert.True(notifications.Select(n => n.Category).Distinct().Count() >= 4);
        foreach (var account in new[] { DemoAccounts.Link, DemoAccounts.Commissioner, DemoAccounts.Council })
        {
            Assert.True(notifications.Any(n => n.Email == account && n.NeedsAction && n.ReadAt == null), $"{account} has an unread one that needs them");
        }
    }

    [Fact]
    public async Task SeedAsync_OnASaturday_ReminderHistoryAFailedEmailForTheLogAndADigestAlreadySent()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        database.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 10, 10, 0, 0, TimeSpan.Zero));
        await using var services = CoreServices.Build(database);
        await SeedAsync(services, database);

        await using var db = database.CreateContext();
        var deliveries = await db.ReminderDeliveries.AsNoTracking().ToListAsync();
        Assert.Contains(deliveries, d => d.DeadlineId != null && d.Channel == DeliveryChannel.Email && d.Status == DeliveryStatus.Sent && d.Step == "due");
        Assert.Contains(deliveries, d => d.DeadlineId != null && d.Channel == DeliveryChannel.InApp && d.Status == DeliveryStatus.Sent);
        Assert.DoesNotContain(deliveries, d => d.Status is DeliveryStatus.Pending or DeliveryStatus.Sending);
        var commissioner = await db.Users.Where(u => u.Email == DemoAccounts.Commissioner).Select(u => u.Id).SingleAsync();
        var digest = Assert.Single(deliveries, d => d.WindowEnd != null);
        Assert.Equal((commissioner, DeliveryStatus.Sent, "digest-weekly"), (digest.Recipient, digest.Status, digest.Step));
        Assert.True(digest.WindowEnd <= database.Clock.GetUtcNow());
        Assert.True(await DigestSweep.Items(db, commissioner, [NotificationCategory.Timetable], digest.WindowStart!.Value, digest.WindowEnd!.Value).CountAsync() >= 1);

        var admin = await db.Users.Where(u => u.Email == DemoAccounts.Admin).Select(u => new { u.Id, u.OrganisationId }).SingleAsync();
        var mailer = new ReminderMailer(database.Factory, new RecordingEmailSender(), new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), database.Clock,
            NullLogger<ReminderMailer>.Instance, database.Preferences(), Microsoft.Extensions.Options.Options.Create(new EngagementHubOptions()), new EngagementHub.Web.Components.Shared.PageLinks(),
            services.GetRequiredService<IDeadlineReminders>(), services.GetRequiredService<IOutstandingWork>());
        var failed = await mailer.FailedAsync(new Actor(admin.Id, "Alex Admin", admin.OrganisationId, DemoPartnership.BeBirminghamName, UserRole.Admin));
        var listed = Assert.Single(failed);
        Assert.Equal(DemoNotifications.MoseleySubject, listed.DeadlineSubject);

        // What the demo says was sent is not sent again: that digest's window is done, and the weekend sweep records nothing.
        Assert.Empty(await services.GetRequiredService<DigestSweep>().RunAsync());
    }

    [Fact]
    public async Task SeedAsync_EmptyDatabase_RegisterShowsDoneInProgressDroppedAndAMissedPlannedDate()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.Zero));
        await using var services = CoreServices.Build(database);
        await SeedAsync(services, database);

        var register = await services.GetRequiredService<YouSaidWeDidRegister>().ListAsync(new RegisterFilter());

        Assert.Contains(register, e => e.Stage == RegisterStage.Done && e.LinkVerdict == LinkVerdict.Agrees && e.LatestMilestone is not null && e.ChangeMade is not null);
        Assert.Contains(register, e => e.Stage == RegisterStage.Done && e.LinkVerdict == LinkVerdict.DoesNotAgree && e.LinkComment is not null);
        Assert.Contains(register, e => e.Stage == RegisterStage.InProgress && !e.PlannedDateMissed);
        Assert.Contains(register, e => e.Stage == RegisterStage.Dropped && e.DroppedReason is not null);
        Assert.Contains(register, e => e.Stage == RegisterStage.Planned && e.PlannedDateMissed);
        Assert.Contains(register, e => e.Stage == RegisterStage.NotAccepted);
        Assert.True(register.Select(e => e.Year).Distinct().Count() >= 2, "two financial years to filter by");
        Assert.True(register.Select(e => e.CommissionerId).Distinct().Count() >= 2, "two commissioners to filter by");
        Assert.Contains(register, e => e.ExerciseId is not null);
    }

    private static TimetableQueries Timetable(ServiceProvider services) => services.GetRequiredService<TimetableQueries>();

    [Fact]
    public async Task SeedAsync_WorkProgramme_HasAYearOfIssuesAtEveryStepAndEveryOutcomeLinked()
    {
        await using var database = await SeededAsync();
        await using var services = CoreServices.Build(database);

        await using var db = database.CreateContext();
        var issues = await db.RaisedIssues.ToListAsync();
        Assert.Equal(Enum.GetValues<EngagementHub.Core.WorkProgramme.IssueStep>().ToHashSet(), issues.Select(i => i.Step).ToHashSet());
        Assert.Equal(Enum.GetValues<EngagementHub.Core.WorkProgramme.PanelOutcome>().ToHashSet(), issues.Where(i => i.Outcome is not null).Select(i => i.Outcome!.Value).ToHashSet());
        Assert.All(issues.Where(i => i.Outcome == EngagementHub.Core.WorkProgramme.PanelOutcome.ReferToProviderOrCommissioner), i => Assert.NotNull(i.DeadlineId));
        Assert.Contains(issues, i => i.Step == EngagementHub.Core.WorkProgramme.IssueStep.Decided && i.FeedbackDue < UkTime.Today(database.Clock));
        Assert.True(issues.Min(i => i.RaisedOn) <= UkTime.Today(database.Clock).AddMonths(-10));
        Assert.True(await db.RelevantDecisions.CountAsync() >= issues.Count(i => i.Outcome is not null));
    }

    [Fact]
    public async Task SeedAsync_Deadlines_EachRequestReportAndReferralTheLinkLoggedItselfIsInTheDecisionsLogOnce()
    {
        await using var database = await SeededAsync();

        await using var db = database.CreateContext();
        var fromPanels = await db.RaisedIssues.Where(i => i.DeadlineId != null).Select(i => i.DeadlineId!.Value).ToListAsync();
        var logged = await db.Deadlines.Where(d => d.Kind != DeadlineKind.Custom && !fromPanels.Contains(d.Id)).Select(d => d.Id).ToListAsync();
        var decided = await db.RelevantDecisions.Where(d => d.DeadlineId != null).Select(d => d.DeadlineId!.Value).ToListAsync();

        Assert.NotEmpty(logged);
        Assert.Equal(logged.Order(), decided.Where(logged.Contains).Order());
    }

    [Fact]
    public async Task SeedAsync_EscalatedDeadline_OneHistoryEntryForTheEscalationAndItsReferral()
    {
        await using var database = await SeededAsync();

        await using var db = database.CreateContext();
        var escalated = (await db.Deadlines.SingleAsync(d => d.State == DeadlineState.Escalated)).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var changes = await db.AuditEntries.Where(a => a.EntityType == nameof(ResponseDeadline) && a.EntityId == escalated && a.Action == EngagementHub.Core.Auditing.AuditAction.Modified)
            .ToListAsync();

        var escalation = Assert.Single(changes);
        Assert.Contains(escalation.Changes, c => c.Property == nameof(ResponseDeadline.State));
        Assert.Contains(escalation.Changes, c => c.Property == nameof(ResponseDeadline.EscalatedToDeadlineId));
    }

    [Fact]
    public async Task SeedAsync_WorkProgramme_EveryIssuePlacedAndThisYearsBalanceWarns()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.Build(database);
        await SeedAsync(services, database);

        var balance = await services.GetRequiredService<EngagementHub.Core.WorkProgramme.WorkProgrammeService>()
            .BalanceAsync(new EngagementHub.Core.WorkProgramme.BalanceFilter(FinancialYear.Containing(UkTime.Today(database.Clock))));

        Assert.True(balance.Issues.Count >= 5);
        Assert.All(balance.Issues, i => Assert.True(i.Term is not null && i.PartnerSector is not null && i.Setting is not null && i.Origin is not null && i.Reach is not null));
        Assert.Contains(balance.Warnings, w => w.Dimension == EngagementHub.Core.WorkProgramme.BalanceDimension.Size);
        Assert.True(balance.BigThings > 0 && balance.QuickWins > 0);
    }

    [Fact]
    public async Task SeedAsync_Reviews_TwoPastYearsAgreedAndPublishedAndLastYearsRoundOpen()
    {
        await using var database = await SeededAsync();
        await using var services = CoreServices.Build(database);
        var reviews = services.GetRequiredService<EngagementHub.Core.Reviews.ReviewService>();
        await using var db = database.CreateContext();
        var commissioner = await db.Users.Where(u => u.Email == "commissioner@demo.engagementhub.test").Select(u => new { u.Id, u.OrganisationId }).FirstAsync();
        var actor = new Actor(commissioner.Id, "Colin Marsh", commissioner.OrganisationId, DemoPartnership.SouthBirminghamName, UserRole.Editor);

        var rounds = await reviews.RoundsAsync();
        var trends = await reviews.TrendsAsync();

        Assert.Equal([2025, 2024, 2023], rounds.Select(r => r.Year.StartYear));
        Assert.All(rounds.Skip(1), r => Assert.True(r.LinkSubmitted && r.CommissionersSubmitted && r.Published));
        // Each closes on a working day, as a round opened on the page must (the open one three weeks after the seed).
        var calendar = await BankHolidayCalendar.ReadAsync(db);
        Assert.All(rounds, r => Assert.True(calendar.IsWorkingDay(r.ClosesOn), $"{r.Year.Label} closes on {r.ClosesOn}, {calendar.DayNobodyWorks(r.ClosesOn)}"));
        var open = await reviews.GetAsync(actor, rounds[0].Id);
        Assert.NotNull(open);
        Assert.True(open.LinkSubmittedAt is not null && open.CommissionersSubmittedAt is null);
        Assert.All(open.Items, i => Assert.Null(i.Link));
        Assert.Equal(24, Assert.Single(trends).Rows.Count);
        var meeting = await reviews.MeetingAsync(actor, rounds[^1].Id);
        Assert.Contains(meeting.Value!.Items, i => i.Disagreement > 1);
        Assert.All(meeting.Value.Items, i => Assert.NotNull(i.AgreedScore));
        Assert.Equal(2, meeting.Value.Actions.Count);
        // The public site shows the two published rounds, newest first, with every criterion and action.
        var published = await PublicSites.Create(database).ReviewsAsync();
        Assert.Equal([2024, 2023], published.Select(r => r.Year.StartYear));
        Assert.All(published, r => Assert.Equal(24, r.Items.Count));
        Assert.Equal(2, published[^1].Actions.Count);
    }

    /// <summary>
    /// A copy of a database the demo was seeded into once per test run and provider, at the test clock's start (every
    /// <see cref="TestDatabase"/> starts at the same instant): the same rows as seeding it here, in a fraction of the time.
    /// </summary>
    private Task<TestDatabase> SeededAsync() => TestDatabase.CreateAsync(provider, "demo seeded", async database =>
    {
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        await using var services = CoreServices.Build(database);
        Assert.True(await SeedAsync(services, database));
    });

    /// <summary>The test's clock, which cancels <paramref name="stop"/> when it is read for the <paramref name="atRead"/>th time.</summary>
    private sealed class StoppingClock(TimeProvider clock, CancellationTokenSource stop, int atRead) : TimeProvider
    {
        private int _reads;

        public override DateTimeOffset GetUtcNow()
        {
            if (++_reads == atRead)
            {
                stop.Cancel();
            }

            return clock.GetUtcNow();
        }

        public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;
    }

    private static async Task<bool> SeedAsync(ServiceProvider services, TestDatabase database)
    {
        // The context and the UserManager come from one scope, as at start-up, so they share a context.
        await using var scope = services.CreateAsyncScope();
        return await DemoPartnership.SeedAsync(
            scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>(),
            scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            database.Clock);
    }
}
