using EngagementHub.Core;
using EngagementHub.Core.Calendar;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reviews;
using EngagementHub.Core.Timetables;
using EngagementHub.Core.WorkProgramme;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementHub.Tests.Data;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class MigrationTests(DatabaseProvider provider)
{
    public sealed class Sqlite() : MigrationTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : MigrationTests(DatabaseProvider.PostgreSql);

    [Fact]
    public async Task Migrate_EmptyFile_AppliesEveryMigration()
    {
        // Not TestDatabase.CreateAsync: this test starts from a database with no schema at all.
        await using var database = new TestDatabase(provider);
        await using var db = database.CreateContext();

        await db.Database.MigrateAsync();

        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    /// <summary>Migrates <paramref name="db"/> and adds a kind of deadline, the LINk and NHS South Birmingham.</summary>
    /// <returns>Makes a request for information from the LINk to South, received Wed 1 Oct 2008 and due Tue 28 Oct on a
    /// calendar without holidays; not added.</returns>
    private static async Task<Func<ResponseDeadline>> MigratedWithARequestAsync(TestDatabase database, EngagementHubDbContext db)
    {
        await db.Database.MigrateAsync();
        var rule = new DeadlineRule(DeadlineKind.InformationRequest, "Request for information");
        var link = new Organisation("Birmingham LINk", OrganisationKind.Link);
        var south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        db.AddRange(rule, link, south);
        await db.SaveChangesAsync();
        var due = new WorkingDayCalendar([]).DueDate(new DateOnly(2008, 10, 1), 20);
        return () => new(rule, "Waiting times", null, link.Id, south.Id, null, "lena", "Lena Khan", null, due, database.Clock.GetUtcNow());
    }

    [Fact]
    public async Task DeadlineExtensionProposalApart_DownAndUpAgain_KeepsAWaitingProposalAndAnAgreedExtensionApart()
    {
        await using var database = new TestDatabase(provider);
        int waiting, agreed;
        await using (var db = database.CreateContext())
        {
            var logged = await MigratedWithARequestAsync(database, db);
            var (calendar, received) = (new WorkingDayCalendar([]), new DateOnly(2008, 10, 1));
            var first = logged();
            first.ProposeExtension(new DateOnly(2008, 11, 14), "Data being re-run.", byLink: false, "Janet Rowe", received, calendar, waitingSeen: null);
            var second = logged();
            second.ProposeExtension(new DateOnly(2008, 11, 21), "Figures late.", byLink: false, "Janet Rowe", received, calendar, waitingSeen: null);
            second.AgreeExtension(byLink: true, "Lena Khan", database.Clock.GetUtcNow(), received, proposedSeen: new DateOnly(2008, 11, 21), calendar);
            db.Deadlines.AddRange(first, second);
            await db.SaveChangesAsync();
            (waiting, agreed) = (first.Id, second.Id);

            // Back to the one set of columns the extension had before, and forward again: what each row says survives both.
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("DeadlineNextReminderDate");
            await migrator.MigrateAsync();
        }

        await using var read = database.CreateContext();
        var proposal = await read.Deadlines.SingleAsync(d => d.Id == waiting);
        Assert.Equal((new DateOnly(2008, 11, 14), "Data being re-run.", "Janet Rowe", false), (proposal.ProposedDueDate, proposal.ProposalReason, proposal.ProposalBy, proposal.ProposalByLink));
        Assert.Equal((null, null, null, null), (proposal.ExtensionAgreedAt, proposal.ExtensionReason, proposal.ExtensionAgreedByLink, proposal.ExtensionAgreedByRecipient));
        var extension = await read.Deadlines.SingleAsync(d => d.Id == agreed);
        Assert.Equal((null, null, null), (extension.ProposedDueDate, extension.ProposalReason, extension.ProposalBy));
        Assert.Equal((new DateOnly(2008, 11, 21), "Figures late.", "Lena Khan", "Janet Rowe"),
            (extension.DueDate, extension.ExtensionReason, extension.ExtensionAgreedByLink, extension.ExtensionAgreedByRecipient));
        Assert.NotNull(extension.ExtensionAgreedAt);
        // DeadlineExtensionDueDate, on the way back up: an extension agreed before it keeps its date as the date agreed.
        Assert.Equal(new DateOnly(2008, 11, 21), extension.ExtensionDueDate);
        Assert.Null(proposal.ExtensionDueDate);
    }

    // Before the missed extension's agreed date was recorded, a missed date other than the statutory count could only be
    // an earlier extension's agreed date: the migration records it as such, and the statutory one as none.
    [Fact]
    public async Task Migrate_DeadlinesExtendedLateBeforeTheMissedExtensionDateWasKept_RecordTheMissedExtensionsDateOnlyWhereTheCountWasNotMissed()
    {
        await using var database = new TestDatabase(provider);
        int missedTheCount, missedAnExtension;
        await using (var db = database.CreateContext())
        {
            var logged = await MigratedWithARequestAsync(database, db);
            var calendar = new WorkingDayCalendar([]);
            void Agree(ResponseDeadline deadline, DateOnly proposed, DateOnly on)
            {
                Assert.True(deadline.ProposeExtension(proposed, "Data re-run", byLink: false, "Janet Rowe", on, calendar, waitingSeen: null).Succeeded);
                Assert.True(deadline.AgreeExtension(byLink: true, "Lena Khan", database.Clock.GetUtcNow(), on, proposed, calendar).Succeeded);
            }

            var first = logged();
            Agree(first, new DateOnly(2008, 11, 14), new DateOnly(2008, 10, 29));
            var second = logged();
            Agree(second, new DateOnly(2008, 11, 14), new DateOnly(2008, 10, 21));
            Agree(second, new DateOnly(2008, 11, 28), new DateOnly(2008, 11, 18));
            db.Deadlines.AddRange(first, second);
            await db.SaveChangesAsync();
            (missedTheCount, missedAnExtension) = (first.Id, second.Id);

            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("ReviewPublishedByWhom");
            await migrator.MigrateAsync();
        }

        await using var read = database.CreateContext();
        var count = await read.Deadlines.SingleAsync(d => d.Id == missedTheCount);
        Assert.Equal((new DateOnly(2008, 10, 28), null, null), (count.LapsedDueDate, count.LapsedExtensionDate, count.LateExtensionAgreedOn));
        var extension = await read.Deadlines.SingleAsync(d => d.Id == missedAnExtension);
        Assert.Equal((new DateOnly(2008, 11, 14), new DateOnly(2008, 11, 14), null), (extension.LapsedDueDate, extension.LapsedExtensionDate, extension.LateExtensionAgreedOn));
    }

    [Fact]
    public async Task NotificationPreferencesForNewCategories_KeepsEachPersonsChoiceForTheCategoriesTheirRemindersCameFrom()
    {
        await using var database = new TestDatabase(provider);
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
            var organisation = new Organisation("Birmingham LINk", OrganisationKind.Link);
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            db.Users.AddRange(
                new ApplicationUser { Id = "lena", UserName = "lena", DisplayName = "Lena Khan", OrganisationId = organisation.Id },
                new ApplicationUser { Id = "martin", UserName = "martin", DisplayName = "Martin Hughes", OrganisationId = organisation.Id });
            var at = database.Clock.GetUtcNow();
            db.NotificationPreferences.AddRange(
                new NotificationPreference("lena", NotificationCategory.Agreement, DeliveryPreference.InAppOnly, at),
                new NotificationPreference("lena", NotificationCategory.Deadlines, DeliveryPreference.WeeklyDigest, at),
                new NotificationPreference("martin", NotificationCategory.Agreement, DeliveryPreference.InAppOnly, at));
            await db.SaveChangesAsync();

            // Before the migration the new categories had no rows; after it, the choices made for the old ones carry over.
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("AccountEmailSlots");
            await migrator.MigrateAsync();
        }

        await using var read = database.CreateContext();
        var choices = await read.NotificationPreferences.AsNoTracking().OrderBy(p => p.UserId).ToListAsync();
        Assert.Equal(DeliveryPreference.InAppOnly, choices.Single(p => p.UserId == "lena" && p.Category == NotificationCategory.Reviews).Delivery);
        Assert.Equal(DeliveryPreference.WeeklyDigest, choices.Single(p => p.UserId == "lena" && p.Category == NotificationCategory.WorkProgramme).Delivery);
        Assert.Equal(DeliveryPreference.InAppOnly, choices.Single(p => p.UserId == "martin" && p.Category == NotificationCategory.Reviews).Delivery);
        Assert.DoesNotContain(choices, p => p.UserId == "martin" && p.Category == NotificationCategory.WorkProgramme);
    }

    [Fact]
    public async Task Model_AfterMigrations_HasNoPendingChanges()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();

        // A model change without a committed migration would silently never reach a real database.
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Migrate_ReviewRoundsOpenedTwiceBeforeTheyWereUnique_KeepsEveryRoundAndMarksTheLaterCopies()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var link = new Organisation("Birmingham LINk", OrganisationKind.Link);
        var south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        db.Organisations.AddRange(link, south);
        await db.SaveChangesAsync();
        ReviewRound Round(int year, int? commissioner) =>
            new(new FinancialYear(year), link.Id, commissioner, link.Id, new DateOnly(2026, 12, 1), DateTimeOffset.UnixEpoch, []);
        var rounds = new[] { Round(2026, south.Id), Round(2027, south.Id), Round(2026, null), Round(2027, null), Round(2025, south.Id) };
        db.ReviewRounds.AddRange(rounds);
        await db.SaveChangesAsync();
        var ids = rounds.Select(r => r.Id).ToArray();

        // Back to the schema before rounds were unique, where the LINk and the commissioner could open the same review at once.
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(Before(migrations, "_OneReviewRoundPerYearAndCommissioner"));
        await db.Database.ExecuteSqlAsync($"UPDATE \"ReviewRounds\" SET \"Year\" = 2026 WHERE \"Id\" = {ids[1]} OR \"Id\" = {ids[3]}");

        await migrator.MigrateAsync();

        db.ChangeTracker.Clear();
        var marked = await db.ReviewRounds.AsNoTracking().OrderBy(r => r.Id).Select(r => r.DuplicateOfRoundId).ToListAsync();
        Assert.Equal([null, ids[0], null, ids[2], null], marked);
        db.ReviewRounds.Add(Round(2026, south.Id));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Migrate_ReviewsPublishedBeforePublishedContentWasKept_KeepAsPublishedWhatThePublicSawAndNothingOfTheOthers()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        await StandardCriteria.EnsureAsync(db, database.Clock);
        var link = new Organisation("Birmingham LINk", OrganisationKind.Link);
        var south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        db.Organisations.AddRange(link, south);
        await db.SaveChangesAsync();
        var criteria = await db.SuccessCriteria.Include(c => c.Wordings).Where(c => c.Position == 1).ToListAsync();
        ReviewRound Submitted(int year)
        {
            var round = new ReviewRound(new FinancialYear(year), link.Id, south.Id, link.Id, new DateOnly(2026, 12, 1), DateTimeOffset.UnixEpoch, criteria);
            round.Submit(ReviewSide.Link, publishComments: false, DateTimeOffset.UnixEpoch);
            round.Submit(ReviewSide.Commissioners, publishComments: false, DateTimeOffset.UnixEpoch);
            return round;
        }

        var rounds = new[] { Submitted(2024), Submitted(2025) };
        db.ReviewRounds.AddRange(rounds);
        await db.SaveChangesAsync();
        foreach (var round in rounds)
        {
            foreach (var item in round.Items)
            {
                Assert.True(round.Agree(item.Id, ReviewScore.PartlyMet, "Agreed at the meeting").Succeeded);
            }

            round.AddAction("Share the plan", south.Id, null, new DateOnly(2026, 3, 1));
        }

        Assert.True(rounds[0].Publish(ReviewSide.Link, DateTimeOffset.UnixEpoch, notAgreedConfirmed: 0).Succeeded);
        await db.SaveChangesAsync();
        var ids = rounds.Select(r => r.Id).ToArray();

        // Back to the schema whose public page read the agreed ratings and actions as they stood, then up again.
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(Before(migrations, "_PublishedReviewsChangeOnlyAsBothAgree"));
        await migrator.MigrateAsync();

        db.ChangeTracker.Clear();
        var items = await db.Set<ReviewItem>().AsNoTracking().ToListAsync();
        Assert.All(items.Where(i => i.RoundId == ids[0]), i => Assert.Equal((ReviewScore.PartlyMet, "Agreed at the meeting"), (i.PublishedScore!.Value, i.PublishedNote)));
        Assert.All(items.Where(i => i.RoundId == ids[1]), i => Assert.Equal((null, null), (i.PublishedScore, i.PublishedNote)));
        var actions = await db.ReviewActions.AsNoTracking().ToDictionaryAsync(a => a.RoundId, a => a.IsPublished);
        Assert.Equal((true, false), (actions[ids[0]], actions[ids[1]]));
    }

    [Fact]
    public async Task Migrate_CycleGeneratedTwiceBeforeItsStagesWereUnique_KeepsEveryEventAndUnlinksTheLaterCopies()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        // Back to the schema before each stage was unique in a year, where two tabs could generate the same cycle at once.
        await migrator.MigrateAsync(Before(migrations, "_EachCycleStageOncePerYear"));
        var south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        var template = new CycleTemplate("Two-stage cycle", null, [new CycleStage("Planning", 10, 4), new CycleStage("Contracting", 1, 4)]);
        db.AddRange(south, template);
        await db.SaveChangesAsync();
        var events = Enumerable.Range(0, 2).SelectMany(_ => template.Instantiate(south.Id, new FinancialYear(2026)).Select((details, i) =>
        {
            var generated = new TimetableEvent(details, DateTimeOffset.UnixEpoch);
            generated.MarkGeneratedFrom(template.Id, template.Stages[i].Name);
            return generated;
        })).ToList();
        db.TimetableEvents.AddRange(events);
        await db.SaveChangesAsync();

        await migrator.MigrateAsync();

        db.ChangeTracker.Clear();
        var stored = await db.TimetableEvents.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Title, e.CycleTemplateId, e.CycleStage }).ToListAsync();
        Assert.Equal(["Planning", "Contracting", "Planning", "Contracting"], stored.Select(e => e.Title));
        Assert.Equal([template.Id, template.Id, null, null], stored.Select(e => e.CycleTemplateId));
        Assert.Equal(["Planning", "Contracting", null, null], stored.Select(e => e.CycleStage));
    }

    [Fact]
    public async Task Migrate_CycleStagesStoredInWeeks_BecomeTheNearestWholeMonthsAndGoBackAndForthAgain()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        // Back to the schema before stages were set in months, and a template stored as it was then: a quarter, the
        // whole year, a decision point's week, and January to March.
        var before = Before(migrations, "_CycleStagesInMonths");
        await migrator.MigrateAsync(before);
        int[] weeks = [13, 52, 1, 12];
        var stages = "[" + string.Join(",", weeks.Select((w, i) =>
            $$"""{"Description":null,"DurationWeeks":{{w}},"IsFormal":true,"Kind":"CycleStage","Name":"Stage {{i + 1}}","StartMonth":{{i + 4}}}""")) + "]";
        var version = Guid.NewGuid();
        await (provider == DatabaseProvider.PostgreSql
            ? db.Database.ExecuteSqlAsync($"""INSERT INTO "CycleTemplates" ("Name", "Description", "Stages", "Version") VALUES ('Cycle in weeks', 'Kept.', CAST({stages} AS jsonb), {version})""")
            : db.Database.ExecuteSqlAsync($"""INSERT INTO "CycleTemplates" ("Name", "Description", "Stages", "Version") VALUES ('Cycle in weeks', 'Kept.', {stages}, {version})"""));

        await migrator.MigrateAsync();

        async Task<CycleTemplate> Stored()
        {
            db.ChangeTracker.Clear();
            return await db.CycleTemplates.AsNoTracking().SingleAsync(t => t.Name == "Cycle in weeks");
        }

        var template = await Stored();
        Assert.Equal([3, 12, 1, 3], template.Stages.Select(s => s.DurationMonths));
        Assert.Equal(["Stage 1", "Stage 2", "Stage 3", "Stage 4"], template.Stages.Select(s => s.Name));
        Assert.Equal([4, 5, 6, 7], template.Stages.Select(s => s.StartMonth));
        Assert.Equal("Kept.", template.Description);

        // Down again, as a deployer rolling the upgrade back would: weeks that give the same months when it comes up.
        await migrator.MigrateAsync(before);
        var down = await db.Database.SqlQueryRaw<string>("""SELECT CAST("Stages" AS TEXT) AS "Value" FROM "CycleTemplates" WHERE "Name" = 'Cycle in weeks'""").SingleAsync();
        var stagesDown = System.Text.Json.JsonDocument.Parse(down).RootElement.EnumerateArray().ToList();
        Assert.Equal([13, 52, 4, 13], stagesDown.Select(s => s.GetProperty("DurationWeeks").GetInt32()));
        Assert.All(stagesDown, s => Assert.False(s.TryGetProperty("DurationMonths", out _)));

        await migrator.MigrateAsync();

        Assert.Equal([3, 12, 1, 3], (await Stored()).Stages.Select(s => s.DurationMonths));
    }

    [Fact]
    public async Task Migrate_NamesStoredTwiceIgnoringCase_KeepsEveryRowAndNamesTheLaterCopiesApart()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        // Back to the schema before names were unique ignoring case, where "Sandwell PCT" and "sandwell pct" were two.
        var before = Before(migrations, "_NamesUniqueIgnoringCase");
        await migrator.MigrateAsync(before);
        var organisations = new[] { "Sandwell PCT", "sandwell pct", "SANDWELL PCT", "Dudley PCT" }
            .Select(n => new Organisation(n, OrganisationKind.Commissioner)).ToArray();
        var cycles = new[] { "Budget cycle", "budget Cycle" }.Select(n => new CycleTemplate(n, null, [new CycleStage("Planning", 10, 4)])).ToArray();
        var criteria = new[] { (ReviewSide.Link, "Reach test"), (ReviewSide.Link, "reach test"), (ReviewSide.Commissioners, "Reach test") }
            .Select((c, i) => new SuccessCriterion(c.Item1, 20 + i, c.Item2, "Described.", DateTimeOffset.UnixEpoch)).ToArray();
        db.AddRange(organisations);
        db.AddRange(cycles);
        db.AddRange(criteria);
        await db.SaveChangesAsync();
        // The kinds as that schema held them: the model's kind has a version column since, which the old table lacks.
        object remindDaysBefore = provider == DatabaseProvider.Sqlite ? "[5,1]" : new[] { 5, 1 };
        foreach (var name in new[] { "Local review", "LOCAL REVIEW" })
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "DeadlineRules" ("Kind", "Name", "WorkingDays", "RemindDaysBefore", "EscalateAfterWorkingDays", "IsActive", "DischargedBy")
                VALUES ('Custom', {name}, 20, {remindDaysBefore}, 10, TRUE, 'Answer')
                """);
        }

        var kinds = await db.DeadlineRules.Where(r => r.Kind == DeadlineKind.Custom).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();

        await migrator.MigrateAsync();

        db.ChangeTracker.Clear();
        Assert.Equal(["Sandwell PCT", $"sandwell pct ({organisations[1].Id})", $"SANDWELL PCT ({organisations[2].Id})", "Dudley PCT"],
            await db.Organisations.AsNoTracking().Where(o => organisations.Select(x => x.Id).Contains(o.Id)).OrderBy(o => o.Id).Select(o => o.Name).ToListAsync());
        Assert.Equal(["Budget cycle", $"budget Cycle ({cycles[1].Id})"], await db.CycleTemplates.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Name).ToListAsync());
        Assert.Equal(["Local review", $"LOCAL REVIEW ({kinds[1]})"],
            await db.DeadlineRules.AsNoTracking().Where(r => r.Kind == DeadlineKind.Custom).OrderBy(r => r.Id).Select(r => r.Name).ToListAsync());
        // The same name on the other side is not a copy.
        Assert.Equal(["Reach test", $"reach test ({criteria[1].Id})", "Reach test"],
            await db.SuccessCriteria.AsNoTracking().Where(c => c.Position >= 20).OrderBy(c => c.Id).Select(c => c.Name).ToListAsync());

        db.Organisations.Add(new Organisation("sandwell PCT", OrganisationKind.Commissioner));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.CycleTemplates.Add(new CycleTemplate("BUDGET CYCLE", null, [new CycleStage("Planning", 10, 4)]));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.DeadlineRules.Add(new DeadlineRule(DeadlineKind.Custom, "local Review"));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.SuccessCriteria.Add(new SuccessCriterion(ReviewSide.Commissioners, 30, "REACH TEST", "Described.", DateTimeOffset.UnixEpoch));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        // And back again, as a deployer rolling the upgrade back would.
        await migrator.MigrateAsync(before);
        await migrator.MigrateAsync();
    }

    [Fact]
    public async Task Migrate_TwoLiveCalendarFeedsOfOneOwner_KeepsTheNewestLiveAndRevokesTheOthersWhenItWasMade()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        // Back to the schema before one live feed per owner held, where two tabs could each make one.
        await migrator.MigrateAsync(Before(migrations, "_OneLiveCalendarFeedPerOwner"));
        var south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        db.Organisations.Add(south);
        await db.SaveChangesAsync();
        db.Users.AddRange(
            new ApplicationUser { Id = "vera", UserName = "vera", DisplayName = "Vera Viewer", OrganisationId = south.Id, Role = UserRole.Viewer },
            new ApplicationUser { Id = "colin", UserName = "colin", DisplayName = "Colin Marsh", OrganisationId = south.Id, Role = UserRole.Editor });
        var start = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        var feeds = new[]
        {
            CalendarFeed.Create("vera", null, "Vera Viewer", start).Feed,
            CalendarFeed.Create("vera", null, "Vera Viewer", start.AddSeconds(1)).Feed,
            CalendarFeed.Create("colin", null, "Colin Marsh", start).Feed,
            CalendarFeed.Create(null, south.Id, "Colin Marsh", start).Feed,
            CalendarFeed.Create(null, south.Id, "Colin Marsh", start.AddSeconds(2)).Feed,
        };
        db.CalendarFeeds.AddRange(feeds);
        await db.SaveChangesAsync();

        await migrator.MigrateAsync();

        db.ChangeTracker.Clear();
        var revoked = await db.CalendarFeeds.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.RevokedAt);
        Assert.Equal([start.AddSeconds(1), null, null, start.AddSeconds(2), null], feeds.Select(f => revoked[f.Id]));
    }

    [Fact]
    public async Task Migrate_IssuesRecordedBeforeTheOrganisationTheyCameThroughWasKept_TakeTheRecordersOrganisationOrNoneWhenTheAccountIsGone()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var before = Before(migrations, "_IssueRaisedThroughOrganisation");
        var (link, south) = await LinkAndSouthAsync(db);
        RaisedIssue Issue(string title, string userId) => new(link.Id, new RaisedIssueInput
        {
            Title = title, Description = "Described.", ReferrerName = "Maya Patel", Sector = CareSector.Health, RaisedOn = new DateOnly(2026, 10, 26),
        }, link.Id, userId, userId, database.Clock.GetUtcNow());
        var issues = new[] { Issue("By a commissioner's editor", "colin"), Issue("By the LINk", "lena"), Issue("By an account since removed", "gone") };
        db.RaisedIssues.AddRange(issues);
        await db.SaveChangesAsync();

        // Back to the schema that kept only who recorded an issue, then up again: the upgrade takes the recorder's organisation.
        await migrator.MigrateAsync(before);
        await migrator.MigrateAsync();

        db.ChangeTracker.Clear();
        var through = await db.RaisedIssues.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.RaisedThroughOrganisationId);
        Assert.Equal([south.Id, link.Id, null], issues.Select(i => through[i.Id]));
    }

    // Notices recorded before the organisation each was addressed under was kept take their reader's organisation when
    // the upgrade runs: the best guess there is.
    [Fact]
    public async Task Migrate_NoticesRecordedBeforeTheirOrganisationWasKept_TakeTheirReadersOrganisation()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var before = Before(migrations, "_NotificationOrganisation");
        var (link, south) = await LinkAndSouthAsync(db);
        // Recorded as addressed under the other organisation, so only the upgrade can have set what is read back.
        var notices = new[]
        {
            new Notification("colin", link.Id, "For Colin", "Body.", null, database.Clock.GetUtcNow()),
            new Notification("lena", south.Id, "For Lena", "Body.", null, database.Clock.GetUtcNow()),
        };
        db.Notifications.AddRange(notices);
        await db.SaveChangesAsync();

        await migrator.MigrateAsync(before);
        await migrator.MigrateAsync();

        db.ChangeTracker.Clear();
        var organisations = await db.Notifications.AsNoTracking().ToDictionaryAsync(n => n.Id, n => n.OrganisationId);
        Assert.Equal([south.Id, link.Id], notices.Select(n => organisations[n.Id]));
    }

    /// <summary>The migration applied just before the one whose name ends with <paramref name="name"/>, to migrate down to.</summary>
    private static string Before(List<string> migrations, string name) =>
        migrations[migrations.FindIndex(m => m.EndsWith(name, StringComparison.Ordinal)) - 1];

    /// <summary>Birmingham LINk and NHS South Birmingham, saved, with Lena Khan (the LINk) and Colin Marsh (South) added,
    /// editors both, for the caller's next save.</summary>
    private static async Task<(Organisation Link, Organisation South)> LinkAndSouthAsync(EngagementHubDbContext db)
    {
        var link = new Organisation("Birmingham LINk", OrganisationKind.Link);
        var south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        db.Organisations.AddRange(link, south);
        await db.SaveChangesAsync();
        db.Users.AddRange(
            new ApplicationUser { Id = "colin", UserName = "colin", DisplayName = "Colin Marsh", OrganisationId = south.Id, Role = UserRole.Editor },
            new ApplicationUser { Id = "lena", UserName = "lena", DisplayName = "Lena Khan", OrganisationId = link.Id, Role = UserRole.Editor });
        return (link, south);
    }

    [Fact]
    public async Task Enums_Saved_AreStoredByName()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        int id;
        await using (var db = database.CreateContext())
        {
            var organisation = new Organisation("NHS Birmingham East and North", OrganisationKind.Commissioner);
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            id = organisation.Id;
        }

        await using var read = database.CreateContext();
        var stored = await read.Database.SqlQuery<string>($"SELECT \"Kind\" AS \"Value\" FROM \"Organisations\" WHERE \"Id\" = {id}").SingleAsync();

        Assert.Equal("Commissioner", stored);
    }
}
