using EngagementHub.Core.Reminders;
using EngagementHub.Core;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementHub.Tests.Data.Deadlines;

/// <summary>
/// "You said, we did" after the response: implementation, milestones, the LINk's view, the register and the reminder
/// when a planned date passes. Run against SQLite and against PostgreSQL: see the nested classes.
/// </summary>
public abstract class RecommendationImplementationTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : RecommendationImplementationTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : RecommendationImplementationTests(DatabaseProvider.PostgreSql);

    // Monday 2 November 2026, 10:00 UTC (10:00 in the UK).
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 2);
    private TestDatabase _database = default!;
    private CapturingLoggerProvider _logs = default!;
    private DeadlineService _service = default!;
    private YouSaidWeDidRegister _register = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private Organisation _east = default!;
    private Actor _linkEditor = default!;
    private Actor _southEditor = default!;
    private int _reportId;
    private int _accepted;
    private int _partly;
    private int _notAccepted;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSeededAsync(provider, nameof(RecommendationImplementationTests), SeedAsync);
        _database.Clock.SetUtcNow(Now);
        await using (var db = _database.CreateContext())
        {
            var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Name);
            (_link, _south, _east) = (organisations["Birmingham LINk"], organisations["NHS South Birmingham"], organisations["NHS Birmingham East and North"]);
            _reportId = await db.Deadlines.Select(d => d.Id).SingleAsync();
            (_accepted, _partly, _notAccepted) = await db.Recommendations.OrderBy(r => r.Number).Select(r => r.Id).ToListAsync() switch
            {
                [var accepted, var partly, var notAccepted] => (accepted, partly, notAccepted),
                var other => throw new InvalidOperationException($"The seeded report has {other.Count} recommendations, not 3."),
            };
        }

        _linkEditor = new Actor("lena", "Lena Khan", _link.Id, _link.Name, UserRole.Editor);
        _southEditor = new Actor("colin", "Colin Marsh", _south.Id, _south.Name, UserRole.Editor);
        _logs = new CapturingLoggerProvider();
        var access = new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>());
        _service = new DeadlineService(_database.Factory, new BankHolidayCalendar(_database.Factory, access, _database.Clock), access,
            _database.Clock);
        _register = new YouSaidWeDidRegister(_database.Factory, _database.Clock);
    }

    /// <summary>
    /// What every test starts from: the LINk, South (with its named contact) and East, Lena at the LINk and Colin and Sam
    /// at South, and a report the LINk sent South on 1 October 2026 whose three recommendations South accepted, partly
    /// accepted and did not accept, in that order.
    /// </summary>
    private static async Task SeedAsync(TestDatabase template)
    {
        template.Clock.SetUtcNow(Now);
        var link = new Organisation("Birmingham LINk", OrganisationKind.Link);
        var south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        south.AddContact("Janet Rowe", "Director of Engagement", "janet.rowe@example.nhs.uk", "0121 000 0000", receivesLinkRequests: true);
        int rule;
        await using (var db = template.CreateContext())
        {
            await DeadlineService.EnsureRulesAsync(db);
            db.Organisations.AddRange(link, south, new Organisation("NHS Birmingham East and North", OrganisationKind.Commissioner));
            await db.SaveChangesAsync();
            db.Users.AddRange(User("lena", "Lena Khan", link), User("colin", "Colin Marsh", south), User("other-south", "Sam South", south));
            await db.SaveChangesAsync();
            rule = await db.DeadlineRules.Where(r => r.Kind == DeadlineKind.ReportResponse).Select(r => r.Id).SingleAsync();
        }

        var access = new OrganisationAccess(NullLogger<OrganisationAccess>.Instance);
        var service = new DeadlineService(template.Factory, new BankHolidayCalendar(template.Factory, access, template.Clock), access, template.Clock);
        var report = await service.LogAsync(new Actor("lena", "Lena Khan", link.Id, link.Name, UserRole.Editor), new DeadlineInput
        {
            RuleId = rule, Subject = "Maternity choices 2026-10-01", ToOrganisationId = south.Id, Received = new DateOnly(2026, 10, 1),
            Recommendations = ["Offer interpreters.", "Publish figures.", "Open a new unit."],
        });
        Assert.True(report.Succeeded);
        var colin = new Actor("colin", "Colin Marsh", south.Id, south.Name, UserRole.Editor);
        var recommendations = (await service.GetAsync(report.Value))!.Deadline.Recommendations.OrderBy(r => r.Number).ToList();
        foreach (var (recommendation, response) in recommendations.Zip([RecommendationResponse.Accepted, RecommendationResponse.PartlyAccepted, RecommendationResponse.NotAccepted]))
        {
            Assert.True((await service.RespondAsync(colin, report.Value, recommendation.Id, response,
                response == RecommendationResponse.Accepted ? null : "Only in part, for now.")).Succeeded);
        }
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static ApplicationUser User(string id, string name, Organisation organisation) => new()
    {
        Id = id, UserName = $"{id}@example.test", Email = $"{id}@example.test", NormalizedEmail = $"{id}@example.test".ToUpperInvariant(),
        DisplayName = name, OrganisationId = organisation.Id, Role = UserRole.Editor, CreatedAt = Now,
    };

    private async Task<(int ReportId, int[] RecommendationIds)> LogReportAsync(Organisation to, DateOnly received, int? exerciseId, params string[] recommendations)
    {
        await using var db = _database.CreateContext();
        var rule = await db.DeadlineRules.SingleAsync(r => r.Kind == DeadlineKind.ReportResponse);
        var outcome = await _service.LogAsync(_linkEditor, new DeadlineInput
        {
            RuleId = rule.Id, Subject = $"Maternity choices {received:yyyy-MM-dd}", ToOrganisationId = to.Id, Received = received,
            ExerciseId = exerciseId, Recommendations = [.. recommendations],
        });
        Assert.True(outcome.Succeeded);
        var saved = (await _service.GetAsync(outcome.Value))?.Deadline;
        return (outcome.Value, [.. saved!.Recommendations.OrderBy(r => r.Number).Select(r => r.Id)]);
    }

    private async Task RespondAsync(int reportId, int recommendationId, RecommendationResponse response, Organisation? by = null)
    {
        var actor = by is null || by == _south ? _southEditor : new Actor($"editor-{by.Id}", "Eve East", by.Id, by.Name, UserRole.Editor);
        Assert.True((await _service.RespondAsync(actor, reportId, recommendationId, response,
            response == RecommendationResponse.Accepted ? null : "Only in part, for now.")).Succeeded);
    }

    private async Task<Recommendation> RecommendationAsync(int id) =>
        (await _service.GetAsync(_reportId))!.Deadline.Recommendations.Single(r => r.Id == id);

    private Task<Outcome> PlanAsync(int id, DateOnly planned, ImplementationStatus status = ImplementationStatus.Planned, Guid? version = null) =>
        _service.RecordImplementationAsync(_southEditor, _reportId, id, new ImplementationInput { Status = status, PlannedDate = planned, Version = version ?? Guid.Empty });

    private async Task<Outcome> PlanFreshAsync(int id, DateOnly planned, ImplementationStatus status = ImplementationStatus.Planned) =>
        await PlanAsync(id, planned, status, (await RecommendationAsync(id)).Version);

    private async Task<List<Notification>> NotificationsAsync(string eventKey)
    {
        await using var db = _database.CreateContext();
        return await db.Notifications.AsNoTracking().Where(n => n.Event == eventKey).OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task RecordImplementationAsync_CommissionerEditor_SavesAuditsAndTellsTheLink()
    {
        var outcome = await PlanFreshAsync(_accepted, Today.AddDays(30), ImplementationStatus.InProgress);

        Assert.True(outcome.Succeeded, outcome.Problem);
        var saved = await RecommendationAsync(_accepted);
        Assert.Equal((ImplementationStatus.InProgress, Today.AddDays(30), "Colin Marsh", Now),
            (saved.Implementation!.Value, saved.PlannedDate!.Value, saved.ImplementationUpdatedBy!, saved.ImplementationUpdatedAt!.Value));
        var history = await new AuditHistory(_database.Factory).ForAsync(nameof(Recommendation), _accepted.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(history, a => a.UserName == "Colin Marsh" && a.Changes.Any(c => c.Property == nameof(Recommendation.Implementation) && c.After == "InProgress"));
        var told = Assert.Single(await NotificationsAsync(WorkflowEvents.ImplementationRecorded));
        Assert.Equal("lena", told.UserId);
        Assert.Contains("in progress", told.Body);
    }

    [Fact]
    public async Task RecordImplementationAsync_LinkEditor_IsRefusedAndLogged()
    {
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => _service.RecordImplementationAsync(_linkEditor, _reportId, _accepted,
            new ImplementationInput { Status = ImplementationStatus.Done, ChangeMade = "We say it is done." }));

        Assert.Contains("Only the organisation it was sent to", denied.Message);
        Assert.Contains(_logs.Warnings, w => w.Message.Contains("record the implementation of a recommendation", StringComparison.Ordinal));
        Assert.Null((await RecommendationAsync(_accepted)).Implementation);
    }

    [Fact]
    public async Task RecordImplementationAsync_NotAccepted_IsRefusedWithAProblem()
    {
        var outcome = await PlanFreshAsync(_notAccepted, Today.AddDays(30));

        Assert.Contains("accepted", outcome.Problem);
    }

    [Fact]
    public async Task RecordImplementationAsync_DroppedWithoutReason_MessageAtTheField()
    {
        var outcome = await _service.RecordImplementationAsync(_southEditor, _reportId, _partly,
            new ImplementationInput { Status = ImplementationStatus.Dropped, Version = (await RecommendationAsync(_partly)).Version });

        Assert.Equal("Say why it was dropped.", Assert.Single(outcome.ErrorsFor(nameof(ImplementationInput.DroppedReason))));
    }

    [Fact]
    public async Task RecordImplementationAsync_SomeoneSavedSince_SaysWhoAndKeepsTheirs()
    {
        var seen = (await RecommendationAsync(_accepted)).Version;
        Assert.True((await PlanAsync(_accepted, Today.AddDays(30), version: seen)).Succeeded);

        var stale = await PlanAsync(_accepted, Today.AddDays(60), version: seen);

        Assert.Contains("Colin Marsh", stale.Problem);
        Assert.Contains("saved this recommendation", stale.Problem);
        Assert.Equal(Today.AddDays(30), (await RecommendationAsync(_accepted)).PlannedDate);
    }

    [Fact]
    public async Task RecordImplementationAsync_WithdrawnReport_IsRefused()
    {
        Assert.True((await _service.WithdrawAsync(_linkEditor, _reportId)).Succeeded);

        var outcome = await PlanFreshAsync(_accepted, Today.AddDays(30));

        Assert.Contains("withdrew", outcome.Problem);
    }

    [Fact]
    public async Task AddMilestoneAsync_SameKeyTwice_AddsOne()
    {
        await PlanFreshAsync(_accepted, Today.AddDays(30), ImplementationStatus.InProgress);
        var key = SubmissionKey.New();
        var input = new MilestoneInput { On = Today, Text = "Contract signed." };

        var first = await _service.AddMilestoneAsync(_southEditor, _reportId, _accepted, input, key);
        var second = await _service.AddMilestoneAsync(_southEditor, _reportId, _accepted, input, key);

        Assert.True(first.Succeeded && second.Succeeded);
        var milestone = Assert.Single((await RecommendationAsync(_accepted)).Milestones);
        Assert.Equal((Today, "Contract signed.", "Colin Marsh"), (milestone.On, milestone.Text, milestone.RecordedBy));
    }

    [Fact]
    public async Task AddMilestoneAsync_SameKeyAtOnce_AddsOne()
    {
        await PlanFreshAsync(_accepted, Today.AddDays(30), ImplementationStatus.InProgress);
        var key = SubmissionKey.New();
        var input = new MilestoneInput { On = Today, Text = "Contract signed." };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _service.AddMilestoneAsync(_southEditor, _reportId, _accepted, input, key)));

        Assert.Contains(outcomes, o => o.Succeeded);
        Assert.Single((await RecommendationAsync(_accepted)).Milestones);
    }

    [Fact]
    public async Task AddMilestoneAsync_TomorrowInTheUk_MessageAtTheDate()
    {
        await PlanFreshAsync(_accepted, Today.AddDays(30), ImplementationStatus.InProgress);

        var outcome = await _service.AddMilestoneAsync(_southEditor, _reportId, _accepted, new MilestoneInput { On = Today.AddDays(1), Text = "Contract signed." });

        Assert.Single(outcome.ErrorsFor(nameof(MilestoneInput.On)));
    }

    [Fact]
    public async Task RecordLinkVerdictAsync_CommissionerEditor_IsRefusedAndLogged()
    {
        await PlanFreshAsync(_accepted, Today.AddDays(30));

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.RecordLinkVerdictAsync(_southEditor, _reportId, _accepted,
            new LinkVerdictInput { Verdict = LinkVerdict.Agrees }));

        Assert.Contains(_logs.Warnings, w => w.Message.Contains("give the LINk's view", StringComparison.Ordinal));
        Assert.Null((await RecommendationAsync(_accepted)).LinkVerdict);
    }

    [Fact]
    public async Task RecordLinkVerdictAsync_LinkEditorDoesNotAgree_SavesAndTellsTheCommissioner()
    {
        await _service.RecordImplementationAsync(_southEditor, _reportId, _accepted,
            new ImplementationInput { Status = ImplementationStatus.Done, ChangeMade = "Interpreters booked.", Version = (await RecommendationAsync(_accepted)).Version });

        var outcome = await _service.RecordLinkVerdictAsync(_linkEditor, _reportId, _accepted,
            new LinkVerdictInput { Verdict = LinkVerdict.DoesNotAgree, Comment = "Women still wait without one.", Version = (await RecommendationAsync(_accepted)).Version });

        Assert.True(outcome.Succeeded, outcome.Problem);
        var saved = await RecommendationAsync(_accepted);
        Assert.Equal((LinkVerdict.DoesNotAgree, "Women still wait without one.", "Lena Khan"), (saved.LinkVerdict!.Value, saved.LinkComment!, saved.LinkVerdictBy!));
        var told = await NotificationsAsync(WorkflowEvents.LinkVerdictRecorded);
        Assert.Equal(["colin", "other-south"], told.Select(n => n.UserId).Order(StringComparer.Ordinal));
        Assert.All(told, n => Assert.True(n.NeedsAction));
    }

    /// <summary>The accepted recommendation carried out, with a milestone, and the LINk's view of it.</summary>
    private async Task DoneAndJudgedAsync(LinkVerdict verdict = LinkVerdict.Agrees)
    {
        Assert.True((await PlanFreshAsync(_accepted, Today.AddDays(10), ImplementationStatus.InProgress)).Succeeded);
        Assert.True((await _service.AddMilestoneAsync(_southEditor, _reportId, _accepted, new MilestoneInput { On = Today, Text = "Contract signed." })).Succeeded);
        Assert.True((await _service.RecordImplementationAsync(_southEditor, _reportId, _accepted, new ImplementationInput
        {
            Status = ImplementationStatus.Done, ChangeMade = "Interpreters booked with every appointment.", Version = (await RecommendationAsync(_accepted)).Version,
        })).Succeeded);
        Assert.True((await _service.RecordLinkVerdictAsync(_linkEditor, _reportId, _accepted, new LinkVerdictInput
        {
            Verdict = verdict, Comment = "Women tell us they get one.", Version = (await RecommendationAsync(_accepted)).Version,
        })).Succeeded);
    }

    [Fact]
    public async Task RecordImplementationAsync_DoneAndAgreedThenDropped_RegisterShowsNeitherTheViewNorWhatChanged()
    {
        await DoneAndJudgedAsync();
        var done = await RecommendationAsync(_accepted);

        var outcome = await _service.RecordImplementationAsync(_southEditor, _reportId, _accepted, new ImplementationInput
        {
            Status = ImplementationStatus.Dropped, DroppedReason = "The contract ended.", ChangeMade = done.ChangeMade, Version = done.Version,
        });

        Assert.True(outcome.Succeeded, outcome.Problem);
        var entry = (await _register.ListAsync(new RegisterFilter())).Single(e => e.RecommendationId == _accepted);
        Assert.Equal((RegisterStage.Dropped, ImplementationStatus.Dropped, "The contract ended."), (entry.Stage, entry.Implementation!.Value, entry.DroppedReason!));
        Assert.Equal(default, (entry.ChangeMade, entry.LinkVerdict, entry.LinkComment));
        // Set aside, not lost: the history keeps the view the LINk gave.
        var history = await new AuditHistory(_database.Factory).ForAsync(nameof(Recommendation), _accepted.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(history, a => a.UserName == "Colin Marsh" && a.Changes.Any(c => c.Property == nameof(Recommendation.LinkVerdict) && c.Before == "Agrees" && c.After == null));
    }

    [Theory]
    [InlineData(RecommendationResponse.NotAccepted, "The budget was cut.")]
    [InlineData(RecommendationResponse.Accepted, "From April, in every clinic.")]
    public async Task RespondToRecommendationAsync_SomeoneChangedTheResponseSince_SaysWhoAndKeepsTheirs(RecommendationResponse theirs, string theirWords)
    {
        var seen = (await RecommendationAsync(_accepted)).Version;
        Assert.True((await RespondSeenAsync(seen, theirs, theirWords)).Succeeded);

        var stale = await RespondSeenAsync(seen, RecommendationResponse.PartlyAccepted, "For first babies only.");

        Assert.Contains("Colin Marsh", stale.Problem);
        Assert.Contains("saved this recommendation", stale.Problem);
        var kept = await RecommendationAsync(_accepted);
        Assert.Equal((theirs, theirWords), (kept.Response, kept.ResponseText));

        Task<Outcome> RespondSeenAsync(Guid version, RecommendationResponse response, string text) =>
            _service.RespondToRecommendationAsync(_southEditor, _reportId, _accepted,
                new RecommendationResponseInput { Response = response, ResponseText = text, Version = version });
    }

    [Fact]
    public async Task RespondToRecommendationAsync_WithdrawnReport_IsRefusedAndKeepsTheResponse()
    {
        Assert.True((await _service.WithdrawAsync(_linkEditor, _reportId)).Succeeded);

        var outcome = await _service.RespondAsync(_southEditor, _reportId, _accepted, RecommendationResponse.NotAccepted, "No budget.");

        Assert.Contains("withdrew", outcome.Problem);
        Assert.Equal(RecommendationResponse.Accepted, (await RecommendationAsync(_accepted)).Response);
    }

    [Fact]
    public async Task RespondToRecommendationAsync_AcceptedDoneAndJudgedThenNotAccepted_RegisterShowsTheEarlierAcceptanceAndNoImplementation()
    {
        await DoneAndJudgedAsync(LinkVerdict.DoesNotAgree);
        _database.Clock.SetUtcNow(Now.AddDays(29));

        Assert.True((await _service.RespondAsync(_southEditor, _reportId, _accepted, RecommendationResponse.NotAccepted, "The budget was cut.")).Succeeded);

        var entry = (await _register.ListAsync(new RegisterFilter())).Single(e => e.RecommendationId == _accepted);
        Assert.Equal((RecommendationResponse.NotAccepted, "The budget was cut.", Today.AddDays(29), RegisterStage.NotAccepted),
            (entry.Response, entry.ResponseText!, entry.RespondedOn!.Value, entry.Stage));
        Assert.Equal((RecommendationResponse.Accepted, Today), (entry.EarlierResponse!.Value, entry.EarlierRespondedOn!.Value));
        Assert.Equal(default, (entry.Implementation, entry.PlannedDate, entry.ChangeMade, entry.DroppedReason, entry.UpdatedOn, entry.LatestMilestone));
        Assert.Equal(default, (entry.LinkVerdict, entry.LinkComment, entry.PlannedDateMissed));
        Assert.Empty(await _register.ListAsync(new RegisterFilter(Stage: RegisterStage.Done)));
    }

    [Fact]
    public async Task ListAsync_Filters_ByCommissionerYearStageAndExercise()
    {
        var exerciseId = await SeedExerciseAsync();
        var (lastYear, lastYearIds) = await LogReportAsync(_east, new DateOnly(2026, 3, 2), exerciseId, "Longer opening hours.");
        await RespondAsync(lastYear, lastYearIds[0], RecommendationResponse.Accepted, _east);
        await PlanFreshAsync(_accepted, Today.AddDays(30), ImplementationStatus.InProgress);

        var all = await _register.ListAsync(new RegisterFilter());
        var south = await _register.ListAsync(new RegisterFilter(CommissionerId: _south.Id));
        var thisYear = await _register.ListAsync(new RegisterFilter(Year: new FinancialYear(2026)));
        var previousYear = await _register.ListAsync(new RegisterFilter(Year: new FinancialYear(2025)));
        var inProgress = await _register.ListAsync(new RegisterFilter(Stage: RegisterStage.InProgress));
        var onExercise = await _register.ListAsync(new RegisterFilter(ExerciseId: exerciseId));

        Assert.Equal(4, all.Count);
        Assert.Equal(3, south.Count);
        Assert.Equal(3, thisYear.Count);
        var old = Assert.Single(previousYear);
        Assert.Equal((lastYearIds[0], RegisterStage.AcceptedNotYetPlanned, "Hospital discharge", new FinancialYear(2025)), (old.RecommendationId, old.Stage, old.Exercise!, old.Year));
        Assert.Equal(_accepted, Assert.Single(inProgress).RecommendationId);
        Assert.Equal(lastYearIds[0], Assert.Single(onExercise).RecommendationId);
    }

    [Fact]
    public async Task ListAsync_WithdrawnReport_IsLeftOut()
    {
        var (other, _) = await LogReportAsync(_south, new DateOnly(2026, 10, 5), null, "Withdrawn idea.");
        Assert.True((await _service.WithdrawAsync(_linkEditor, other)).Succeeded);

        var all = await _register.ListAsync(new RegisterFilter());

        Assert.DoesNotContain(all, e => e.DeadlineId == other);
        Assert.Equal(3, all.Count);
    }

    [Fact]
    public async Task ListAsync_ImplementedRecommendation_ShowsLatestMilestoneAndLinkViewWithoutNames()
    {
        await PlanFreshAsync(_accepted, Today.AddDays(-40), ImplementationStatus.InProgress);
        await _service.AddMilestoneAsync(_southEditor, _reportId, _accepted, new MilestoneInput { On = Today.AddDays(-20), Text = "Contract signed." });
        await _service.AddMilestoneAsync(_southEditor, _reportId, _accepted, new MilestoneInput { On = Today.AddDays(-2), Text = "First clinic with interpreters." });
        await _service.RecordLinkVerdictAsync(_linkEditor, _reportId, _accepted,
            new LinkVerdictInput { Verdict = LinkVerdict.Agrees, Version = (await RecommendationAsync(_accepted)).Version });

        var entry = (await _register.ListAsync(new RegisterFilter())).Single(e => e.RecommendationId == _accepted);

        Assert.Equal(new RegisterMilestone(Today.AddDays(-2), "First clinic with interpreters."), entry.LatestMilestone);
        Assert.Equal((LinkVerdict.Agrees, "NHS South Birmingham", RegisterStage.InProgress, false),
            (entry.LinkVerdict!.Value, entry.Commissioner, entry.Stage, entry.PlannedDateMissed));
        // The register is safe to publish: no person's name, e-mail address or telephone number.
        var text = entry.ToString();
        Assert.DoesNotContain("Colin", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lena", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Janet", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0121", text, StringComparison.Ordinal);
    }

    private ReminderSweep Sweep() => new(
        _database.Factory, new BankHolidayCalendar(_database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), _database.Clock),
        _database.Clock, NullLogger<ReminderSweep>.Instance);

    [Fact]
    public async Task RunAsync_PlannedDatePassedWithNoUpdate_RemindsTheCommissionerOnce()
    {
        await PlanFreshAsync(_accepted, new DateOnly(2026, 11, 6)); // Friday
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 9, 0, 0, TimeSpan.Zero)); // Monday after

        var first = await Sweep().RunAsync();
        var second = await Sweep().RunAsync();

        Assert.Equal((1, 0), (first.ImplementationReminders, second.ImplementationReminders));
        var reminders = await NotificationsAsync(WorkflowEvents.ImplementationOverdue);
        Assert.Equal(["colin", "other-south"], reminders.Select(n => n.UserId).Order(StringComparer.Ordinal));
        Assert.All(reminders, n => Assert.Equal(PageLink.Deadline(_reportId).Stored, n.Link));
        Assert.Contains("Fri 6 Nov 2026", reminders[0].Body);
        await using var db = _database.CreateContext();
        Assert.Single(await db.ReminderDeliveries.Where(d => d.Step == ReminderSweep.PlannedDateKey(_accepted, new DateOnly(2026, 11, 6))).ToListAsync());
    }

    [Fact]
    public async Task RunAsync_PlannedDatePassedOnAFriday_HeldOverTheWeekendUntilMonday()
    {
        await PlanFreshAsync(_accepted, new DateOnly(2026, 11, 6));
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 7, 9, 0, 0, TimeSpan.Zero)); // Saturday

        var saturday = await Sweep().RunAsync();
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 9, 0, 0, TimeSpan.Zero));
        var monday = await Sweep().RunAsync();

        Assert.Equal((0, 1), (saturday.ImplementationReminders, monday.ImplementationReminders));
    }

    [Fact]
    public async Task RunAsync_UpdatedAfterThePlannedDate_NoReminder()
    {
        await PlanFreshAsync(_accepted, new DateOnly(2026, 11, 4), ImplementationStatus.InProgress);
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 5, 9, 0, 0, TimeSpan.Zero));
        Assert.True((await _service.AddMilestoneAsync(_southEditor, _reportId, _accepted, new MilestoneInput { On = new DateOnly(2026, 11, 5), Text = "Delayed by a week." })).Succeeded);
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 9, 0, 0, TimeSpan.Zero));

        var result = await Sweep().RunAsync();

        Assert.Equal(0, result.ImplementationReminders);
        Assert.Empty(await NotificationsAsync(WorkflowEvents.ImplementationOverdue));
    }

    [Fact]
    public async Task RunAsync_NewPlannedDatePassesToo_RemindsAgain()
    {
        await PlanFreshAsync(_accepted, new DateOnly(2026, 11, 4));
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 5, 9, 0, 0, TimeSpan.Zero));
        await Sweep().RunAsync();
        Assert.True((await PlanFreshAsync(_accepted, new DateOnly(2026, 11, 6))).Succeeded);
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 9, 0, 0, TimeSpan.Zero));

        var result = await Sweep().RunAsync();

        Assert.Equal(1, result.ImplementationReminders);
        Assert.Equal(4, (await NotificationsAsync(WorkflowEvents.ImplementationOverdue)).Count);
    }

    // The commissioner updates the recommendation after the sweep read the ones past their planned date and before it
    // recorded the reminder: saved in between, or being saved (its row held) when the sweep writes. The sweep's write
    // re-checks the recommendation in its own transaction, so no reminder is recorded, in the app or for e-mail. The
    // interleaving is forced: the sweep is held once its read of the recommendations has run, and on PostgreSQL released,
    // when the update is being saved, only once it waits for the recommendation's row (ADR 6).
    [Theory]
    [InlineData("milestone saved between the sweep's read and its write")]
    [InlineData("milestone being saved when the sweep writes")]
    public async Task RunAsync_RecommendationUpdatedBetweenTheSweepsReadAndItsWrite_NoReminderRecorded(string when)
    {
        await PlanFreshAsync(_accepted, new DateOnly(2026, 11, 6)); // Friday
        var monday = new DateOnly(2026, 11, 9);
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 9, 0, 0, TimeSpan.Zero));
        var pause = new QueryPause(c => c.CommandText.Contains("\"ImplementationUpdatedAt\"", StringComparison.Ordinal));
        var sweep = new ReminderSweep(
            pause.Factory(_database), new BankHolidayCalendar(_database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), _database.Clock),
            _database.Clock, NullLogger<ReminderSweep>.Instance);

        var sweeping = Task.Run(() => sweep.RunAsync());
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        if (when == "milestone saved between the sweep's read and its write")
        {
            Assert.True((await _service.AddMilestoneAsync(_southEditor, _reportId, _accepted, new MilestoneInput { On = monday, Text = "Delayed by a week." })).Succeeded);
            pause.Release();
        }
        else
        {
            await using var db = _database.CreateContext();
            await using var updating = await db.Database.BeginTransactionAsync();
            var deadline = await db.Deadlines.Include(d => d.Recommendations).SingleAsync(d => d.Id == _reportId);
            Assert.True(deadline.Recommendations.Single(r => r.Id == _accepted)
                .AddMilestone(monday, "Delayed by a week.", "Colin Marsh", _database.Clock.GetUtcNow(), monday).Succeeded);
            await db.SaveChangesAsync();
            pause.Release();
            await _database.WaitingForALockAsync(sweeping);
            await updating.CommitAsync();
        }

        await NoImplementationReminderAsync(await sweeping);
    }

    // An edit of the recommendation that does not change whether its reminder is due (the response's words corrected, the
    // LINk's view given) is saved between the sweep's read and its write: the reminder is still recorded, once. The sweep
    // re-checks what makes it due, not the recommendation's version (ADR 6).
    [Theory]
    [InlineData("response reworded")]
    [InlineData("LINk's view given")]
    public async Task RunAsync_RecommendationChangedOtherwiseBetweenTheSweepsReadAndItsWrite_ReminderStillRecorded(string change)
    {
        await PlanFreshAsync(_accepted, new DateOnly(2026, 11, 6)); // Friday
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 9, 0, 0, TimeSpan.Zero));
        var pause = new QueryPause(c => c.CommandText.Contains("\"ImplementationUpdatedAt\"", StringComparison.Ordinal));
        var sweep = PausedSweep(pause);

        var sweeping = Task.Run(() => sweep.RunAsync());
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        var version = (await RecommendationAsync(_accepted)).Version;
        var saved = change == "response reworded"
            ? await _service.RespondToRecommendationAsync(_southEditor, _reportId, _accepted,
                new RecommendationResponseInput { Response = RecommendationResponse.Accepted, ResponseText = "Accepted: interpreters from April.", Version = version })
            : await _service.RecordLinkVerdictAsync(_linkEditor, _reportId, _accepted,
                new LinkVerdictInput { Verdict = LinkVerdict.DoesNotAgree, Comment = "Nothing has changed yet.", Version = version });
        Assert.True(saved.Succeeded, saved.Problem);
        Assert.NotEqual(version, (await RecommendationAsync(_accepted)).Version);
        pause.Release();

        var swept = await sweeping;
        var again = await Sweep().RunAsync();

        Assert.Equal((1, 0), (swept.ImplementationReminders, again.ImplementationReminders));
        Assert.Equal(["colin", "other-south"], (await NotificationsAsync(WorkflowEvents.ImplementationOverdue)).Select(n => n.UserId).Order(StringComparer.Ordinal));
    }

    // The LINk withdraws the report after the sweep read the recommendations past their planned date and before it
    // recorded the reminder: saved in between, or being saved (its row held) when the sweep writes. The sweep re-checks the
    // report in its own transaction, so no reminder is recorded for a report that no longer needs it (ADR 6).
    [Theory]
    [InlineData("withdrawn between the sweep's read and its write")]
    [InlineData("being withdrawn when the sweep writes")]
    public async Task RunAsync_ReportWithdrawnBetweenTheSweepsReadAndItsWrite_NoReminderRecorded(string when)
    {
        await PlanFreshAsync(_accepted, new DateOnly(2026, 11, 6));
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 9, 0, 0, TimeSpan.Zero));
        var pause = new QueryPause(c => c.CommandText.Contains("\"ImplementationUpdatedAt\"", StringComparison.Ordinal));
        var sweep = PausedSweep(pause);

        var sweeping = Task.Run(() => sweep.RunAsync());
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        if (when == "withdrawn between the sweep's read and its write")
        {
            Assert.True((await _service.WithdrawAsync(_linkEditor, _reportId)).Succeeded);
            pause.Release();
        }
        else
        {
            await using var db = _database.CreateContext();
            await using var withdrawing = await db.Database.BeginTransactionAsync();
            var deadline = await db.Deadlines.SingleAsync(d => d.Id == _reportId);
            Assert.True(deadline.Withdraw(_database.Clock.GetUtcNow()).Succeeded);
            await db.SaveChangesAsync();
            pause.Release();
            await _database.WaitingForALockAsync(sweeping);
            await withdrawing.CommitAsync();
        }

        await NoImplementationReminderAsync(await sweeping);
    }

    // The commissioner the report went to is deactivated between the sweep's read and its write: nothing is recorded for
    // it (nobody there may be told, ADR 4). Reactivated, it is reminded by the next sweep, as the recommendation is still
    // past its planned date with no update.
    [Fact]
    public async Task RunAsync_CommissionerDeactivatedBetweenTheSweepsReadAndItsWrite_NoReminderRecordedUntilReactivated()
    {
        await PlanFreshAsync(_accepted, new DateOnly(2026, 11, 6));
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 9, 0, 0, TimeSpan.Zero));
        var pause = new QueryPause(c => c.CommandText.Contains("\"ImplementationUpdatedAt\"", StringComparison.Ordinal));
        var sweep = PausedSweep(pause);

        var sweeping = Task.Run(() => sweep.RunAsync());
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        await _database.SetOrganisationActiveAsync(_south.Id, active: false);
        pause.Release();
        var swept = await sweeping;
        var whileDeactivated = await Sweep().RunAsync();

        Assert.Equal((0, 0), (swept.ImplementationReminders, whileDeactivated.ImplementationReminders));
        await using (var check = _database.CreateContext())
        {
            Assert.Empty(await check.ReminderDeliveries.Where(d => d.Step == ReminderSweep.PlannedDateKey(_accepted, new DateOnly(2026, 11, 6))).ToListAsync());
        }

        await _database.SetOrganisationActiveAsync(_south.Id, active: true);
        Assert.Equal(1, (await Sweep().RunAsync()).ImplementationReminders);
        Assert.Equal(["colin", "other-south"], (await NotificationsAsync(WorkflowEvents.ImplementationOverdue)).Select(n => n.UserId).Order(StringComparer.Ordinal));
    }

    // Neither the sweep that met the change nor the next one recorded an implementation reminder, in the app or by e-mail.
    private async Task NoImplementationReminderAsync(SweepResult swept)
    {
        var again = await Sweep().RunAsync();

        Assert.Equal((0, 0), (swept.ImplementationReminders, again.ImplementationReminders));
        Assert.Empty(await NotificationsAsync(WorkflowEvents.ImplementationOverdue));
        await using var check = _database.CreateContext();
        Assert.Empty(await check.ReminderDeliveries.Where(d => d.Step == ReminderSweep.PlannedDateKey(_accepted, new DateOnly(2026, 11, 6))).ToListAsync());
    }

    private ReminderSweep PausedSweep(QueryPause pause) => new(
        pause.Factory(_database), new BankHolidayCalendar(_database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), _database.Clock),
        _database.Clock, NullLogger<ReminderSweep>.Instance);

    private async Task<int> SeedExerciseAsync()
    {
        await using var db = _database.CreateContext();
        var exercise = new EngagementExercise(new ExerciseInput
        {
            Title = "Hospital discharge",
            Purpose = "Hear from patients about discharge.",
            LeadCommissionerId = _east.Id,
            DecisionInformed = "Discharge pathway",
            StartDate = new DateOnly(2026, 1, 5),
            EndDate = new DateOnly(2026, 2, 27),
        }, _link.Id, _east.Id, _database.Clock.GetUtcNow());
        db.Exercises.Add(exercise);
        await db.SaveChangesAsync();
        return exercise.Id;
    }
}
