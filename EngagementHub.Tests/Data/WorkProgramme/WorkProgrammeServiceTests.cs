using System.Globalization;
using EngagementHub.Core;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.History;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.WorkProgramme;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementHub.Tests.Data.WorkProgramme;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class WorkProgrammeServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : WorkProgrammeServiceTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : WorkProgrammeServiceTests(DatabaseProvider.PostgreSql);

    // Monday 2 November 2026.
    private static readonly DateOnly Today = new(2026, 11, 2);
    private TestDatabase _database = default!;
    private CapturingLoggerProvider _logs = default!;
    private WorkProgrammeService _service = default!;
    private DeadlineService _deadlines = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private int _requestRule;

    private static readonly DateTimeOffset Now = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The deadline rules, the LINk and a commissioner with a named contact, which every test starts from.</summary>
    private static async Task SeedAsync(TestDatabase template)
    {
        template.Clock.SetUtcNow(Now);
        await using var db = template.CreateContext();
        await DeadlineService.EnsureRulesAsync(db);
        var south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        south.AddContact("Janet Rowe", "Director of Engagement", "janet.rowe@example.nhs.uk", null, receivesLinkRequests: true);
        db.Organisations.AddRange(new Organisation("Birmingham LINk", OrganisationKind.Link), south);
        await db.SaveChangesAsync();
    }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSeededAsync(provider, nameof(WorkProgrammeServiceTests), SeedAsync);
        _database.Clock.SetUtcNow(Now);
        await using var db = _database.CreateContext();
        var organisations = await db.Organisations.AsNoTracking().Include(o => o.Contacts).ToDictionaryAsync(o => o.Name);
        (_link, _south) = (organisations["Birmingham LINk"], organisations["NHS South Birmingham"]);
        _requestRule = await db.DeadlineRules.Where(r => r.Kind == DeadlineKind.InformationRequest).Select(r => r.Id).SingleAsync();
        _logs = new CapturingLoggerProvider();
        var access = new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>());
        var holidays = new BankHolidayCalendar(_database.Factory, access, _database.Clock);
        _deadlines = new DeadlineService(_database.Factory, holidays, access, _database.Clock, new DeadlineDecisionLog());
        _service = new WorkProgrammeService(_database.Factory, holidays, _deadlines,
            new ExerciseService(_database.Factory, access, _database.Clock), access,
            Options.Create(new EngagementHubOptions()), _database.Clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    // The decisions log as it is published (all of it, or one kind): through the public site's one visibility rule.
    private Task<IReadOnlyList<DecisionLogEntry>> DecisionLogAsync(RelevantDecisionKind? kind = null) => PublicSites.Create(_database).DecisionsAsync(kind);

    private static Actor Editor(Organisation organisation, string name = "Lena Khan", UserRole role = UserRole.Editor) =>
        new($"user-{organisation.Id}-{name}", name, organisation.Id, organisation.Name, role);

    private static RaisedIssueInput Input() => new()
    {
        Title = "No hearing loop at the eye clinic",
        Description = "Patients with hearing aids miss their names being called.",
        ReferrerName = "Maya Patel",
        ReferrerContact = "maya.patel@example.org",
        ConsentToContact = true,
        Sector = CareSector.Health,
        RaisedOn = Today.AddDays(-7),
    };

    private static Dictionary<IssueStep, string?> SkipToDecision() => new()
    {
        [IssueStep.Discussed] = "Clear from the letter",
        [IssueStep.Consulted] = "Quick win",
        [IssueStep.BusinessCase] = "Quick win",
    };

    private async Task<int> RecordAsync(Actor? actor = null)
    {
        var outcome = await _service.RecordAsync(actor ?? Editor(_link), Input());
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        return outcome.Value;
    }

    [Fact]
    public async Task RecordAsync_CommissionerRecordsAnIssue_ItGoesOnTheLinksProgramme()
    {
        var id = await RecordAsync(Editor(_south, "Janet Rowe"));

        await using var db = _database.CreateContext();
        var issue = await db.RaisedIssues.SingleAsync(i => i.Id == id);
        Assert.Equal(_link.Id, issue.LinkOrganisationId);
        Assert.Equal(IssueStep.Raised, issue.Step);
    }

    [Fact]
    public async Task RecordAsync_ConsentWithoutContactAndFutureDate_SaysSoNextToEachFieldAndSavesNothing()
    {
        var input = Input();
        input.ReferrerContact = " ";
        input.RaisedOn = Today.AddDays(1);

        var outcome = await _service.RecordAsync(Editor(_link), input);

        Assert.Contains(outcome.Errors, e => e.Field == nameof(RaisedIssueInput.ReferrerContact));
        Assert.Contains(outcome.Errors, e => e.Field == nameof(RaisedIssueInput.RaisedOn));
        await using var db = _database.CreateContext();
        Assert.Empty(await db.RaisedIssues.ToListAsync());
    }

    [Fact]
    public async Task GetAsync_LinkViewer_MayReadTheReferrerWhoIsAskedForSeparately()
    {
        var id = await RecordAsync();

        var details = await _service.GetAsync(Editor(_link, "Vic Viewer", UserRole.Viewer), id);

        Assert.True(details!.ReferrerVisible);
        Assert.Equal("", details.Issue.ReferrerName);
        Assert.Null(details.Issue.ReferrerContact);
        Assert.Empty(_logs.Warnings);
    }

    [Fact]
    public async Task GetAsync_CommissionerAdmin_ReferrerWithheldWithoutALoggedRefusal()
    {
        var id = await RecordAsync();

        var details = await _service.GetAsync(Editor(_south, "Ada Admin", UserRole.Admin), id);

        Assert.False(details!.ReferrerVisible);
        Assert.DoesNotContain("Maya", details.Issue.ReferrerName, StringComparison.Ordinal);
        Assert.Null(details.Issue.ReferrerContact);
        // An ordinary view of the issue: nobody asked for the referrer, so the refusal log stays for real attempts.
        Assert.Empty(_logs.Warnings);
    }

    [Fact]
    public async Task ReferrerAsync_CommissionerAdmin_IsRefusedAndLogged()
    {
        var id = await RecordAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.ReferrerAsync(Editor(_south, "Ada Admin", UserRole.Admin), id));

        Assert.Contains(_logs.Warnings, l => l.Message.Contains("referrer", StringComparison.Ordinal) && l.Message.Contains($"issue {id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReferrerAsync_LinkViewer_GetsTheDetails()
    {
        var id = await RecordAsync();

        var referrer = await _service.ReferrerAsync(Editor(_link, "Vic Viewer", UserRole.Viewer), id);

        Assert.Equal(new ReferrerDetails("Maya Patel", false, "maya.patel@example.org", true), referrer);
        Assert.Empty(_logs.Warnings);
    }

    [Fact]
    public async Task RecordAsync_WithPlacements_KeepsThemAndRefusesASocialCareIssueOnAcuteServicesNextToTheField()
    {
        var input = Input();
        input.Term = IssueTerm.LongTerm;
        input.Reach = IssueReach.Minority;
        var id = (await _service.RecordAsync(Editor(_link), input)).Value;
        var wrong = Input();
        wrong.Sector = CareSector.SocialCare;
        wrong.Setting = ServiceSetting.Acute;

        var refused = await _service.RecordAsync(Editor(_link), wrong);

        Assert.Equal(nameof(RaisedIssueInput.Setting), Assert.Single(refused.Errors).Field);
        await using var db = _database.CreateContext();
        var issue = await db.RaisedIssues.SingleAsync();
        Assert.Equal(id, issue.Id);
        Assert.Equal(IssueTerm.LongTerm, issue.Term);
        Assert.Equal(IssueReach.Minority, issue.Reach);
        Assert.Null(issue.Origin);
    }

    [Fact]
    public async Task PlaceAsync_LinkEditor_SavesThePlacementAudited()
    {
        var id = await RecordAsync();
        var version = (await _service.GetAsync(Editor(_link), id))!.Issue.Version;

        var outcome = await _service.PlaceAsync(Editor(_link), id, new BalanceInput
        {
            Term = IssueTerm.ShortTerm, PartnerSector = PartnerSector.ThirdSector, Setting = ServiceSetting.Acute, Origin = IssueOrigin.Proactive,
            Reach = IssueReach.Minority, Version = version,
        });

        Assert.True(outcome.Succeeded, outcome.Problem);
        await using var db = _database.CreateContext();
        var issue = await db.RaisedIssues.SingleAsync();
        Assert.Equal((IssueTerm.ShortTerm, PartnerSector.ThirdSector, ServiceSetting.Acute, IssueOrigin.Proactive, IssueReach.Minority),
            (issue.Term, issue.PartnerSector, issue.Setting, issue.Origin, issue.Reach));
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(RaisedIssue)).OrderBy(a => a.Id).LastAsync();
        Assert.Contains(audit.Changes, c => c.Property == nameof(RaisedIssue.Origin));
    }

    [Fact]
    public async Task PlaceAsync_SomeoneSavedFirst_DescribesTheConflictAndKeepsTheirs()
    {
        var id = await RecordAsync();
        var version = (await _service.GetAsync(Editor(_link), id))!.Issue.Version;
        Assert.True((await _service.PlaceAsync(Editor(_link, "Sam Second"), id, new BalanceInput { Origin = IssueOrigin.Reactive, Version = version })).Succeeded);

        var outcome = await _service.PlaceAsync(Editor(_link), id, new BalanceInput { Origin = IssueOrigin.Proactive, Version = version });

        Assert.Contains("Sam Second", outcome.Problem, StringComparison.Ordinal);
        await using var db = _database.CreateContext();
        Assert.Equal(IssueOrigin.Reactive, (await db.RaisedIssues.SingleAsync()).Origin);
    }

    [Fact]
    public async Task PlaceAsync_CommissionerEditor_IsRefusedAndLogged()
    {
        var id = await RecordAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.PlaceAsync(Editor(_south, "Janet Rowe"), id, new BalanceInput { Origin = IssueOrigin.Proactive }));

        Assert.Contains(_logs.Warnings, l => l.Message.Contains($"issue {id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BusinessCaseAsync_SkipReasonOnTwoLines_IsRefusedAtThatReasonAndSavesNothing()
    {
        var id = await RecordAsync();

        var outcome = await _service.BusinessCaseAsync(Editor(_link), id, new BusinessCaseInput
        {
            On = Today, SuccessLooksLike = "Loops in every clinic.",
            SkipReasons = new() { [IssueStep.Discussed] = "Clear\nOpen it: https://evil.example", [IssueStep.Consulted] = "Known" },
        });

        Assert.Equal([EngagementHub.Core.Common.InputValidation.LineBreakMessage], outcome.ErrorsFor(RaisedIssue.SkipField(IssueStep.Discussed)));
        Assert.False(outcome.Succeeded);
    }

    [Fact]
    public async Task BalanceAsync_YearStepAndOutcome_CountsThatYearsIssuesWithTheirSizesAndNoReferrer()
    {
        var actor = Editor(_link);
        var big = await RecordAsync();
        Assert.True((await _service.BusinessCaseAsync(actor, big, new BusinessCaseInput
        {
            On = Today, AffectsManyPeople = true, LongLasting = true, SignificantResources = true, SuccessLooksLike = "Loops in every clinic.",
            SkipReasons = new() { [IssueStep.Discussed] = "Clear", [IssueStep.Consulted] = "Known" },
        })).Succeeded);
        var quick = await RecordAsync();
        Assert.True((await _service.DecideAsync(actor, quick, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.LinkProject, PanelMembers = "Chair", Reasons = "Ours.", ProjectOwner = "Lena Khan",
            ProjectMilestones = "One visit", ProjectEndDate = Today.AddMonths(1), SkipReasons = SkipToDecision(),
        })).Succeeded);
        var declined = await RecordAsync();
        Assert.True((await _service.DecideAsync(actor, declined, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.NoAction, PanelMembers = "Chair", Reasons = "Fixed.", SkipReasons = SkipToDecision(),
        })).Succeeded);
        var local = Input();
        local.Locality = "Erdington";
        local.Sector = CareSector.SocialCare;
        local.Origin = IssueOrigin.Proactive;
        await _service.RecordAsync(actor, local);
        var lastYear = Input();
        lastYear.RaisedOn = new DateOnly(2026, 3, 31);
        await _service.RecordAsync(actor, lastYear);

        var year = await _service.BalanceAsync(new BalanceFilter(new FinancialYear(2026)));
        var decided = await _service.BalanceAsync(new BalanceFilter(new FinancialYear(2026), Step: IssueStep.Decided));
        var projects = await _service.BalanceAsync(new BalanceFilter(new FinancialYear(2026), Outcome: PanelOutcome.LinkProject));
        var previous = await _service.BalanceAsync(new BalanceFilter(new FinancialYear(2025)));

        Assert.Equal(4, year.Issues.Count);
        Assert.Equal((1, 1), (year.BigThings, year.QuickWins));
        Assert.Equal([3, 1, 0], year.For(BalanceDimension.CareSector).Counts);
        Assert.Equal([3, 1], year.For(BalanceDimension.Scope).Counts);
        Assert.Equal(2, year.For(BalanceDimension.Size).NotPlaced);
        Assert.Equal(3, year.Issues.Single(i => i.Id == big).BigIssueScore);
        Assert.Equal(IssueSize.BigThing, year.Issues.Single(i => i.Id == big).Size);
        Assert.Contains(year.Warnings, w => w.Dimension == BalanceDimension.Size);
        Assert.Equal(2, decided.Issues.Count);
        Assert.Equal(quick, Assert.Single(projects.Issues).Id);
        Assert.Single(previous.Issues);
        Assert.DoesNotContain("Maya", string.Join("|", year.Issues.Select(i => i.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAndHistory_AnyReader_NeverCarryTheReferrersDetails()
    {
        var id = await RecordAsync();

        var rows = await _service.ListAsync(new IssueFilter());
        await using var db = _database.CreateContext();
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(RaisedIssue)).ToListAsync();

        Assert.DoesNotContain("Maya", string.Join("|", rows.Select(r => r.ToString())), StringComparison.Ordinal);
        Assert.NotEmpty(audit);
        Assert.DoesNotContain(audit.SelectMany(a => a.Changes), c => (c.After ?? "").Contains("Maya", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(id, rows.Single().Id);
    }

    [Fact]
    public async Task DecideAsync_ReferToCommissioner_CreatesTheRequestAndFeedbackDueTogetherLinkedBothWays()
    {
        var id = await RecordAsync();

        var outcome = await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today,
            Outcome = PanelOutcome.ReferToProviderOrCommissioner,
            PanelMembers = "Chair and two members",
            Reasons = "The trust should say when the loop will be fitted.",
            RuleId = _requestRule,
            ToOrganisationId = _south.Id,
            SkipReasons = SkipToDecision(),
        });

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)) + outcome.Problem);
        await using var db = _database.CreateContext();
        var issue = await db.RaisedIssues.SingleAsync(i => i.Id == id);
        var deadline = await db.Deadlines.SingleAsync();
        Assert.Equal(IssueStep.Decided, issue.Step);
        Assert.Equal(deadline.Id, issue.DeadlineId);
        Assert.Equal(_south.Id, deadline.ToOrganisationId);
        Assert.Equal(Today, deadline.Received);
        // 20 working days after Monday 2 November 2026, not counting the day of the decision.
        Assert.Equal(new DateOnly(2026, 11, 30), issue.FeedbackDue);
        Assert.Equal(id, (await _service.ForDeadlineAsync(deadline.Id))!.Id);
        var history = await db.AuditEntries.Where(a => a.EntityType == nameof(RaisedIssue)).OrderBy(a => a.Id).ToListAsync();
        Assert.Contains(history, h => AuditText.Describe(h).Action == "recorded the panel's decision");
    }

    [Fact]
    public async Task DecideAsync_ReferAsAKindTheFormDoesNotOffer_RefusedOnTheKindAndNothingCreated()
    {
        var id = await RecordAsync();
        int scrutinyRule;
        await using (var db = _database.CreateContext())
        {
            scrutinyRule = await db.DeadlineRules.Where(r => r.Kind == DeadlineKind.ScrutinyReferral).Select(r => r.Id).SingleAsync();
        }

        // A crafted post: the form offers a request for information or a report only (PanelChoicesAsync).
        var outcome = await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today,
            Outcome = PanelOutcome.ReferToProviderOrCommissioner,
            PanelMembers = "Chair and two members",
            Reasons = "The trust should say when the loop will be fitted.",
            RuleId = scrutinyRule,
            ToOrganisationId = _south.Id,
            SkipReasons = SkipToDecision(),
        });

        Assert.NotEmpty(outcome.ErrorsFor(nameof(PanelDecisionInput.RuleId)));
        Assert.Equal([DeadlineKind.InformationRequest, DeadlineKind.ReportResponse], (await _service.PanelChoicesAsync(id)).ReferralKinds.Select(r => r.Kind));
        await using var check = _database.CreateContext();
        Assert.Empty(await check.Deadlines.ToListAsync());
        Assert.Equal(IssueStep.Raised, (await check.RaisedIssues.SingleAsync(i => i.Id == id)).Step);
    }

    // The panel refers the issue as a request for information, which goes to a commissioner or a provider, but addressed
    // to the scrutiny committee (a form left open, or a crafted post). The deadline path refuses it at "Sent to", logged as
    // every refusal is, and neither the decision nor a deadline is saved.
    [Fact]
    public async Task DecideAsync_ReferralToAKindOfOrganisationItsKindDoesNotGoTo_RefusedAtSentToLoggedAndNothingSaved()
    {
        var id = await RecordAsync();
        var scrutiny = new Organisation("Birmingham Health Overview and Scrutiny Committee", OrganisationKind.Scrutiny);
        await using (var db = _database.CreateContext())
        {
            db.Organisations.Add(scrutiny);
            await db.SaveChangesAsync();
        }

        var outcome = await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today,
            Outcome = PanelOutcome.ReferToProviderOrCommissioner,
            PanelMembers = "Chair and two members",
            Reasons = "The committee should look at the loop.",
            RuleId = _requestRule,
            ToOrganisationId = scrutiny.Id,
            SkipReasons = SkipToDecision(),
        });

        var refused = Assert.Single(outcome.ErrorsFor(nameof(PanelDecisionInput.ToOrganisationId)));
        Assert.Contains("Birmingham Health Overview and Scrutiny Committee", refused, StringComparison.Ordinal);
        Assert.Contains("a commissioner or a provider", refused, StringComparison.Ordinal);
        Assert.Contains(_logs.Warnings, l => l.Message.Contains($"organisation {scrutiny.Id}", StringComparison.Ordinal));
        await using var check = _database.CreateContext();
        Assert.Empty(await check.Deadlines.ToListAsync());
        Assert.Empty(await check.RelevantDecisions.ToListAsync());
        var issue = await check.RaisedIssues.SingleAsync(i => i.Id == id);
        Assert.Equal((IssueStep.Raised, (int?)null), (issue.Step, issue.DeadlineId));
    }

    [Theory]
    [InlineData(40)]
    [InlineData(3990)]
    [InlineData(4000)]
    public async Task DecideAsync_ReferWithReasonsUpToTheirLimit_TheDeadlineCarriesTheReasonsWhole(int length)
    {
        var id = await RecordAsync();
        var reasons = string.Concat(Enumerable.Repeat("The trust should say when the loop will be fitted. ", 80))[..length].Trim();

        var outcome = await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.ReferToProviderOrCommissioner, PanelMembers = "Chair", Reasons = reasons,
            RuleId = _requestRule, ToOrganisationId = _south.Id, SkipReasons = SkipToDecision(),
        });

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => $"{e.Field}: {e.Message}")) + outcome.Problem);
        await using var db = _database.CreateContext();
        var details = (await db.Deadlines.SingleAsync()).Details!;
        Assert.EndsWith(reasons, details, StringComparison.Ordinal);
        Assert.Equal(length < 3900 ? $"Referred by the LINk's panel on {UkTime.FormatDate(Today)}: {reasons}" : reasons, details);
        Assert.Equal(reasons, (await db.RaisedIssues.SingleAsync()).DecisionReasons);
    }

    [Fact]
    public async Task DecideAsync_FurtherConsultationOnALongIssueWithLongReasons_TheExerciseCarriesTheReasonsWhole()
    {
        var input = Input();
        input.Title = new string('t', 300);
        input.Description = new string('d', 4000);
        var issue = (await _service.RecordAsync(Editor(_link), input)).Value;
        var reasons = new string('r', 3990);

        var outcome = await _service.DecideAsync(Editor(_link), issue, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.FurtherConsultation, PanelMembers = "Chair", Reasons = reasons,
            LeadCommissionerId = _south.Id, ExerciseStart = Today.AddDays(14), ExerciseEnd = Today.AddDays(60), SkipReasons = SkipToDecision(),
        });

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => $"{e.Field}: {e.Message}")) + outcome.Problem);
        await using var db = _database.CreateContext();
        var exercise = await db.Exercises.SingleAsync();
        Assert.Equal(reasons, exercise.Purpose);
        // An issue's title may be longer than an exercise's: only then is it cut, and the issue keeps it whole.
        Assert.Equal(new string('t', 199) + "…", exercise.Title);
    }

    [Fact]
    public async Task DecideAsync_FurtherConsultationOnAShortIssue_TheExerciseSaysWhereItCameFrom()
    {
        var id = await RecordAsync();

        await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.FurtherConsultation, PanelMembers = "Chair", Reasons = "Ask the people who use the clinic.",
            LeadCommissionerId = _south.Id, ExerciseStart = Today.AddDays(14), ExerciseEnd = Today.AddDays(60), SkipReasons = SkipToDecision(),
        });

        await using var db = _database.CreateContext();
        var exercise = await db.Exercises.SingleAsync();
        Assert.Equal("Consultation: No hearing loop at the eye clinic", exercise.Title);
        Assert.Equal($"Patients with hearing aids miss their names being called.\n\nProposed by the LINk's panel on {UkTime.FormatDate(Today)}: "
            + "Ask the people who use the clinic.", exercise.Purpose);
    }

    private static readonly Actor HolidayAdmin = new("ada", "Ada Admin", null, null, UserRole.Admin);

    /// <summary>The calendar as the app has it, recounting the feedback owed on issues as well as deadlines.</summary>
    private BankHolidayCalendar HolidaysWithFeedback() =>
        new(_database.Factory, new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock, [new FeedbackDueDates(_database.Clock)]);

    private async Task<int> DecidedWithNoActionAsync(DateOnly? on = null)
    {
        var id = await RecordAsync();
        var decided = await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = on ?? Today, Outcome = PanelOutcome.NoAction, PanelMembers = "Chair", Reasons = "Fixed already.", SkipReasons = SkipToDecision(),
        });
        Assert.True(decided.Succeeded, decided.Problem);
        return id;
    }

    // A recount of the feedback owed is saved as the administrator who changed the holidays, who never edited the issue:
    // a page read before it is refused, and told that the date was recounted, not that the administrator saved the issue.
    [Fact]
    public async Task PlaceAsync_PageReadBeforeAHolidayMovedTheFeedbackDue_ToldOfTheRecountNamingNobody()
    {
        var id = await DecidedWithNoActionAsync(); // feedback due Mon 30 Nov 2026
        var seen = (await _service.GetAsync(Editor(_link), id))!.Issue.Version;
        Assert.True((await HolidaysWithFeedback().AddAsync(HolidayAdmin, new DateOnly(2026, 11, 16), "Extra holiday")).Succeeded);

        var outcome = await _service.PlaceAsync(Editor(_link), id, new BalanceInput { Origin = IssueOrigin.Proactive, Version = seen });

        Assert.Equal($"The feedback due date was recounted on {UkTime.FormatDate(UkTime.Today(_database.Clock))} after the bank holidays changed: "
            + $"it is now {UkTime.FormatDate(new DateOnly(2026, 12, 1))}. Nothing was saved: reload to see it, then make your change again.", outcome.Problem);
        Assert.DoesNotContain("Ada Admin", outcome.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHoliday_InsideTheFeedbackCount_PreviewedThenTheFeedbackDueMovesWithANoteAndBackWhenRemoved()
    {
        // Decided Monday 2 November 2026: feedback due Monday 30 November, 20 working days on.
        var id = await DecidedWithNoActionAsync();
        var holidays = HolidaysWithFeedback();
        var extra = new DateOnly(2026, 11, 16);

        var preview = await holidays.PreviewAddAsync(HolidayAdmin, extra, "Extra holiday");

        Assert.Equal([new MovedDeadline(id, "No hearing loop at the eye clinic", "", new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 1), MovedDateKind.Feedback)],
            preview.Value);
        Assert.Equal(new DateOnly(2026, 11, 30), (await _service.ListAsync(new IssueFilter())).Single().FeedbackDue); // a preview changes nothing

        var added = await holidays.AddAsync(HolidayAdmin, extra, "Extra holiday");

        Assert.Equal(preview.Value, added.Value);
        Assert.Equal(new DateOnly(2026, 12, 1), (await _service.ListAsync(new IssueFilter())).Single().FeedbackDue);
        var issue = (await _service.GetAsync(Editor(_link), id))!.Issue;
        Assert.Equal($"Feedback due date moved from {UkTime.FormatDate(new DateOnly(2026, 11, 30))} to {UkTime.FormatDate(new DateOnly(2026, 12, 1))} "
            + $"because bank holiday {UkTime.FormatDate(extra)} (Extra holiday) was added.", issue.FeedbackDueNote);
        await using var db = _database.CreateContext();
        var history = await db.AuditEntries.Where(a => a.EntityType == nameof(RaisedIssue)).OrderBy(a => a.Id).LastAsync();
        Assert.Equal("Ada Admin", history.UserName);
        Assert.Contains(history.Changes, c => c is { Property: nameof(RaisedIssue.FeedbackDue), Before: "2026-11-30", After: "2026-12-01" });

        // Removed again, the date is counted back.
        var holiday = (await holidays.ListAsync(2026)).Single(h => h.Date == extra);
        Assert.True((await holidays.RemoveAsync(HolidayAdmin, holiday.Id)).Succeeded);
        Assert.Equal(new DateOnly(2026, 11, 30), (await _service.ListAsync(new IssueFilter())).Single().FeedbackDue);
    }

    // The forms ask how the referrer was told ("Phoned Maya Patel on ..."): those notes, and the discussion's, name them.
    // Someone outside the LINk reading the issue sees the steps' dates, not their notes, and the issue's history, read
    // beyond the LINk, does not copy them (ADR 22); the LINk's own people still read them.
    [Fact]
    public async Task GetAsync_StepNotesNamingTheReferrer_WithheldFromOtherOrganisationsAndKeptOutOfTheHistory()
    {
        var id = await RecordAsync();
        Assert.True((await _service.DiscussAsync(Editor(_link), id, new StepInput { On = Today, Notes = "Met Maya Patel at the clinic." })).Succeeded);
        Assert.True((await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.NoAction, PanelMembers = "Chair", Reasons = "Fixed already.",
            SkipReasons = new() { [IssueStep.Consulted] = "Quick win", [IssueStep.BusinessCase] = "Quick win" },
        })).Succeeded);
        Assert.True((await _service.FeedbackAsync(Editor(_link), id, new StepInput { On = Today, Notes = "Phoned Maya Patel on 07700 900123." })).Succeeded);

        var outside = (await _service.GetAsync(Editor(_south, "Janet Rowe"), id))!.Issue;
        var inside = (await _service.GetAsync(Editor(_link), id))!.Issue;

        Assert.Equal((Today, (string?)null, Today, (string?)null), (outside.DiscussedOn, outside.DiscussionNotes, outside.FeedbackGivenOn, outside.FeedbackNotes));
        Assert.Equal(("Met Maya Patel at the clinic.", "Phoned Maya Patel on 07700 900123."), (inside.DiscussionNotes, inside.FeedbackNotes));
        await using var db = _database.CreateContext();
        var history = await db.AuditEntries.Where(a => a.EntityType == nameof(RaisedIssue)).ToListAsync();
        Assert.DoesNotContain(history.SelectMany(a => a.Changes), c => (c.Before + c.After).Contains("Maya", StringComparison.Ordinal));
    }

    // The discussion skipped for a reason that names the referrer: withheld from someone outside the LINk (it still reads
    // as skipped) and kept out of the history.
    [Fact]
    public async Task GetAsync_DiscussionSkippedForAReasonNamingTheReferrer_WithheldFromOtherOrganisations()
    {
        var id = await RecordAsync();
        Assert.True((await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.NoAction, PanelMembers = "Chair", Reasons = "Fixed already.",
            SkipReasons = new() { [IssueStep.Discussed] = "Maya Patel could not be reached", [IssueStep.Consulted] = "Quick win", [IssueStep.BusinessCase] = "Quick win" },
        })).Succeeded);

        Assert.Equal("", (await _service.GetAsync(Editor(_south, "Janet Rowe"), id))!.Issue.DiscussionSkippedReason);
        Assert.Equal("Maya Patel could not be reached", (await _service.GetAsync(Editor(_link), id))!.Issue.DiscussionSkippedReason);
        await using var db = _database.CreateContext();
        var history = await db.AuditEntries.Where(a => a.EntityType == nameof(RaisedIssue)).ToListAsync();
        Assert.DoesNotContain(history.SelectMany(a => a.Changes), c => (c.Before + c.After).Contains("Maya", StringComparison.Ordinal));
    }

    // The person who raised it did not agree to be contacted: the LINk cannot tell them the decision, so nothing is due,
    // listed as owed, reminded of or counted as a promise; the LINk can still close the issue by recording how the
    // decision was made known.
    [Fact]
    public async Task DecideAsync_ReferrerDidNotAgreeToBeContacted_NoFeedbackDueOwedOrReminded()
    {
        var input = Input();
        (input.ConsentToContact, input.ReferrerContact) = (false, null);
        var id = (await _service.RecordAsync(Editor(_link), input)).Value;
        Assert.True((await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.NoAction, PanelMembers = "Chair", Reasons = "Fixed already.", SkipReasons = SkipToDecision(),
        })).Succeeded);

        var issue = (await _service.GetAsync(Editor(_link), id))!.Issue;
        Assert.Equal((IssueStep.Decided, (DateOnly?)null, false), (issue.Step, issue.FeedbackDue, issue.FeedbackOwed));
        Assert.Empty(await _service.ListAsync(new IssueFilter(FeedbackOwedOnly: true)));
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(0, await FeedbackReminders.RemindAsync(db, new WorkingDayCalendar([]), Today.AddDays(60), _database.Clock.GetUtcNow()));
        }

        Assert.True((await _service.FeedbackAsync(Editor(_link), id, new StepInput { On = Today, Notes = "Published in the decisions log." })).Succeeded);
    }

    // The panel met on Saturday 31 October 2026: feedback is due 20 working days on, counted from Monday 2 November, so
    // Friday 27 November. A holiday added years away must not move it (the count was once read back as 19, from the next
    // working day, and the date moved a day earlier with a false note); one added inside the count moves it a day later.
    [Theory]
    [InlineData("2029-06-05", "2026-11-27")]
    [InlineData("2026-11-18", "2026-11-30")]
    public async Task AddHoliday_FeedbackCountedFromADecisionOnASaturday_MovesOnlyForAHolidayInsideTheCount(string holiday, string expected)
    {
        var id = await DecidedWithNoActionAsync(new DateOnly(2026, 10, 31));
        Assert.Equal(new DateOnly(2026, 11, 27), (await _service.GetAsync(Editor(_link), id))!.Issue.FeedbackDue);

        Assert.True((await HolidaysWithFeedback().AddAsync(HolidayAdmin, DateOnly.Parse(holiday, CultureInfo.InvariantCulture), "One-off holiday")).Succeeded);

        var issue = (await _service.GetAsync(Editor(_link), id))!.Issue;
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), issue.FeedbackDue);
        Assert.Equal(expected == "2026-11-27", issue.FeedbackDueNote is null);
    }

    [Fact]
    public async Task AddHoliday_FeedbackAlreadyGiven_KeepsTheDateItWasGivenAgainst()
    {
        var id = await DecidedWithNoActionAsync();
        Assert.True((await _service.FeedbackAsync(Editor(_link), id, new StepInput { On = Today, Notes = "Phoned her." })).Succeeded);
        var holidays = HolidaysWithFeedback();

        var added = await holidays.AddAsync(HolidayAdmin, new DateOnly(2026, 11, 16), "Extra holiday");

        Assert.Empty(added.Value!);
        var issue = (await _service.GetAsync(Editor(_link), id))!.Issue;
        Assert.Equal(new DateOnly(2026, 11, 30), issue.FeedbackDue);
        Assert.Null(issue.FeedbackDueNote);
    }

    [Fact]
    public async Task DecideAsync_ReferToCommissioner_OneHistoryEntryForTheDecisionAndItsDeadline()
    {
        var id = await RecordAsync();

        var outcome = await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.ReferToProviderOrCommissioner, PanelMembers = "Chair", Reasons = "Ask the trust.",
            RuleId = _requestRule, ToOrganisationId = _south.Id, SkipReasons = SkipToDecision(),
        });

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)) + outcome.Problem);
        var decision = Assert.Single(await IssueHistoryAfterRecordingAsync(id));
        Assert.Equal("recorded the panel's decision", AuditText.Describe(decision).Action);
        Assert.Contains(decision.Changes, c => c.Property == nameof(RaisedIssue.DeadlineId) && c.After != null);
        Assert.Contains(decision.Changes, c => c.Property == nameof(RaisedIssue.Outcome));
    }

    [Fact]
    public async Task DecideAsync_FurtherConsultation_OneHistoryEntryForTheDecisionAndItsExercise()
    {
        var id = await RecordAsync();

        var outcome = await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.FurtherConsultation, PanelMembers = "Chair", Reasons = "Ask the people who use the clinic.",
            LeadCommissionerId = _south.Id, ExerciseStart = Today.AddDays(14), ExerciseEnd = Today.AddDays(60), SkipReasons = SkipToDecision(),
        });

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)) + outcome.Problem);
        var decision = Assert.Single(await IssueHistoryAfterRecordingAsync(id));
        Assert.Equal("recorded the panel's decision", AuditText.Describe(decision).Action);
        Assert.Contains(decision.Changes, c => c.Property == nameof(RaisedIssue.ExerciseId) && c.After != null);
    }

    /// <returns>The issue's history entries after the one that recorded it, oldest first.</returns>
    private async Task<List<AuditEntry>> IssueHistoryAfterRecordingAsync(int id)
    {
        await using var db = _database.CreateContext();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var history = await db.AuditEntries.Where(a => a.EntityType == nameof(RaisedIssue) && a.EntityId == key).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(AuditAction.Added, history[0].Action);
        return [.. history.Skip(1)];
    }

    [Fact]
    public async Task DecideAsync_ReferralTheDeadlinePathRefuses_SavesNeitherTheDecisionNorADeadline()
    {
        var id = await RecordAsync();

        var outcome = await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today,
            Outcome = PanelOutcome.ReferToProviderOrCommissioner,
            PanelMembers = "Chair",
            Reasons = "Refer it.",
            RuleId = _requestRule,
            ToOrganisationId = _link.Id,
            SkipReasons = SkipToDecision(),
        });

        Assert.Contains(outcome.Errors, e => e.Field == nameof(PanelDecisionInput.ToOrganisationId));
        await using var db = _database.CreateContext();
        Assert.Equal(IssueStep.Raised, (await db.RaisedIssues.SingleAsync()).Step);
        Assert.Empty(await db.Deadlines.ToListAsync());
    }

    private PanelDecisionInput Decision(PanelOutcome outcome, int organisationId) => new()
    {
        On = Today, Outcome = outcome, PanelMembers = "Chair", Reasons = "Theirs to take forward.", SkipReasons = SkipToDecision(),
        RuleId = _requestRule, ToOrganisationId = organisationId, HandOffContact = "Ed Jones",
        LeadCommissionerId = organisationId, ExerciseStart = Today.AddDays(14), ExerciseEnd = Today.AddDays(60),
    };

    [Theory]
    [InlineData(PanelOutcome.ReferToProviderOrCommissioner, nameof(PanelDecisionInput.ToOrganisationId))]
    [InlineData(PanelOutcome.WorkWithAnotherOrganisation, nameof(PanelDecisionInput.ToOrganisationId))]
    [InlineData(PanelOutcome.FurtherConsultation, nameof(PanelDecisionInput.LeadCommissionerId))]
    public async Task DecideAsync_OrganisationDeactivatedWhileTheFormWasOpen_SaysSoNextToItsFieldAndSavesNothing(PanelOutcome outcome, string field)
    {
        var id = await RecordAsync();
        var east = new Organisation("NHS Birmingham East and North", OrganisationKind.Commissioner);
        east.Deactivate();
        await using (var setup = _database.CreateContext())
        {
            setup.Organisations.Add(east);
            await setup.SaveChangesAsync();
        }

        var decided = await _service.DecideAsync(Editor(_link), id, Decision(outcome, east.Id));

        Assert.Equal(["NHS Birmingham East and North is no longer active. Choose another organisation."], decided.ErrorsFor(field));
        await using var db = _database.CreateContext();
        var issue = await db.RaisedIssues.SingleAsync();
        Assert.Equal((IssueStep.Raised, null), (issue.Step, issue.PartnerOrganisationId));
        Assert.Empty(await db.Deadlines.ToListAsync());
        Assert.Empty(await db.Exercises.ToListAsync());
        Assert.Empty(await db.RelevantDecisions.ToListAsync());
    }

    [Fact]
    public async Task FeedbackAsync_HandedToAnOrganisationDeactivatedSince_StillClosesTheIssue()
    {
        var id = await RecordAsync();
        Assert.True((await _service.DecideAsync(Editor(_link), id, Decision(PanelOutcome.WorkWithAnotherOrganisation, _south.Id))).Succeeded);
        await using (var setup = _database.CreateContext())
        {
            (await setup.Organisations.SingleAsync(o => o.Id == _south.Id)).Deactivate();
            await setup.SaveChangesAsync();
        }

        var feedback = await _service.FeedbackAsync(Editor(_link), id, new StepInput { On = Today, Notes = "Wrote to her." });

        Assert.True(feedback.Succeeded, feedback.Problem);
        await using var db = _database.CreateContext();
        var issue = await db.RaisedIssues.SingleAsync();
        Assert.Equal((IssueStep.FeedbackGiven, _south.Id), (issue.Step, issue.PartnerOrganisationId));
    }

    [Fact]
    public async Task DecideAsync_CommissionerEditor_IsRefusedAndLogged()
    {
        var id = await RecordAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.DecideAsync(Editor(_south, "Janet Rowe"), id, new PanelDecisionInput { On = Today }));
        Assert.Contains(_logs.Warnings, l => l.Message.Contains($"issue {id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DecideAsync_BusinessCaseRecordedByAColleagueAfterThePageWasRead_RefusedNamingWhoAndNothingDecided()
    {
        var id = await RecordAsync();
        Assert.True((await _service.DiscussAsync(Editor(_link), id, new StepInput { On = Today.AddDays(-6), Notes = "Met at the clinic.", SeenStep = IssueStep.Raised })).Succeeded);
        Assert.True((await _service.ConsultAsync(Editor(_link), id, new StepInput { On = Today.AddDays(-5), Notes = "Deaf forum agrees.", SeenStep = IssueStep.Discussed })).Succeeded);
        // Lena's page shows the issue consulted on; a colleague then records a business case she never sees.
        var seen = (await _service.GetAsync(Editor(_link), id))!.Issue.Step;
        Assert.True((await _service.BusinessCaseAsync(Editor(_link, "Priya Shah"), id, new BusinessCaseInput
        {
            On = Today.AddDays(-1), AffectsManyPeople = true, SuccessLooksLike = "Loops in every clinic.", SeenStep = seen,
        })).Succeeded);

        var outcome = await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.NoAction, PanelMembers = "Chair", Reasons = "A quick fix, not ours to do.", SeenStep = seen,
            SkipReasons = new() { [IssueStep.BusinessCase] = "Quick win" },
        });

        Assert.StartsWith("Priya Shah recorded \"business case written\", dated ", outcome.Problem);
        Assert.Contains("after your page was shown", outcome.Problem, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", outcome.Problem, StringComparison.Ordinal);
        await using var db = _database.CreateContext();
        var issue = await db.RaisedIssues.SingleAsync();
        Assert.Equal((IssueStep.BusinessCase, null), (issue.Step, issue.Outcome));
        Assert.Null(issue.BusinessCaseSkippedReason);
        Assert.Empty(await db.RelevantDecisions.ToListAsync());
    }

    [Fact]
    public async Task DecideAsync_AColleagueRecordedTheDecisionAfterThePageWasRead_RefusedNamingTheirOutcome()
    {
        var id = await RecordAsync();
        var seen = (await _service.GetAsync(Editor(_link), id))!.Issue.Step;
        Assert.True((await _service.DecideAsync(Editor(_link, "Priya Shah"), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.NoAction, PanelMembers = "Chair", Reasons = "Already fixed.", SkipReasons = SkipToDecision(), SeenStep = seen,
        })).Succeeded);

        var outcome = await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.LinkProject, PanelMembers = "Chair", Reasons = "Ours to do.", SkipReasons = SkipToDecision(), SeenStep = seen,
            ProjectOwner = "Lena Khan", ProjectMilestones = "Survey clinics", ProjectEndDate = Today.AddMonths(3),
        });

        Assert.StartsWith("Priya Shah recorded the panel's decision (\"No action\")", outcome.Problem);
        await using var db = _database.CreateContext();
        Assert.Equal(PanelOutcome.NoAction, (await db.RaisedIssues.SingleAsync()).Outcome);
        Assert.Single(await db.RelevantDecisions.ToListAsync());
    }

    [Fact]
    public async Task DiscussAsync_PlacedOnTheBalanceByAColleagueAfterThePageWasRead_StillRecorded()
    {
        var id = await RecordAsync();
        var shown = (await _service.GetAsync(Editor(_link), id))!.Issue;
        Assert.True((await _service.PlaceAsync(Editor(_link, "Priya Shah"), id, new BalanceInput { Origin = IssueOrigin.Reactive, Version = shown.Version })).Succeeded);

        // Decided on the steps the page showed, which the placement left as they were: not the issue's version.
        var outcome = await _service.DiscussAsync(Editor(_link), id, new StepInput { On = Today, Notes = "Phoned her.", SeenStep = shown.Step });

        Assert.True(outcome.Succeeded, outcome.Problem);
        await using var db = _database.CreateContext();
        Assert.Equal(IssueStep.Discussed, (await db.RaisedIssues.SingleAsync()).Step);
    }

    [Fact]
    public async Task StepsAsync_DiscussConsultCaseDecideFeedback_EachDatedWithWhoDidIt()
    {
        var id = await RecordAsync();
        var actor = Editor(_link);
        Assert.True((await _service.DiscussAsync(actor, id, new StepInput { On = Today.AddDays(-6), Notes = "Met at the clinic." })).Succeeded);
        Assert.True((await _service.ConsultAsync(actor, id, new StepInput { On = Today.AddDays(-5), Notes = "Deaf forum: same problem at audiology." })).Succeeded);
        Assert.True((await _service.BusinessCaseAsync(actor, id, new BusinessCaseInput { On = Today.AddDays(-4), AffectsInequalities = true, SuccessLooksLike = "Loops fitted." })).Succeeded);
        Assert.True((await _service.DecideAsync(actor, id, new PanelDecisionInput
        {
            On = Today.AddDays(-3), Outcome = PanelOutcome.LinkProject, PanelMembers = "Chair", Reasons = "Ours to do.",
            ProjectOwner = "Lena Khan", ProjectMilestones = "Survey clinics; report", ProjectEndDate = Today.AddMonths(3),
        })).Succeeded);
        var feedback = await _service.FeedbackAsync(actor, id, new StepInput { On = Today, Notes = "Wrote to her." });

        Assert.True(feedback.Succeeded);
        await using var db = _database.CreateContext();
        var issue = await db.RaisedIssues.SingleAsync();
        Assert.Equal(IssueStep.FeedbackGiven, issue.Step);
        Assert.Equal("Lena Khan", issue.ConsultedBy);
        Assert.Equal(Today.AddDays(-4), issue.BusinessCaseOn);
        Assert.Equal("Lena Khan", issue.ProjectOwner);
        Assert.Equal(Today, issue.FeedbackGivenOn);
    }

    [Fact]
    public async Task DecideAsync_FurtherConsultation_ProposesTheExerciseThroughItsCreatePathAndLogsTheDecision()
    {
        var id = await RecordAsync();

        var outcome = await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.FurtherConsultation, PanelMembers = "Chair", Reasons = "Ask the people who use the clinic.",
            LeadCommissionerId = _south.Id, ExerciseStart = Today.AddDays(14), ExerciseEnd = Today.AddDays(60), SkipReasons = SkipToDecision(),
        });

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)) + outcome.Problem);
        await using var db = _database.CreateContext();
        var exercise = await db.Exercises.SingleAsync();
        var issue = await db.RaisedIssues.SingleAsync();
        Assert.Equal(exercise.Id, issue.ExerciseId);
        Assert.Equal(ExerciseState.Proposed, exercise.State);
        Assert.Equal(_south.Id, exercise.LeadCommissionerId);
        Assert.Equal(id, (await _service.ForExerciseAsync(exercise.Id))!.Id);
        var logged = Assert.Single(await DecisionLogAsync());
        Assert.Equal(RelevantDecisionKind.TakeUpIssue, logged.Kind);
        Assert.Equal(WorkProgrammeService.PanelBody, logged.DecidedBy);
    }

    [Fact]
    public async Task DecideAsync_FurtherConsultationEndingBeforeItStarts_SaysSoOnTheEndDateAndSavesNothing()
    {
        var id = await RecordAsync();

        var outcome = await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.FurtherConsultation, PanelMembers = "Chair", Reasons = "Ask them.",
            LeadCommissionerId = _south.Id, ExerciseStart = Today.AddDays(14), ExerciseEnd = Today.AddDays(2), SkipReasons = SkipToDecision(),
        });

        Assert.Contains(outcome.Errors, e => e.Field == nameof(PanelDecisionInput.ExerciseEnd));
        await using var db = _database.CreateContext();
        Assert.Empty(await db.Exercises.ToListAsync());
        Assert.Empty(await db.RelevantDecisions.ToListAsync());
        Assert.Equal(IssueStep.Raised, (await db.RaisedIssues.SingleAsync()).Step);
    }

    [Fact]
    public async Task DecisionLog_ReferralAndNoAction_LoggedAsRequestAndDeclineWithoutTheReferrer()
    {
        var referred = await RecordAsync();
        var declined = await RecordAsync();
        await _service.DecideAsync(Editor(_link), referred, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.ReferToProviderOrCommissioner, PanelMembers = "Chair", Reasons = "Ask the trust.",
            RuleId = _requestRule, ToOrganisationId = _south.Id, SkipReasons = SkipToDecision(),
        });
        await _service.DecideAsync(Editor(_link), declined, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.NoAction, PanelMembers = "Chair", Reasons = "Already fixed.", SkipReasons = SkipToDecision(),
        });

        var log = await DecisionLogAsync();

        Assert.Equal([RelevantDecisionKind.RequestInformation, RelevantDecisionKind.DeclineIssue], log.Select(d => d.Kind).Order());
        Assert.DoesNotContain(log, d => d.ToString().Contains("Maya", StringComparison.Ordinal) || d.ToString().Contains("example.org", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogAsync_RequestLoggedByTheLink_EntersTheDecisionsLogInTheSameSaveWithWhoAndWhy()
    {
        var outcome = await _deadlines.LogAsync(Editor(_link), new DeadlineInput
        {
            RuleId = _requestRule, Subject = "Waiting times for wheelchair assessments", ToOrganisationId = _south.Id, Received = Today,
            Reasons = "Families told us of waits of a year.",
        });

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        var logged = Assert.Single(await DecisionLogAsync());
        // Taken by the LINk, as the log publishes bodies; the officer who logged it is kept as who recorded it, never published.
        Assert.Equal((RelevantDecisionKind.RequestInformation, Today, "Waiting times for wheelchair assessments", _link.Name, "Families told us of waits of a year."),
            (logged.Kind, logged.DecidedOn, logged.Subject, logged.DecidedBy, logged.Reasons));
        Assert.DoesNotContain("Lena Khan", logged.ToString(), StringComparison.Ordinal);
        await using var db = _database.CreateContext();
        var stored = await db.RelevantDecisions.SingleAsync();
        Assert.Equal((outcome.Value, "Lena Khan"), (stored.DeadlineId, stored.RecordedBy));
    }

    [Fact]
    public async Task LogAsync_ReportAndReferralWithoutReasons_LoggedByKindWithTheSubjectAsReasons()
    {
        await using (var db = _database.CreateContext())
        {
            db.Organisations.Add(new Organisation("Health Overview and Scrutiny Committee", OrganisationKind.Scrutiny));
            await db.SaveChangesAsync();
        }

        int Rule(DeadlineKind kind)
        {
            using var db = _database.CreateContext();
            return db.DeadlineRules.Single(r => r.Kind == kind).Id;
        }

        int scrutiny;
        await using (var db = _database.CreateContext())
        {
            scrutiny = await db.Organisations.Where(o => o.Kind == OrganisationKind.Scrutiny).Select(o => o.Id).SingleAsync();
        }

        Assert.True((await _deadlines.LogAsync(Editor(_link), new DeadlineInput
        {
            RuleId = Rule(DeadlineKind.ReportResponse), Subject = "Report on the eye clinic", ToOrganisationId = _south.Id, Received = Today,
        })).Succeeded);
        Assert.True((await _deadlines.LogAsync(Editor(_link), new DeadlineInput
        {
            RuleId = Rule(DeadlineKind.ScrutinyReferral), Subject = "Hospital discharge", ToOrganisationId = scrutiny, Received = Today,
        })).Succeeded);

        var log = await DecisionLogAsync();

        Assert.Equal([RelevantDecisionKind.ReportOrRecommendation, RelevantDecisionKind.ReferToScrutiny], log.Select(d => d.Kind).Order());
        Assert.All(log, d => Assert.Equal(d.Subject, d.Reasons));
        Assert.Equal(["Hospital discharge"], (await DecisionLogAsync(RelevantDecisionKind.ReferToScrutiny)).Select(d => d.Subject));
    }

    [Fact]
    public async Task LogAsync_CustomKind_NotARelevantDecisionSoNothingLogged()
    {
        int custom;
        await using (var db = _database.CreateContext())
        {
            var rule = new DeadlineRule(DeadlineKind.Custom, "Response to a quality account comment");
            db.DeadlineRules.Add(rule);
            await db.SaveChangesAsync();
            custom = rule.Id;
        }

        var outcome = await _deadlines.LogAsync(Editor(_link), new DeadlineInput
        {
            RuleId = custom, Subject = "Quality account 2026", ToOrganisationId = _south.Id, Received = Today, Reasons = "Asked for comments.",
        });

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        Assert.Empty(await DecisionLogAsync());
    }

    [Fact]
    public async Task EscalateAsync_LateRequest_TheReferralToScrutinyEntersTheDecisionsLog()
    {
        await using (var db = _database.CreateContext())
        {
            db.Organisations.Add(new Organisation("Health Overview and Scrutiny Committee", OrganisationKind.Scrutiny));
            await db.SaveChangesAsync();
        }

        var request = await _deadlines.LogAsync(Editor(_link), new DeadlineInput
        {
            RuleId = _requestRule, Subject = "Waiting times", ToOrganisationId = _south.Id, Received = new DateOnly(2026, 9, 1),
        });

        var referral = await _deadlines.EscalateAsync(Editor(_link), request.Value);

        Assert.True(referral.Succeeded, referral.Problem);
        var log = await DecisionLogAsync();
        Assert.Equal([RelevantDecisionKind.RequestInformation, RelevantDecisionKind.ReferToScrutiny], log.Select(d => d.Kind).Order());
        var escalation = log.Single(d => d.Kind == RelevantDecisionKind.ReferToScrutiny);
        Assert.Equal((Today, _link.Name), (escalation.DecidedOn, escalation.DecidedBy));
        Assert.Contains("had not answered", escalation.Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideAsync_ReferralWithTheDecisionLogInPlace_OneDecisionNotTwo()
    {
        var id = await RecordAsync();

        await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.ReferToProviderOrCommissioner, PanelMembers = "Chair", Reasons = "Ask the trust.",
            RuleId = _requestRule, ToOrganisationId = _south.Id, SkipReasons = SkipToDecision(),
        });

        var logged = Assert.Single(await DecisionLogAsync());
        Assert.Equal(WorkProgrammeService.PanelBody, logged.DecidedBy);
    }

    // Taking up or declining an issue is the panel's decision on that issue, logged with it: the log's own form, for
    // decisions not taken on an issue, refuses those kinds at the field.
    [Theory]
    [InlineData(RelevantDecisionKind.TakeUpIssue)]
    [InlineData(RelevantDecisionKind.DeclineIssue)]
    public async Task RecordDecisionAsync_AKindThatIsADecisionOnAnIssue_RefusedAtTheKindField(RelevantDecisionKind kind)
    {
        var outcome = await _service.RecordDecisionAsync(Editor(_link), new RelevantDecisionInput
        {
            Kind = kind, DecidedOn = Today, Subject = "Hearing loops", DecidedBy = "The LINk's issues panel", Reasons = "Because.",
        });

        Assert.Equal(nameof(RelevantDecisionInput.Kind), Assert.Single(outcome.Errors).Field);
        Assert.Empty(await DecisionLogAsync());
    }

    [Fact]
    public async Task RecordDecisionAsync_CommissionerEditor_IsRefusedAndLogged()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.RecordDecisionAsync(Editor(_south), new RelevantDecisionInput
        {
            DecidedOn = Today, Subject = "Enter and view", DecidedBy = "Board", Reasons = "Because.",
        }));
        Assert.Contains(_logs.Warnings, l => l.Message.Contains("decisions log", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FeedbackReminders_DueTodayRunTwice_RemindsTheLinkOnce()
    {
        var id = await RecordAsync();
        await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.NoAction, PanelMembers = "Chair", Reasons = "Already fixed.", SkipReasons = SkipToDecision(),
        });
        await using (var db = _database.CreateContext())
        {
            db.Users.Add(new ApplicationUser { Id = "link-user", UserName = "l@example.org", Email = "l@example.org", DisplayName = "Lena Khan", OrganisationId = _link.Id, Role = UserRole.Editor });
            await db.SaveChangesAsync();
        }

        // Monday 30 November 2026: the 20th working day after the decision.
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
        var calendar = await new BankHolidayCalendar(_database.Factory, new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock).GetAsync();
        int first, second;
        await using (var db = _database.CreateContext())
        {
            first = await FeedbackReminders.RemindAsync(db, calendar, new DateOnly(2026, 11, 30), _database.Clock.GetUtcNow());
        }

        await using (var db = _database.CreateContext())
        {
            second = await FeedbackReminders.RemindAsync(db, calendar, new DateOnly(2026, 11, 30), _database.Clock.GetUtcNow());
        }

        Assert.Equal((1, 0), (first, second));
        await using var check = _database.CreateContext();
        var notice = Assert.Single(await check.Notifications.Where(n => n.UserId == "link-user").ToListAsync());
        Assert.Contains("due today", notice.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("Maya", notice.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedbackReminders_FeedbackAlreadyGiven_RemindsNobody()
    {
        var id = await RecordAsync();
        await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.NoAction, PanelMembers = "Chair", Reasons = "Already fixed.", SkipReasons = SkipToDecision(),
        });
        await _service.FeedbackAsync(Editor(_link), id, new StepInput { On = Today, Notes = "Phoned her." });
        var calendar = await new BankHolidayCalendar(_database.Factory, new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock).GetAsync();

        await using var db = _database.CreateContext();
        Assert.Equal(0, await FeedbackReminders.RemindAsync(db, calendar, new DateOnly(2026, 12, 1), _database.Clock.GetUtcNow()));
    }

    // The feedback stops being due on the date read after the sweep read the issues and before it recorded the reminder:
    // a bank holiday added moved it (saved in between, or being saved, its row held, when the sweep writes), or the
    // feedback was given. The sweep's write re-checks the issue in its own transaction, so no reminder is recorded from
    // that read; the next sweep reminds of the new date. The interleaving is forced: the sweep is held once its read has
    // run, and on PostgreSQL released, when the change is being saved, only once it waits for the issue's row (ADR 6).
    [Theory]
    [InlineData("due date moved between the sweep's read and its write")]
    [InlineData("due date being moved when the sweep writes")]
    [InlineData("feedback given between the sweep's read and its write")]
    public async Task FeedbackReminders_FeedbackNoLongerDueAsReadBetweenTheSweepsReadAndItsWrite_NoReminderRecorded(string when)
    {
        var id = await RecordAsync();
        await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.NoAction, PanelMembers = "Chair", Reasons = "Already fixed.", SkipReasons = SkipToDecision(),
        });
        await using (var db = _database.CreateContext())
        {
            db.Users.Add(new ApplicationUser { Id = "link-user", UserName = "l@example.org", Email = "l@example.org", DisplayName = "Lena Khan", OrganisationId = _link.Id, Role = UserRole.Editor });
            await db.SaveChangesAsync();
        }

        // Monday 30 November 2026: the 20th working day after the decision, with no bank holiday between. Friday 27
        // November added as one moves the feedback to Tuesday 1 December.
        var monday = new DateOnly(2026, 11, 30);
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
        var before = new WorkingDayCalendar([]);
        var after = new WorkingDayCalendar([new Holiday(new DateOnly(2026, 11, 27), "Added holiday")]);
        var pause = new QueryPause(c => c.CommandText.Contains("\"FeedbackDue\" <=", StringComparison.Ordinal));

        var sweeping = Task.Run(async () =>
        {
            await using var db = pause.Factory(_database).CreateDbContext();
            return await FeedbackReminders.RemindAsync(db, before, monday, _database.Clock.GetUtcNow());
        });
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        if (when == "feedback given between the sweep's read and its write")
        {
            Assert.True((await _service.FeedbackAsync(Editor(_link), id, new StepInput { On = monday, Notes = "Phoned her." })).Succeeded);
            pause.Release();
        }
        else
        {
            await using var db = _database.CreateContext();
            await using var moving = await db.Database.BeginTransactionAsync();
            Assert.Equal(monday, (await db.RaisedIssues.SingleAsync(i => i.Id == id)).RecountFeedback(before, after, (_, _) => "a bank holiday was added"));
            await db.SaveChangesAsync();
            if (when == "due date moved between the sweep's read and its write")
            {
                await moving.CommitAsync();
                pause.Release();
            }
            else
            {
                pause.Release();
                await _database.WaitingForALockAsync(sweeping);
                await moving.CommitAsync();
            }
        }

        var first = await sweeping;
        int next;
        await using (var db = _database.CreateContext())
        {
            next = await FeedbackReminders.RemindAsync(db, after, monday, _database.Clock.GetUtcNow());
        }

        await using var check = _database.CreateContext();
        var notices = await check.Notifications.AsNoTracking().Where(n => n.UserId == "link-user" && n.Event == WorkflowEvents.IssueFeedbackDue).ToListAsync();
        Assert.Equal(0, first);
        Assert.DoesNotContain(notices, n => n.Title.Contains("due today", StringComparison.Ordinal));
        if (when == "feedback given between the sweep's read and its write")
        {
            Assert.Equal(0, next);
            Assert.Empty(notices);
        }
        else
        {
            Assert.Equal(1, next);
            Assert.Contains("due soon", Assert.Single(notices).Title, StringComparison.Ordinal);
            Assert.Equal("soon@2026-12-01", (await check.RaisedIssues.AsNoTracking().SingleAsync(i => i.Id == id)).FeedbackReminderKey);
        }
    }

    [Fact]
    public async Task PanelChoicesAsync_AnIssue_OffersAnyoneButTheLinkToReferToAndCommissionersToLead()
    {
        var id = await RecordAsync();
        await using (var db = _database.CreateContext())
        {
            db.Organisations.Add(new Organisation("Northfield constituency", OrganisationKind.Locality));
            await db.SaveChangesAsync();
        }

        var choices = await _service.PanelChoicesAsync(id);

        Assert.Equal([_south.Name, "Northfield constituency"], choices.ReferOrHandTo.Select(o => o.Label));
        Assert.Equal([_south.Name], choices.LeadCommissioners.Select(o => o.Label));
        var none = await _service.PanelChoicesAsync(id + 1000);
        Assert.Equal((0, 0), (none.ReferOrHandTo.Count, none.LeadCommissioners.Count));
    }

    // The LINk that owes the feedback is deactivated between the sweep's read and its write: no reminder is recorded
    // (nobody there may be told, ADR 4), and none is spent: reactivated, it is reminded by the next sweep (ADR 6).
    [Fact]
    public async Task FeedbackReminders_LinkDeactivatedBetweenTheSweepsReadAndItsWrite_NoReminderRecordedUntilReactivated()
    {
        var id = await RecordAsync();
        await _service.DecideAsync(Editor(_link), id, new PanelDecisionInput
        {
            On = Today, Outcome = PanelOutcome.NoAction, PanelMembers = "Chair", Reasons = "Already fixed.", SkipReasons = SkipToDecision(),
        });
        await using (var db = _database.CreateContext())
        {
            db.Users.Add(new ApplicationUser { Id = "link-user", UserName = "l@example.org", Email = "l@example.org", DisplayName = "Lena Khan", OrganisationId = _link.Id, Role = UserRole.Editor });
            await db.SaveChangesAsync();
        }

        // Monday 30 November 2026: the feedback is due today.
        var monday = new DateOnly(2026, 11, 30);
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
        var calendar = new WorkingDayCalendar([]);
        var pause = new QueryPause(c => c.CommandText.Contains("\"FeedbackDue\" <=", StringComparison.Ordinal));

        var sweeping = Task.Run(async () =>
        {
            await using var db = pause.Factory(_database).CreateDbContext();
            return await FeedbackReminders.RemindAsync(db, calendar, monday, _database.Clock.GetUtcNow());
        });
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        await SetLinkActiveAsync(active: false);
        pause.Release();

        Assert.Equal(0, await sweeping);
        await using (var check = _database.CreateContext())
        {
            Assert.Null((await check.RaisedIssues.AsNoTracking().SingleAsync(i => i.Id == id)).FeedbackReminderKey);
        }

        await SetLinkActiveAsync(active: true);
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(1, await FeedbackReminders.RemindAsync(db, calendar, monday, _database.Clock.GetUtcNow()));
        }

        await using var after = _database.CreateContext();
        var notice = Assert.Single(await after.Notifications.AsNoTracking().Where(n => n.UserId == "link-user" && n.Event == WorkflowEvents.IssueFeedbackDue).ToListAsync());
        Assert.Contains("due today", notice.Title, StringComparison.Ordinal);
    }

    private async Task SetLinkActiveAsync(bool active)
    {
        await using var db = _database.CreateContext();
        var link = await db.Organisations.SingleAsync(o => o.Id == _link.Id);
        if (active)
        {
            link.Reactivate();
        }
        else
        {
            link.Deactivate();
        }

        await db.SaveChangesAsync();
    }
}
