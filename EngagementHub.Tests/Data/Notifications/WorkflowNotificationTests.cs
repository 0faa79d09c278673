using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Communities;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Home;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reminders;
using EngagementHub.Core.Reviews;
using EngagementHub.Core.Timetables;
using EngagementHub.Core.WorkProgramme;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EngagementHub.Tests.Data.Notifications;

/// <summary>
/// Each step of agreement, deadlines, the timetable, the work programme and joint reviews records its notifications, to the right people, in the same save
/// as the step: a step refused (a concurrency conflict) records none. Run against SQLite and PostgreSQL.
/// </summary>
public abstract partial class WorkflowNotificationTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : WorkflowNotificationTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : WorkflowNotificationTests(DatabaseProvider.PostgreSql);

    private static readonly FinancialYear Year = new(2026);
    private TestDatabase _database = default!;
    private ExerciseService _exercises = default!;
    private DeadlineService _deadlines = default!;
    private TimetableServices _timetable = default!;
    private WorkProgrammeService _workProgramme = default!;
    private ReviewService _reviews = default!;
    private Organisation _link = default!, _south = default!, _east = default!, _scrutiny = default!, _council = default!;

    // The people of SeedAsync: those who act kept as actors, the others by id.
    private Actor _lena = default!, _larry = default!, _colin = default!, _paula = default!;
    private string _vic = "", _sam = "", _dora = "", _janet = "", _ed = "", _scott = "", _rose = "";

    private static readonly DateTimeOffset Now = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        // The partnership below is the same for every test: seeded once per run and provider into a template, which each
        // test's database copies (on PostgreSQL, a reused copy put back as the template was).
        _database = await TestDatabase.CreateSeededAsync(provider, nameof(WorkflowNotificationTests), SeedAsync);
        _database.Clock.SetUtcNow(Now);
        await using (var db = _database.CreateContext())
        {
            var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Name);
            (_link, _south, _east, _scrutiny, _council) = (organisations["Birmingham LINk"], organisations["NHS South Birmingham"],
                organisations["NHS Birmingham East and North"], organisations["Health Overview and Scrutiny Committee"], organisations["Be Birmingham"]);
            var people = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Email!);
            Actor Person(string email)
            {
                var user = people[email];
                var organisation = organisations.Values.Single(o => o.Id == user.OrganisationId);
                return new Actor(user.Id, user.DisplayName, organisation.Id, organisation.Name, user.Role);
            }

            (_lena, _larry, _colin, _paula) = (Person("lena@link.test"), Person("larry@link.test"), Person("colin@south.test"), Person("paula@council.test"));
            (_vic, _sam, _dora, _janet, _ed, _scott, _rose) = (people["vic@link.test"].Id, people["sam@south.test"].Id, people["dora@south.test"].Id,
                people["janet@south.test"].Id, people["ed@east.test"].Id, people["scott@scrutiny.test"].Id, people["rose@scrutiny.test"].Id);
        }

        var access = new OrganisationAccess(NullLogger<OrganisationAccess>.Instance);
        _exercises = new ExerciseService(_database.Factory, access, _database.Clock);
        _deadlines = new DeadlineService(_database.Factory, new BankHolidayCalendar(_database.Factory, access, _database.Clock), access, _database.Clock);
        _timetable = TimetableServices.For(_database, access);
        var holidays = new BankHolidayCalendar(_database.Factory, access, _database.Clock);
        _workProgramme = new WorkProgrammeService(_database.Factory, holidays, _deadlines, _exercises, access, Options.Create(new EngagementHubOptions()), _database.Clock);
        _reviews = new ReviewService(_database.Factory, access, _database.Clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>
    /// The partnership every test starts from. LINk: Lena (editor), Larry (admin), Vic (viewer). South: Colin (editor),
    /// Sam (admin), Dora (editor, disabled), Janet (viewer, the named contact). East: Ed. Scrutiny: Scott (editor), Rose
    /// (viewer, the named contact). Council partnership: Paula.
    /// </summary>
    private static async Task SeedAsync(TestDatabase template)
    {
        template.Clock.SetUtcNow(Now);
        await using var db = template.CreateContext();
        await StandardCommunities.EnsureAsync(db);
        await DeadlineService.EnsureRulesAsync(db);
        var link = new Organisation("Birmingham LINk", OrganisationKind.Link);
        var south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        south.AddContact("Janet Rowe", "Director of Engagement", "janet@south.test", null, receivesLinkRequests: true);
        var east = new Organisation("NHS Birmingham East and North", OrganisationKind.Commissioner);
        var scrutiny = new Organisation("Health Overview and Scrutiny Committee", OrganisationKind.Scrutiny);
        scrutiny.AddContact("Rose Kiely", "Scrutiny Officer", "ROSE@scrutiny.test", null, receivesLinkRequests: true);
        var council = new Organisation("Be Birmingham", OrganisationKind.Partnership);
        db.Organisations.AddRange(link, south, east, scrutiny, council);
        await db.SaveChangesAsync();

        void Person(string email, Organisation organisation, UserRole role, bool disabled = false) => db.Users.Add(new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = email.Split('@')[0], OrganisationId = organisation.Id, Role = role, IsDisabled = disabled, CreatedAt = template.Clock.GetUtcNow(),
        });
        Person("lena@link.test", link, UserRole.Editor);
        Person("larry@link.test", link, UserRole.Admin);
        Person("vic@link.test", link, UserRole.Viewer);
        Person("colin@south.test", south, UserRole.Editor);
        Person("sam@south.test", south, UserRole.Admin);
        Person("dora@south.test", south, UserRole.Editor, disabled: true);
        Person("janet@south.test", south, UserRole.Viewer);
        Person("ed@east.test", east, UserRole.Editor);
        Person("scott@scrutiny.test", scrutiny, UserRole.Editor);
        Person("rose@scrutiny.test", scrutiny, UserRole.Viewer);
        Person("paula@council.test", council, UserRole.Editor);
        await db.SaveChangesAsync();
    }

    /// <summary>Who was told of <paramref name="workflowEvent"/>, in id order.</summary>
    private async Task<string[]> ToldAsync(string workflowEvent)
    {
        await using var db = _database.CreateContext();
        return [.. (await db.Notifications.AsNoTracking().Where(n => n.Event == workflowEvent).Select(n => n.UserId).ToListAsync()).Order(StringComparer.Ordinal)];
    }

    private static string[] Ids(params object[] people) =>
        [.. people.Select(p => p is Actor a ? a.UserId! : (string)p).Order(StringComparer.Ordinal)];

    private async Task<Notification> OneAsync(string workflowEvent, Actor recipient)
    {
        await using var db = _database.CreateContext();
        return await db.Notifications.AsNoTracking().SingleAsync(n => n.Event == workflowEvent && n.UserId == recipient.UserId);
    }

    /// <summary>The person behind one of the accounts kept by id above, acting as an editor or admin.</summary>
    private static Actor As(string userId, Organisation organisation, UserRole role = UserRole.Editor) =>
        new(userId, userId, organisation.Id, organisation.Name, role);

    private ExerciseInput Details(params int[] partners) => new()
    {
        Title = "Maternity choices",
        Purpose = "Ask families about place of birth.",
        LeadCommissionerId = _south.Id,
        PartnerIds = [.. partners],
        DecisionInformed = "Maternity strategy",
        DecisionDate = new DateOnly(2027, 2, 11),
        StartDate = new DateOnly(2026, 9, 1),
        EndDate = new DateOnly(2026, 12, 18),
    };

    private async Task<int> ExerciseAsync(Actor by, params int[] partners)
    {
        var outcome = await _exercises.CreateAsync(by, Details(partners));
        Assert.True(outcome.Succeeded);
        return outcome.Value;
    }

    private async Task<(int Exercise, int Proposal)> ProposedByColinAsync()
    {
        var id = await ExerciseAsync(_colin);
        var exercise = (await _exercises.GetAsync(id))!.Exercise;
        Assert.True((await _exercises.ProposeOptionAsync(_colin, id, 2, "We need the LINk's reach into Somali families.", [], ProposalSeen.Of(exercise.CurrentProposal))).Succeeded);
        return (id, (await _exercises.GetAsync(id))!.Exercise.CurrentProposal!.Id);
    }

    private async Task<int> LoggedByLenaAsync(DateOnly? received = null, params string[] recommendations)
    {
        var rule = recommendations.Length > 0 ? DeadlineKind.ReportResponse : DeadlineKind.InformationRequest;
        await using var db = _database.CreateContext();
        var ruleId = await db.DeadlineRules.Where(r => r.Kind == rule).Select(r => r.Id).SingleAsync();
        var outcome = await _deadlines.LogAsync(_lena, new DeadlineInput
        {
            RuleId = ruleId,
            Subject = "Waiting times for wheelchair assessments",
            ToOrganisationId = _south.Id,
            Received = received ?? new DateOnly(2026, 10, 30),
            Recommendations = [.. recommendations],
        });
        Assert.True(outcome.Succeeded);
        return outcome.Value;
    }

    // ----- Exercises -----

    [Fact]
    public async Task ProposeOptionAsync_CommissionerProposes_LinkEditorsAndAdminsToldItIsTheirTurn()
    {
        var (id, _) = await ProposedByColinAsync();

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.OptionProposed));
        var notice = await OneAsync(WorkflowEvents.OptionProposed, _lena);
        Assert.Equal((NotificationCategory.Agreement, true, PageLink.Exercise(id).Stored), (notice.Category, notice.NeedsAction, notice.Link));
        Assert.Equal("Option 2 proposed for \"Maternity choices\"", notice.Title);
        Assert.Contains("colin (NHS South Birmingham) proposed option 2", notice.Body);
        Assert.Contains("agree it or ask for a change", notice.Body);
    }

    [Fact]
    public async Task AgreeAsync_LinkAgrees_CommissionerEditorsAndAdminsToldNotViewersDisabledOrTheAgreer()
    {
        var (id, proposal) = await ProposedByColinAsync();

        Assert.True((await _exercises.AgreeAsync(_lena, id, proposal)).Succeeded);

        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.OptionAgreed));
        Assert.DoesNotContain(_dora, await ToldAsync(WorkflowEvents.OptionAgreed));
        // The agreement makes the exercise agreed (ADR 11): there is no "mark as agreed" step left to send anyone to.
        var notice = await OneAsync(WorkflowEvents.OptionAgreed, _colin);
        Assert.EndsWith("Both sides have now agreed how you work together, so the exercise is agreed.", notice.Body);
        Assert.DoesNotContain("mark the exercise agreed", notice.Body);
    }

    [Fact]
    public async Task RequestChangeAsync_LinkAsksForAChange_CommissionerToldWithTheComment()
    {
        var (id, proposal) = await ProposedByColinAsync();

        Assert.True((await _exercises.RequestChangeAsync(_lena, id, proposal, "Option 3 would suit our members better.")).Succeeded);

        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.OptionChangeRequested));
        var notice = await OneAsync(WorkflowEvents.OptionChangeRequested, _colin);
        Assert.True(notice.NeedsAction);
        Assert.Contains("Option 3 would suit our members better.", notice.Body);
        // The comment's own full stop ends the sentence: no second one after the quote.
        Assert.Contains(": \"Option 3 would suit our members better.\" Propose an option again", notice.Body);
    }

    [Fact]
    public async Task RequestChangeAsync_CommentOfSeveralLinesWithARightToLeftOverride_QuotedOnOneIsolatedLine()
    {
        var (id, proposal) = await ProposedByColinAsync();

        Assert.True((await _exercises.RequestChangeAsync(_lena, id, proposal, "Option 3 \u202Eexe.fdp\r\nOpen it: https://evil.example")).Succeeded);

        var notice = await OneAsync(WorkflowEvents.OptionChangeRequested, _colin);
        Assert.Contains(": \"\u2068Option 3 exe.fdp Open it: https://evil.example\u2069\".", notice.Body);
    }

    [Fact]
    public async Task CreateAsync_CommissionerWithAPartner_TheLinkAskedToProposeThePartnerOnlyToldNotTheLeadsOwnPeople()
    {
        var id = await ExerciseAsync(_colin, _east.Id);

        Assert.Equal(Ids(_lena, _larry, _ed), await ToldAsync(WorkflowEvents.ExerciseCreated));
        var (lenas, eds) = (await OneAsync(WorkflowEvents.ExerciseCreated, _lena), await OneAsync(WorkflowEvents.ExerciseCreated, As(_ed, _east)));
        Assert.Equal(PageLink.Exercise(id).Stored, lenas.Link);
        // A partner takes no side in the joint-working agreement: nothing to propose or agree.
        Assert.Equal((true, false), (lenas.NeedsAction, eds.NeedsAction));
        Assert.EndsWith("Read it and propose how you will work together.", lenas.Body);
        Assert.EndsWith("The LINk and the lead commissioner agree how they work together on it; nothing is needed from you yet.", eds.Body);
    }

    [Fact]
    public async Task MoveToAsync_CancelledAfterAPartnerWasDeactivated_ItsPeopleNotTold()
    {
        // A deactivated organisation cannot be chosen as a partner any more; one chosen before stays on the exercise.
        var id = await ExerciseAsync(_colin, _east.Id);
        await using (var db = _database.CreateContext())
        {
            (await db.Organisations.SingleAsync(o => o.Id == _east.Id)).Deactivate();
            await db.SaveChangesAsync();
        }

        Assert.True((await _exercises.MoveToAsync(_colin, id, ExerciseState.Cancelled, (await _exercises.GetAsync(id))!.Exercise.Version)).Succeeded);

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.ExerciseCancelled));
    }

    [Fact]
    public async Task UpdateAsync_BeforeAndAfterAgreement_ToldOnlyAfter()
    {
        var (id, proposal) = await ProposedByColinAsync();
        var details = Details();
        details.Purpose = "Ask families and midwives.";
        details.Version = (await _exercises.GetAsync(id))!.Exercise.Version;
        Assert.True((await _exercises.UpdateAsync(_colin, id, details)).Succeeded);
        Assert.Empty(await ToldAsync(WorkflowEvents.ExerciseChangedAfterAgreement));

        Assert.True((await _exercises.AgreeAsync(_lena, id, proposal)).Succeeded);
        details.EndDate = new DateOnly(2027, 1, 15);
        details.Version = (await _exercises.GetAsync(id))!.Exercise.Version;
        Assert.True((await _exercises.UpdateAsync(_colin, id, details)).Succeeded);

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.ExerciseChangedAfterAgreement));
    }

    // A partner added by an edit is told it is taking part, as one chosen when the exercise was created is; a partner
    // taken off is told it no longer takes part. Neither is asked to act: a partner takes no side in the agreement.
    [Fact]
    public async Task UpdateAsync_PartnerAddedAndAnotherRemoved_EachToldWhatBecameOfItsPart()
    {
        var id = await ExerciseAsync(_colin, _council.Id);
        var details = Details(_east.Id);
        details.Version = (await _exercises.GetAsync(id))!.Exercise.Version;

        Assert.True((await _exercises.UpdateAsync(_colin, id, details)).Succeeded);

        await using var db = _database.CreateContext();
        var toEd = Assert.Single(await db.Notifications.AsNoTracking().Where(n => n.UserId == _ed).ToListAsync());
        Assert.Contains("with your organisation taking part", toEd.Body);
        Assert.Equal((PageLink.Exercise(id).Stored, false), (toEd.Link, toEd.NeedsAction));
        var toPaula = await db.Notifications.AsNoTracking().Where(n => n.UserId == _paula.UserId).OrderBy(n => n.Id).ToListAsync();
        Assert.Equal(2, toPaula.Count);
        Assert.Contains("no longer takes part", toPaula[1].Body);
        Assert.False(toPaula[1].NeedsAction);
        Assert.DoesNotContain(await db.Notifications.AsNoTracking().Where(n => n.Id > toPaula[0].Id).Select(n => n.UserId).ToListAsync(), u => u == _lena.UserId || u == _larry.UserId);
    }

    // An agreed exercise changed: the LINk and the lead may propose an option again if the agreement no longer fits; a
    // partner, which cannot propose, is told only to check what changed.
    [Fact]
    public async Task UpdateAsync_AfterAgreement_APartnerIsNotAskedToProposeAnOption()
    {
        var id = await ExerciseAsync(_colin, _east.Id);
        Assert.True((await _exercises.ProposeOptionAsync(_colin, id, 2, "We need the LINk's reach.", [], ProposalSeen.Of((await _exercises.GetAsync(id))!.Exercise.CurrentProposal))).Succeeded);
        Assert.True((await _exercises.AgreeAsync(_lena, id, (await _exercises.GetAsync(id))!.Exercise.CurrentProposal!.Id)).Succeeded);
        var details = Details(_east.Id);
        details.EndDate = new DateOnly(2027, 1, 15);
        details.Version = (await _exercises.GetAsync(id))!.Exercise.Version;

        Assert.True((await _exercises.UpdateAsync(_colin, id, details)).Succeeded);

        Assert.Equal(Ids(_lena, _larry, _ed), await ToldAsync(WorkflowEvents.ExerciseChangedAfterAgreement));
        Assert.Contains("propose an option again", (await OneAsync(WorkflowEvents.ExerciseChangedAfterAgreement, _lena)).Body);
        var toEd = await OneAsync(WorkflowEvents.ExerciseChangedAfterAgreement, As(_ed, _east));
        Assert.DoesNotContain("propose", toEd.Body);
        Assert.Contains("nothing is needed from you", toEd.Body);
    }

    [Fact]
    public async Task MoveToAsync_Cancelled_TheOthersInvolvedTold()
    {
        var id = await ExerciseAsync(_colin, _east.Id);

        Assert.True((await _exercises.MoveToAsync(_colin, id, ExerciseState.Cancelled, (await _exercises.GetAsync(id))!.Exercise.Version)).Succeeded);

        Assert.Equal(Ids(_lena, _larry, _ed), await ToldAsync(WorkflowEvents.ExerciseCancelled));
    }

    [Fact]
    public async Task ProposeOptionAsync_RefusedAsAConflict_NoNotificationAndNoEmailRecorded()
    {
        var id = await ExerciseAsync(_colin);
        var stale = ProposalSeen.Of((await _exercises.GetAsync(id))!.Exercise.CurrentProposal);
        Assert.True((await _exercises.ProposeOptionAsync(_lena, id, 5, "We will comment independently.", [], stale)).Succeeded);
        await using (var db = _database.CreateContext())
        {
            db.Notifications.RemoveRange(db.Notifications);
            await db.SaveChangesAsync();
        }

        var outcome = await _exercises.ProposeOptionAsync(_colin, id, 2, "We need the LINk's reach.", [], stale);

        Assert.False(outcome.Succeeded);
        await using var check = _database.CreateContext();
        Assert.Empty(await check.Notifications.ToListAsync());
        Assert.Empty(await check.ReminderDeliveries.Where(d => d.NotificationId != null).ToListAsync());
    }

    // ----- Deadlines -----

    [Fact]
    public async Task LogAsync_RequestToACommissioner_ItsEditorsAndTheNamedContactToldNotTheLoggingOwner()
    {
        var id = await LoggedByLenaAsync();

        Assert.Equal(Ids(_colin, _sam, _janet), await ToldAsync(WorkflowEvents.DeadlineLogged));
        var notice = await OneAsync(WorkflowEvents.DeadlineLogged, _colin);
        Assert.Equal((NotificationCategory.Deadlines, true, PageLink.Deadline(id).Stored), (notice.Category, notice.NeedsAction, notice.Link));
        Assert.Contains("Acknowledge it, then answer by", notice.Body);
    }

    // An administrator's own kind whose duty is met by the acknowledgement: the notice asks for the acknowledgement by the
    // due date, as "My work" does, not for an answer.
    [Fact]
    public async Task LogAsync_KindDischargedByTheAcknowledgement_AskedToAcknowledgeItByTheDueDate()
    {
        var admin = new Actor(_larry.UserId, "Larry", _link.Id, _link.Name, UserRole.Admin);
        var kind = await _deadlines.SaveRuleAsync(admin, null, new DeadlineRuleInput { Name = "Quality account comment", DischargedBy = DutyStep.Acknowledgement });
        Assert.True(kind.Succeeded, kind.Problem);
        var logged = await _deadlines.LogAsync(_lena, new DeadlineInput
        {
            RuleId = kind.Value, Subject = "Quality account 2026/27", ToOrganisationId = _south.Id, Received = new DateOnly(2026, 10, 30),
        });
        Assert.True(logged.Succeeded, logged.Problem);

        var notice = await OneAsync(WorkflowEvents.DeadlineLogged, _colin);
        Assert.Contains("\". Acknowledge it by ", notice.Body);
        Assert.DoesNotContain("answer", notice.Body);
        var item = Assert.Single((await new MyWorkService(_database.Factory, _database.Clock).ForAsync(_colin))!.Deadlines, d => d.Link == PageLink.Deadline(logged.Value));
        Assert.StartsWith("Acknowledge it by", item.NextStep);

        // The acknowledgement meets the duty: the LINk is not told an answer is still due.
        Assert.True((await _deadlines.AcknowledgeAsync(_colin, logged.Value)).Succeeded);
        var acknowledged = await OneAsync(WorkflowEvents.DeadlineAcknowledged, _lena);
        Assert.Contains("That meets its duty", acknowledged.Body);
        Assert.DoesNotContain("answer", acknowledged.Body);
    }

    // Lena, who logged it, has since moved to the commissioner as a viewer: she no longer follows it up for the LINk.
    [Fact]
    public async Task AcknowledgeAsync_OwnerMovedToAnotherOrganisation_NotToldAsItsOwner()
    {
        var id = await LoggedByLenaAsync();
        await using (var db = _database.CreateContext())
        {
            var lena = await db.Users.SingleAsync(u => u.Id == _lena.UserId);
            (lena.OrganisationId, lena.Role) = (_east.Id, UserRole.Viewer);
            await db.SaveChangesAsync();
        }

        Assert.True((await _deadlines.AcknowledgeAsync(_colin, id)).Succeeded);

        Assert.Equal(Ids(_larry, _janet), await ToldAsync(WorkflowEvents.DeadlineAcknowledged));
    }

    // South still names Janet as its contact, but her account is now at East: she cannot open South's deadline or the
    // issue handed to South, and East may not read of them, so she is told of neither as South's contact.
    [Fact]
    public async Task LogAsyncAndDecideAsync_NamedContactWhoseAccountIsInAnotherOrganisation_NotToldAsTheContact()
    {
        await using (var db = _database.CreateContext())
        {
            (await db.Users.SingleAsync(u => u.Id == _janet)).OrganisationId = _east.Id;
            await db.SaveChangesAsync();
        }

        await LoggedByLenaAsync();
        var issue = await IssueRecordedByAsync(_lena);
        await DecideAsync(issue, PanelOutcome.WorkWithAnotherOrganisation, _south.Id, "Janet Rowe");

        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.DeadlineLogged));
        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.IssueHandedOff));
    }

    [Fact]
    public async Task AcknowledgeAndRecordAnswer_ByTheRecipient_TheLinkItsOwnerAndTheContactTold()
    {
        var id = await LoggedByLenaAsync();

        Assert.True((await _deadlines.AcknowledgeAsync(_colin, id)).Succeeded);
        Assert.True((await _deadlines.RecordAnswerAsync(_colin, id, "Median wait 14 weeks.", new DateOnly(2026, 11, 2))).Succeeded);

        Assert.Equal(Ids(_lena, _larry, _janet), await ToldAsync(WorkflowEvents.DeadlineAcknowledged));
        Assert.Equal(Ids(_lena, _larry, _janet), await ToldAsync(WorkflowEvents.DeadlineAnswered));
        Assert.Contains("), on time. Read the answer", (await OneAsync(WorkflowEvents.DeadlineAnswered, _lena)).Body);
    }

    [Fact]
    public async Task RecordAnswer_AfterTheDueDate_TheLinkToldHowLateInTheWordsOfThePage()
    {
        // Received Thu 1 Oct 2026, due Wed 28 Oct; answered Mon 2 Nov: Thursday, Friday and Monday late.
        var id = await LoggedByLenaAsync(new DateOnly(2026, 10, 1));

        Assert.True((await _deadlines.RecordAnswerAsync(_colin, id, "Median wait 14 weeks.", new DateOnly(2026, 11, 2))).Succeeded);

        Assert.Contains("), 3 working days late. Read the answer", (await OneAsync(WorkflowEvents.DeadlineAnswered, _lena)).Body);
    }

    // A referral is met by its acknowledgement; answered with none recorded, the answer met the duty, so the LINk is told
    // how late it was, as the deadline's page and list say (ADR 12).
    [Fact]
    public async Task RecordAnswer_ReferralWithNoAcknowledgementRecorded_TheLinkToldHowLateAsTheAnswerMetTheDuty()
    {
        var referral = await _deadlines.EscalateAsync(_lena, await LoggedByLenaAsync(new DateOnly(2026, 9, 1)));
        Assert.True(referral.Succeeded);

        Assert.True((await _deadlines.RecordAnswerAsync(As(_scott, _scrutiny), referral.Value, "The committee will review it in January.", new DateOnly(2026, 11, 2))).Succeeded);

        Assert.Contains("), on time. Read the answer", (await OneAsync(WorkflowEvents.DeadlineAnswered, _lena)).Body);
        var row = Assert.Single(await _deadlines.ListAsync(new DeadlineFilter { ToOrganisationId = _scrutiny.Id }));
        Assert.Equal((true, "on time"), (row.AnswerMeetsTheDuty, row.DutyLateness));
    }

    [Fact]
    public async Task WithdrawAsync_ByTheLink_TheRecipientAndContactTold()
    {
        var id = await LoggedByLenaAsync();

        Assert.True((await _deadlines.WithdrawAsync(_larry, id)).Succeeded);

        Assert.Equal(Ids(_colin, _sam, _janet, _lena), await ToldAsync(WorkflowEvents.DeadlineWithdrawn));
    }

    // Handed to a new owner (taken over, here): the owner before is told, within the LINk, and the named contact of the
    // organisation it was sent to, who deals with whoever follows it up, each for information; the LINk's other people
    // are not, nor the person who took it over.
    [Fact]
    public async Task HandOverAsync_TakenOverByAnAdministratorOfTheLink_TheOwnerBeforeTold()
    {
        var id = await LoggedByLenaAsync();

        var takenOver = await _deadlines.HandOverAsync(_larry, id,
            new DeadlineHandOverInput { NewOwnerUserId = _larry.UserId, Version = (await _deadlines.GetAsync(id))!.Deadline.Version });

        Assert.True(takenOver.Succeeded, takenOver.Problem);
        Assert.Equal(Ids(_lena, _janet), await ToldAsync(WorkflowEvents.DeadlineHandedOver));
        Assert.False((await OneAsync(WorkflowEvents.DeadlineHandedOver, _lena)).NeedsAction);
        Assert.True((await _deadlines.HandOverAsync(_lena, id,
            new DeadlineHandOverInput { NewOwnerUserId = _lena.UserId, Version = (await _deadlines.GetAsync(id))!.Deadline.Version })).Succeeded);
        Assert.Equal(Ids(_lena, _larry, _janet, _janet), await ToldAsync(WorkflowEvents.DeadlineHandedOver));
    }

    [Fact]
    public async Task ExtensionProposedThenAgreed_EachSideToldOfTheOthersStep()
    {
        var id = await LoggedByLenaAsync();

        Assert.True((await _deadlines.ProposeExtensionAsync(_colin, id, new DateOnly(2026, 12, 18), "The data team is short-staffed.", waitingSeen: null)).Succeeded);
        Assert.True((await _deadlines.AgreeExtensionAsync(_lena, id, new DateOnly(2026, 12, 18))).Succeeded);

        Assert.Equal(Ids(_lena, _larry, _janet), await ToldAsync(WorkflowEvents.ExtensionProposed));
        Assert.Equal(Ids(_colin, _sam, _janet), await ToldAsync(WorkflowEvents.ExtensionAgreed));
        var proposed = await OneAsync(WorkflowEvents.ExtensionProposed, _lena);
        Assert.Equal(NotificationCategory.Agreement, proposed.Category);
        Assert.Contains("The data team is short-staffed.", proposed.Body);
        // The LINk is asked to agree; South's named contact, told of South's own proposal, only follows it.
        Assert.Equal((true, false), (proposed.NeedsAction, (await OneAsync(WorkflowEvents.ExtensionProposed, As(_janet, _south))).NeedsAction));
    }

    // The commissioner, which owes the answer, asks for more time: the LINk, which is owed it, is asked to agree the
    // extension or to keep the due date, in the words of its "My work", never to answer; South's contact, told of South's
    // own proposal, is not asked to agree it. Proposed by the LINk, the commissioner is asked to agree or to answer by the
    // date in force.
    [Fact]
    public async Task ExtensionProposedAsync_EitherSide_EachReaderIsToldOnlyWhatItsSideCanDo()
    {
        var fromSouth = await LoggedByLenaAsync();
        var fromLink = await LoggedByLenaAsync();

        Assert.True((await _deadlines.ProposeExtensionAsync(_colin, fromSouth, new DateOnly(2026, 12, 18), "The data team is short-staffed.", waitingSeen: null)).Succeeded);
        Assert.True((await _deadlines.ProposeExtensionAsync(_lena, fromLink, new DateOnly(2026, 12, 18), "Our panel meets in December.", waitingSeen: null)).Succeeded);

        var toLena = await OneAsync(WorkflowEvents.ExtensionProposed, _lena);
        Assert.EndsWith("Agree the extension, or decline it, saying why, and keep the due date.", toLena.Body);
        Assert.DoesNotContain("answer", toLena.Body);
        var toColin = await OneAsync(WorkflowEvents.ExtensionProposed, _colin);
        Assert.EndsWith("Agree the extension, or decline it, saying why, and answer by the due date.", toColin.Body);
        await using var db = _database.CreateContext();
        var toJanet = await db.Notifications.AsNoTracking()
            .SingleAsync(n => n.Event == WorkflowEvents.ExtensionProposed && n.UserId == _janet && n.Link == PageLink.Deadline(fromSouth).Stored);
        Assert.False(toJanet.NeedsAction);
        Assert.DoesNotContain("Agree the extension", toJanet.Body);
        Assert.EndsWith("It now awaits Birmingham LINk's agreement; until then the due date stands.", toJanet.Body.Replace("\u2068", "").Replace("\u2069", ""));
    }

    // South proposed an extension and the LINk declined it: South's editors and admins, with its named contact, hear
    // which date was declined and why, and to answer by the due date. The other way round, the LINk (its editors and
    // the owner) hears the due date stands; South's contact, on the side that declined, hears what happened and is asked
    // nothing. A decline refused (South declining its own) tells nobody.
    [Fact]
    public async Task ExtensionDeclinedAsync_EitherSide_TheProposersSideToldWhyAndThatTheDueDateStays()
    {
        var fromSouth = await LoggedByLenaAsync();
        var fromLink = await LoggedByLenaAsync();
        var proposed = new DateOnly(2026, 12, 18);
        Assert.True((await _deadlines.ProposeExtensionAsync(_colin, fromSouth, proposed, "The data team is short-staffed.", waitingSeen: null)).Succeeded);
        Assert.True((await _deadlines.ProposeExtensionAsync(_lena, fromLink, proposed, "Our panel meets in December.", waitingSeen: null)).Succeeded);
        Assert.False((await _deadlines.DeclineExtensionAsync(_colin, fromSouth, "On second thoughts.", proposed)).Succeeded);
        Assert.Empty(await ToldAsync(WorkflowEvents.ExtensionDeclined));
        var due = UkTime.FormatDate((await _deadlines.GetAsync(fromSouth))!.Deadline.DueDate);

        Assert.True((await _deadlines.DeclineExtensionAsync(_lena, fromSouth, "The board meets on 1 December and needs the figures.", proposed)).Succeeded);
        Assert.True((await _deadlines.DeclineExtensionAsync(_colin, fromLink, "We can answer in time.", proposed)).Succeeded);

        await using var db = _database.CreateContext();
        var told = await db.Notifications.AsNoTracking().Where(n => n.Event == WorkflowEvents.ExtensionDeclined).ToListAsync();
        string[] Told(int id) => [.. told.Where(n => n.Link == PageLink.Deadline(id).Stored).Select(n => n.UserId).Order(StringComparer.Ordinal)];
        Assert.Equal(Ids(_colin, _sam, _janet), Told(fromSouth));
        Assert.Equal(Ids(_lena, _larry, _janet), Told(fromLink));
        Assert.All(told, n => Assert.Equal((NotificationCategory.Agreement, false), (n.Category, n.NeedsAction)));
        var toColin = told.Single(n => n.UserId == _colin.UserId);
        Assert.Equal("Extension declined: Waiting times for wheelchair assessments", toColin.Title);
        Assert.Equal("lena (Birmingham LINk) declined the extension of \"Waiting times for wheelchair assessments\" to Fri 18 Dec 2026: "
            + $"\"The board meets on 1 December and needs the figures.\" The due date stays {due}: answer by it, or propose another date.", toColin.Body);
        var toLena = told.Single(n => n.UserId == _lena.UserId);
        Assert.EndsWith($"\"We can answer in time.\" The due date stays {due}, and the answer is still due by it.", toLena.Body);
        var toJanet = told.Single(n => n.UserId == _janet && n.Link == PageLink.Deadline(fromLink).Stored);
        Assert.EndsWith($"The due date stays {due}.", toJanet.Body);
        // E-mailed too, as each chose (by default, at once), in the same save.
        var emailed = await db.ReminderDeliveries.AsNoTracking().Include(d => d.Notification)
            .Where(d => d.Notification!.Event == WorkflowEvents.ExtensionDeclined && d.Channel == DeliveryChannel.Email).Select(d => d.Recipient).ToListAsync();
        Assert.Equal(told.Select(n => n.UserId).Order(StringComparer.Ordinal), emailed.Order(StringComparer.Ordinal));
    }

    // South withdrew the extension it proposed: the LINk, asked to agree it, hears it no longer waits on it, and no longer
    // has it on its "My work"; South's named contact hears what happened.
    [Fact]
    public async Task ExtensionWithdrawnAsync_ByTheProposersSide_TheSideAskedToldItNoLongerWaitsOnIt()
    {
        var id = await LoggedByLenaAsync();
        var proposed = new DateOnly(2026, 12, 18);
        Assert.True((await _deadlines.ProposeExtensionAsync(_colin, id, proposed, "The data team is short-staffed.", waitingSeen: null)).Succeeded);
        var myWork = new MyWorkService(_database.Factory, _database.Clock);
        Assert.Contains((await myWork.ForAsync(_lena))!.Agreements, a => a.Link == PageLink.Deadline(id));
        var due = UkTime.FormatDate((await _deadlines.GetAsync(id))!.Deadline.DueDate);

        Assert.True((await _deadlines.WithdrawExtensionProposalAsync(_colin, id, proposed)).Succeeded);

        Assert.Equal(Ids(_lena, _larry, _janet), await ToldAsync(WorkflowEvents.ExtensionWithdrawn));
        var toLena = await OneAsync(WorkflowEvents.ExtensionWithdrawn, _lena);
        Assert.Equal(("Extension withdrawn: Waiting times for wheelchair assessments", NotificationCategory.Agreement, false), (toLena.Title, toLena.Category, toLena.NeedsAction));
        Assert.Equal("colin (NHS South Birmingham) withdrew the proposal to move the due date of \"Waiting times for wheelchair assessments\" to Fri 18 Dec 2026, "
            + $"so it no longer awaits your agreement. The due date stays {due}, and the answer is still due by it.", toLena.Body);
        Assert.Equal("colin (NHS South Birmingham) withdrew the proposal to move the due date of \"Waiting times for wheelchair assessments\" to Fri 18 Dec 2026. "
            + $"The due date stays {due}.", (await OneAsync(WorkflowEvents.ExtensionWithdrawn, As(_janet, _south))).Body);
        Assert.DoesNotContain((await myWork.ForAsync(_lena))!.Agreements, a => a.Link == PageLink.Deadline(id));
    }

    [Fact]
    public async Task RespondToRecommendationAsync_ByTheCommissioner_TheLinkTold()
    {
        var id = await LoggedByLenaAsync(null, "Publish waiting times monthly.");
        var recommendation = (await _deadlines.GetAsync(id))!.Deadline.Recommendations.Single();

        Assert.True((await _deadlines.RespondAsync(_colin, id, recommendation.Id, RecommendationResponse.Accepted, "From January.")).Succeeded);

        Assert.Equal(Ids(_lena, _larry, _janet), await ToldAsync(WorkflowEvents.RecommendationResponded));
        Assert.Contains(": accepted.", (await OneAsync(WorkflowEvents.RecommendationResponded, _lena)).Body);
    }

    /// <returns>A report with one recommendation, accepted by Colin, done, and judged met by Lena; and the recommendation's id.</returns>
    private async Task<(int Report, int Recommendation)> DoneAndJudgedAsync()
    {
        var id = await LoggedByLenaAsync(null, "Publish waiting times monthly.");
        var recommendationId = (await _deadlines.GetAsync(id))!.Deadline.Recommendations.Single().Id;
        Assert.True((await _deadlines.RespondAsync(_colin, id, recommendationId, RecommendationResponse.Accepted, null)).Succeeded);
        Assert.True((await _deadlines.RecordImplementationAsync(_colin, id, recommendationId, new ImplementationInput
        {
            Status = ImplementationStatus.Done, ChangeMade = "Published on the website.", Version = await VersionAsync(),
        })).Succeeded);
        Assert.True((await _deadlines.RecordLinkVerdictAsync(_lena, id, recommendationId, new LinkVerdictInput { Verdict = LinkVerdict.Agrees, Version = await VersionAsync() })).Succeeded);
        await using var db = _database.CreateContext();
        await db.Notifications.ExecuteDeleteAsync();
        return (id, recommendationId);

        async Task<Guid> VersionAsync() => (await _deadlines.GetAsync(id))!.Deadline.Recommendations.Single().Version;
    }

    [Fact]
    public async Task RecordImplementationAsync_DoneAndAgreedThenDropped_TheLinkToldItsViewNoLongerStandsAndAskedAgain()
    {
        var (id, recommendationId) = await DoneAndJudgedAsync();

        Assert.True((await _deadlines.RecordImplementationAsync(_colin, id, recommendationId, new ImplementationInput
        {
            Status = ImplementationStatus.Dropped, DroppedReason = "The data team was cut.", Version = (await _deadlines.GetAsync(id))!.Deadline.Recommendations.Single().Version,
        })).Succeeded);

        Assert.Equal(Ids(_lena, _larry, _janet), await ToldAsync(WorkflowEvents.ImplementationRecorded));
        var told = await OneAsync(WorkflowEvents.ImplementationRecorded, _lena);
        Assert.True(told.NeedsAction);
        Assert.Contains("The LINk's earlier view, that it had been met, was about what stood before and no longer stands", told.Body);
        Assert.Contains("say again whether the LINk agrees", told.Body);
    }

    [Fact]
    public async Task RespondToRecommendationAsync_AcceptedDoneAndAgreedThenNotAccepted_TheLinkToldOfTheChange()
    {
        var (id, recommendationId) = await DoneAndJudgedAsync();

        Assert.True((await _deadlines.RespondAsync(_colin, id, recommendationId, RecommendationResponse.NotAccepted, "No budget.")).Succeeded);

        Assert.Equal(Ids(_lena, _larry, _janet), await ToldAsync(WorkflowEvents.RecommendationResponded));
        var told = await OneAsync(WorkflowEvents.RecommendationResponded, _lena);
        Assert.StartsWith("Response changed: recommendation 1 of", told.Title);
        Assert.Contains("from accepted to not accepted", told.Body);
        Assert.Contains("What was recorded of carrying it out no longer stands.", told.Body);
        Assert.Contains("The LINk's earlier view, that it had been met, was about what stood before and no longer stands", told.Body);
        Assert.False(told.NeedsAction);
    }

    [Fact]
    public async Task EscalateAsync_Overdue_TheCommissionerToldAndScrutinyReceivesTheReferral()
    {
        var id = await LoggedByLenaAsync(new DateOnly(2026, 9, 1));

        var referral = await _deadlines.EscalateAsync(_lena, id);

        Assert.True(referral.Succeeded);
        Assert.Equal(Ids(_colin, _sam, _janet), await ToldAsync(WorkflowEvents.DeadlineEscalated));
        Assert.Equal(Ids(_scott, _rose), await ToldAsync(WorkflowEvents.ReferralReceived));
        await using var db = _database.CreateContext();
        var received = await db.Notifications.AsNoTracking().SingleAsync(n => n.Event == WorkflowEvents.ReferralReceived && n.UserId == _scott);
        Assert.Equal(PageLink.Deadline(referral.Value).Stored, received.Link);
        Assert.StartsWith("Referral received: Referral: Waiting times", received.Title);
    }

    // ----- The work programme -----

    [Fact]
    public async Task AddHoliday_MovesTheFeedbackOwedOnAnIssue_TheLinksEditorsAndAdminsToldNotItsViewers()
    {
        var access = new OrganisationAccess(NullLogger<OrganisationAccess>.Instance);
        var holidays = new BankHolidayCalendar(_database.Factory, access, _database.Clock, [new FeedbackDueDates(_database.Clock)]);
        var programme = new WorkProgrammeService(_database.Factory, holidays, _deadlines, _exercises, access,
            Microsoft.Extensions.Options.Options.Create(new EngagementHubOptions()), _database.Clock);
        var issue = (await programme.RecordAsync(_colin, new RaisedIssueInput
        {
            Title = "No hearing loop at the eye clinic", Description = "Patients miss their names being called.", ReferrerName = "Maya Patel",
            ReferrerContact = "maya.patel@example.org", ConsentToContact = true, Sector = CareSector.Health, RaisedOn = new DateOnly(2026, 10, 26),
        })).Value;
        Assert.True((await programme.DecideAsync(_lena, issue, new PanelDecisionInput
        {
            On = new DateOnly(2026, 11, 2), Outcome = PanelOutcome.NoAction, PanelMembers = "Chair", Reasons = "Fixed already.",
            SkipReasons = new() { [IssueStep.Discussed] = "Clear", [IssueStep.Consulted] = "Quick", [IssueStep.BusinessCase] = "Quick" },
        })).Succeeded);

        Assert.True((await holidays.AddAsync(new Actor("ada", "Ada Admin", null, null, UserRole.Admin), new DateOnly(2026, 11, 16), "Extra holiday")).Succeeded);

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.FeedbackDueMoved));
        var told = await OneAsync(WorkflowEvents.FeedbackDueMoved, _lena);
        Assert.Contains("No hearing loop at the eye clinic", told.Title);
        Assert.StartsWith($"Feedback due date moved from {UkTime.FormatDate(new DateOnly(2026, 11, 30))} to {UkTime.FormatDate(new DateOnly(2026, 12, 1))}", told.Body);
        Assert.Equal(PageLink.RaisedIssue(issue).Stored, told.Link);
        Assert.DoesNotContain("Maya", told.Body, StringComparison.Ordinal);
    }

    // ----- The annual timetable -----

    private async Task ProposedByLenaAsync() =>
        Assert.True((await _timetable.Agreements.ProposeAsync(_lena, Year, [_south.Id, _council.Id], "Our draft for the year")).Succeeded);

    private async Task<Guid> TimetableVersionAsync() => (await _timetable.Queries.TimetableAsync(Year))!.Version;

    [Fact]
    public async Task ProposeAsync_ToTwoPartners_TheirEditorsToldItIsTheirTurn()
    {
        await ProposedByLenaAsync();

        Assert.Equal(Ids(_colin, _sam, _paula), await ToldAsync(WorkflowEvents.TimetableProposed));
        var notice = await OneAsync(WorkflowEvents.TimetableProposed, _paula);
        Assert.Equal((NotificationCategory.Timetable, true, PageLink.Timetable(new FinancialYear(2026)).Stored), (notice.Category, notice.NeedsAction, notice.Link));
    }

    // The note and the comment are the person's words, several lines long and in any script: quoted in a notice (and so
    // in its e-mail) they are one line, isolated, as every other quote is.
    [Fact]
    public async Task ProposeAsync_NoteOfSeveralLinesWithARightToLeftOverride_QuotedOnOneIsolatedLine()
    {
        Assert.True((await _timetable.Agreements.ProposeAsync(_lena, Year, [_south.Id, _council.Id], "Our draft \u202Efdp.exe\n\nOpen it: https://evil.example")).Succeeded);

        var notice = await OneAsync(WorkflowEvents.TimetableProposed, _paula);
        Assert.Contains(": \"\u2068Our draft fdp.exe Open it: https://evil.example\u2069\".", notice.Body);
    }

    [Fact]
    public async Task AgreeAsync_OnePartnerThenTheLast_ProposerToldThenEveryoneToldItIsAgreed()
    {
        await ProposedByLenaAsync();

        Assert.True((await _timetable.Agreements.AgreeAsync(_colin, Year, await TimetableVersionAsync())).Succeeded);
        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.TimetableAgreedByPartner));
        Assert.Empty(await ToldAsync(WorkflowEvents.TimetableAgreedByAll));

        Assert.True((await _timetable.Agreements.AgreeAsync(_paula, Year, await TimetableVersionAsync())).Succeeded);
        Assert.Equal(Ids(_lena, _larry, _colin, _sam), await ToldAsync(WorkflowEvents.TimetableAgreedByAll));
    }

    [Fact]
    public async Task RequestChangesAsync_ByAPartner_TheProposerToldToProposeAgainAndTheOtherPartnerThatTheRoundIsVoid()
    {
        await ProposedByLenaAsync();

        Assert.True((await _timetable.Agreements.RequestChangesAsync(_paula, Year, "Add the JSNA refresh.", await TimetableVersionAsync())).Succeeded);

        Assert.Equal(Ids(_lena, _larry, _colin, _sam), await ToldAsync(WorkflowEvents.TimetableChangesRequested));
        var toLena = await OneAsync(WorkflowEvents.TimetableChangesRequested, _lena);
        Assert.True(toLena.NeedsAction);
        // Only what was asked is quoted, with its own full stop: the notice already says who asked.
        Assert.EndsWith($" timetable: \"Add the JSNA refresh.\" Make the changes, then propose it again.", toLena.Body);
        Assert.False((await OneAsync(WorkflowEvents.TimetableChangesRequested, _colin)).NeedsAction);
        Assert.Contains("out for agreement: \"Add the JSNA refresh.\" Agreements given", (await OneAsync(WorkflowEvents.TimetableChangesRequested, _colin)).Body);
    }

    [Fact]
    public async Task RequestChangesAsync_AfterAnotherPartnerAgreed_ThatPartnerToldItsAgreementNoLongerCountsNotAnUnconcernedCommissioner()
    {
        // South proposes 2027/28 to the LINk and scrutiny; scrutiny agrees; then the LINk asks for changes.
        var year = new FinancialYear(2027);
        Assert.True((await _timetable.Agreements.ProposeAsync(_colin, year, [_link.Id, _scrutiny.Id], null)).Succeeded);
        var scott = new Actor(_scott, "scott", _scrutiny.Id, _scrutiny.Name, UserRole.Editor);
        Assert.True((await _timetable.Agreements.AgreeAsync(scott, year, (await _timetable.Queries.TimetableAsync(year))!.Version)).Succeeded);

        Assert.True((await _timetable.Agreements.RequestChangesAsync(_lena, year, "Our assembly moves to June.", (await _timetable.Queries.TimetableAsync(year))!.Version)).Succeeded);

        Assert.Equal(Ids(_colin, _sam, _scott), await ToldAsync(WorkflowEvents.TimetableChangesRequested));
        var notice = await OneAsync(WorkflowEvents.TimetableChangesRequested, scott);
        Assert.Equal((NotificationCategory.Timetable, false, PageLink.Timetable(year).Stored), (notice.Category, notice.NeedsAction, notice.Link));
        Assert.Contains("Our assembly moves to June.", notice.Body);
        Assert.Contains("no longer count", notice.Body);
        Assert.NotNull(await _timetable.Queries.TimetableAsync(year));
    }

    // An administrator of another organisation deactivates South (ADR 7, 2026-12-02); Larry, the LINk's, would be the proposer's.
    private static readonly Actor EastAdmin = new("admin-east", "Eve Admin", 0, "NHS Birmingham East and North", UserRole.Admin);

    private Task DeactivateSouthAsync() => DeactivateAsync(_south);

    /// <summary>
    /// East's administrator deactivates <paramref name="organisation"/> through the directory given the steps Core
    /// registers (<see cref="IOrganisationDeactivation"/>), as the app wires it: a step left unregistered tells nobody here.
    /// </summary>
    private async Task DeactivateAsync(Organisation organisation)
    {
        var access = new OrganisationAccess(NullLogger<OrganisationAccess>.Instance);
        using var registered = new ServiceCollection().AddLogging()
            .AddEngagementHubCore(DatabaseProvider.Sqlite, "Data Source=:memory:").BuildServiceProvider();
        var directory = new OrganisationDirectory(_database.Factory, access, _database.Clock, registered.GetServices<IOrganisationDeactivation>());
        var admin = EastAdmin with { OrganisationId = _east.Id };
        Assert.True((await directory.SetActiveAsync(admin, organisation.Id, active: false, (await directory.GetAsync(organisation.Id))!.Version)).Succeeded);
    }

    [Fact]
    public async Task SetActiveAsync_PartnerDeactivatedBeforeAgreeingThenTheOtherAgrees_TheYearIsAgreed()
    {
        await ProposedByLenaAsync();

        await DeactivateSouthAsync();
        Assert.True((await _timetable.Agreements.AgreeAsync(_paula, Year, await TimetableVersionAsync())).Succeeded);

        var timetable = (await _timetable.Queries.YearAsync(Year)).Timetable!;
        Assert.Equal(TimetableStatus.Agreed, timetable.Status);
        Assert.True(timetable.IsPublished);
        Assert.Equal([_link.Id, _council.Id], timetable.ParticipantIds.Order());
        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.TimetableAgreedByAll));
    }

    [Fact]
    public async Task SetActiveAsync_TheLastAwaitedPartnerDeactivated_AgreedAndPublishedAtOnceAndEveryoneLeftTold()
    {
        await ProposedByLenaAsync();
        Assert.True((await _timetable.Agreements.AgreeAsync(_paula, Year, await TimetableVersionAsync())).Succeeded);
        _database.Clock.Advance(TimeSpan.FromHours(2));

        await DeactivateSouthAsync();

        var timetable = (await _timetable.Queries.YearAsync(Year)).Timetable!;
        Assert.Equal((TimetableStatus.Agreed, _database.Clock.GetUtcNow()), (timetable.Status, timetable.PublishedAt!.Value));
        Assert.Empty(timetable.AwaitingAgreementFrom);
        Assert.Equal(Ids(_lena, _larry, _paula), await ToldAsync(WorkflowEvents.TimetableAgreedByAll));
        var notice = await OneAsync(WorkflowEvents.TimetableAgreedByAll, _paula);
        Assert.Equal((NotificationCategory.Timetable, false, PageLink.Timetable(Year).Stored), (notice.Category, notice.NeedsAction, notice.Link));
        Assert.Contains("Eve Admin (NHS Birmingham East and North) deactivated NHS South Birmingham before it agreed the 2026/27 timetable", notice.Body);
        Assert.Contains("agreed and published", notice.Body);
    }

    [Fact]
    public async Task SetActiveAsync_PartnerDeactivatedWithAnotherStillToAgree_StillProposedNoLongerAwaitedAndTheOthersTold()
    {
        await ProposedByLenaAsync();

        await DeactivateSouthAsync();

        var timetable = (await _timetable.Queries.YearAsync(Year)).Timetable!;
        Assert.Equal(TimetableStatus.Proposed, timetable.Status);
        Assert.Equal([_council.Id], timetable.AwaitingAgreementFrom);
        Assert.Equal(Ids(_lena, _larry, _paula), await ToldAsync(WorkflowEvents.TimetableParticipantLeft));
        var notice = await OneAsync(WorkflowEvents.TimetableParticipantLeft, _lena);
        Assert.Equal((NotificationCategory.Timetable, false), (notice.Category, notice.NeedsAction));
        Assert.Equal("Timetable 2026/27: NHS South Birmingham no longer asked to agree", notice.Title);
        Assert.Contains("Still waiting for 1 organisation to agree.", notice.Body);
        Assert.Empty(await ToldAsync(WorkflowEvents.TimetableAgreedByAll));
    }

    [Fact]
    public async Task SetActiveAsync_TheOnlyPartnerDeactivated_BackToDraftAndTheProposerAskedToProposeAgain()
    {
        Assert.True((await _timetable.Agreements.ProposeAsync(_lena, Year, [_south.Id], null)).Succeeded);

        await DeactivateSouthAsync();

        var timetable = (await _timetable.Queries.YearAsync(Year)).Timetable!;
        Assert.Equal(TimetableStatus.Draft, timetable.Status);
        Assert.Contains("NHS South Birmingham was deactivated before agreeing", timetable.ChangesRequested);
        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.TimetableParticipantLeft));
        Assert.True((await OneAsync(WorkflowEvents.TimetableParticipantLeft, _lena)).NeedsAction);
    }

    [Fact]
    public async Task SetActiveAsync_PartnerThatAgreedDeactivated_ItsAgreementStandsAndNobodyIsTold()
    {
        await ProposedByLenaAsync();
        Assert.True((await _timetable.Agreements.AgreeAsync(_colin, Year, await TimetableVersionAsync())).Succeeded);

        await DeactivateSouthAsync();

        var timetable = (await _timetable.Queries.YearAsync(Year)).Timetable!;
        Assert.Equal((TimetableStatus.Proposed, 3), (timetable.Status, timetable.ParticipantIds.Count));
        Assert.Equal([_council.Id], timetable.AwaitingAgreementFrom);
        Assert.Empty(await ToldAsync(WorkflowEvents.TimetableParticipantLeft));
    }

    private async Task<int> LatestChangeIdAsync()
    {
        await using var db = _database.CreateContext();
        return await db.TimetableChanges.MaxAsync(c => c.Id);
    }

    // A partner that recorded the changes as checked is asked again by the next change, which brings the year back onto its
    // "My work"; a partner still to check them is only told, as before.
    [Fact]
    public async Task UpdateEventAsync_AfterAPartnerCheckedTheChanges_ThatPartnerAskedAgainTheOthersTold()
    {
        var board = await AgreedThenMovedByColinAsync();
        Assert.True((await _timetable.Agreements.CheckChangesAsync(_paula, Year, await LatestChangeIdAsync())).Succeeded);

        await MoveBoardAsync(board, new DateOnly(2027, 1, 26));

        await using var db = _database.CreateContext();
        var again = await db.Notifications.AsNoTracking().Where(n => n.Event == WorkflowEvents.TimetableChangedSinceAgreement && n.Title.Contains("changed again"))
            .ToListAsync();
        Assert.Equal(Ids(_lena, _larry, _paula), again.Select(n => n.UserId).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal([_paula.UserId], again.Where(n => n.NeedsAction).Select(n => n.UserId));
        Assert.Contains("Check the change, then record it as checked", again.Single(n => n.UserId == _paula.UserId).Body);
        Assert.Contains("other changes since agreement are listed", again.Single(n => n.UserId == _lena.UserId).Body);
    }

    /// <summary>The year proposed by Lena to South and the council, agreed by both, then Colin's board moved once.</summary>
    /// <returns>The board's id.</returns>
    private async Task<int> AgreedThenMovedByColinAsync()
    {
        var created = await _timetable.Events.CreateEventAsync(_colin, new TimetableEventInput { OrganisationId = _south.Id, Title = "Board", StartDate = new DateOnly(2027, 1, 12) });
        Assert.True(created.Succeeded);
        await ProposedByLenaAsync();
        Assert.True((await _timetable.Agreements.AgreeAsync(_colin, Year, await TimetableVersionAsync())).Succeeded);
        Assert.True((await _timetable.Agreements.AgreeAsync(_paula, Year, await TimetableVersionAsync())).Succeeded);
        await MoveBoardAsync(created.Value, new DateOnly(2027, 1, 19));
        return created.Value;
    }

    private async Task MoveBoardAsync(int board, DateOnly to, TimetableEventService? events = null)
    {
        var details = TimetableEventInput.From((await _timetable.Queries.GetEventAsync(board))!.Event);
        details.StartDate = to;
        Assert.True((await (events ?? _timetable.Events).UpdateEventAsync(_colin, board, details)).Succeeded);
    }

    // The council records a check while Colin moves the board again: whichever saves second is decided again on the
    // other's save. Either the check is refused as not covering the new move, or the move asks the council to check it:
    // never a year on the council's "My work" that no notice asked it to check.
    [Theory]
    [InlineData("the move saves while the check is being decided")]
    [InlineData("the check saves while the move is being noted")]
    public async Task CheckChangesAndUpdateEventAsync_AtOnce_TheCouncilIsAskedOfEveryChangeLeftOnItsMyWork(string order)
    {
        var board = await AgreedThenMovedByColinAsync();
        var seen = await LatestChangeIdAsync();
        var access = new OrganisationAccess(NullLogger<OrganisationAccess>.Instance);
        var pause = new QueryPause(c => c.CommandText.Contains("\"TimetableChangeChecks\"", StringComparison.Ordinal));
        Outcome checkedOutcome;
        if (order == "the move saves while the check is being decided")
        {
            var checking = Task.Run(() => new TimetableAgreementService(pause.Factory(_database), access, _database.Clock).CheckChangesAsync(_paula, Year, seen));
            await pause.Arrived.WaitAsync(RaceGate.Patience);
            await MoveBoardAsync(board, new DateOnly(2027, 1, 26));
            pause.Release();
            checkedOutcome = await checking;
        }
        else
        {
            var moving = Task.Run(() => MoveBoardAsync(board, new DateOnly(2027, 1, 26), new TimetableEventService(pause.Factory(_database), access, _database.Clock)));
            await pause.Arrived.WaitAsync(RaceGate.Patience);
            var checking = Task.Run(() => _timetable.Agreements.CheckChangesAsync(_paula, Year, seen));
            if (provider == DatabaseProvider.PostgreSql)
            {
                // The move holds its event's row; the check saves the year's, so it is saved before the move is noted.
                await checking;
            }

            // On SQLite the move's open transaction holds the one write lock: the check saves once the move has.
            pause.Release();
            await moving;
            checkedOutcome = await checking;
        }

        var onMyWork = (await new MyWorkService(_database.Factory, _database.Clock).ForAsync(_paula))!.Agreements.Any(a => a.Link == PageLink.Timetable(Year));
        await using var db = _database.CreateContext();
        var askedHer = await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == _paula.UserId && n.Event == WorkflowEvents.TimetableChangedSinceAgreement && n.NeedsAction).OrderBy(n => n.Id).Select(n => n.Title).ToListAsync();
        Assert.True(onMyWork);
        if (checkedOutcome.Succeeded)
        {
            // Checked first: the move found nothing left for the council to check, and asked it again.
            Assert.Equal([$"Timetable {Year.Label} changed since agreement", $"Timetable {Year.Label} changed again"], askedHer);
        }
        else
        {
            // Moved first: the check was decided again on the move, and refused; the first notice's ask still stands.
            Assert.Equal("The timetable was changed again while you were reading it. Read the latest change, then record the check again.", checkedOutcome.Problem);
            Assert.Equal([$"Timetable {Year.Label} changed since agreement"], askedHer);
        }

        Assert.Equal(order == "the check saves while the move is being noted" && provider == DatabaseProvider.PostgreSql, checkedOutcome.Succeeded);
    }

    // A year that is over is not agreed again: a change to it tells the partners, and asks nobody to check it, as
    // "My work" no longer lists it; a proposal of it sent back tells its proposer.
    [Fact]
    public async Task UpdateEventAndRequestChangesAsync_YearThatIsOver_TellAndAskNobody()
    {
        var past = new FinancialYear(2025);
        var created = await _timetable.Events.CreateEventAsync(_colin, new TimetableEventInput { OrganisationId = _south.Id, Title = "Board", StartDate = new DateOnly(2026, 1, 12) });
        Assert.True(created.Succeeded, created.Problem);
        Assert.True((await _timetable.Agreements.ProposeAsync(_lena, past, [_south.Id, _council.Id], null)).Succeeded);
        Assert.True((await _timetable.Agreements.AgreeAsync(_colin, past, (await _timetable.Queries.TimetableAsync(past))!.Version)).Succeeded);
        Assert.True((await _timetable.Agreements.AgreeAsync(_paula, past, (await _timetable.Queries.TimetableAsync(past))!.Version)).Succeeded);
        var details = TimetableEventInput.From((await _timetable.Queries.GetEventAsync(created.Value))!.Event);
        details.StartDate = new DateOnly(2026, 1, 19);
        Assert.True((await _timetable.Events.UpdateEventAsync(_colin, created.Value, details)).Succeeded);
        Assert.True((await _timetable.Agreements.ProposeAsync(_lena, past, [_south.Id, _council.Id], null)).Succeeded);
        Assert.True((await _timetable.Agreements.RequestChangesAsync(_paula, past, "Keep the old date.", (await _timetable.Queries.TimetableAsync(past))!.Version)).Succeeded);

        await using var db = _database.CreateContext();
        var told = await db.Notifications.AsNoTracking()
            .Where(n => n.Event == WorkflowEvents.TimetableChangedSinceAgreement || n.Event == WorkflowEvents.TimetableChangesRequested).ToListAsync();
        Assert.Contains(told, n => n.UserId == _paula.UserId && n.Event == WorkflowEvents.TimetableChangedSinceAgreement);
        Assert.Contains(told, n => n.UserId == _lena.UserId && n.Event == WorkflowEvents.TimetableChangesRequested);
        Assert.DoesNotContain(told, n => n.NeedsAction);
    }

    // South's consultation runs from March into May 2027; 2027/28 was agreed with it so. Moving its end to 30 June changes
    // 2027/28's dates too: that year's other partners are told and asked to check it, as for any change to their year.
    [Fact]
    public async Task UpdateEventAsync_ConsultationExtendedIntoAnAgreedNextYear_ThatYearsPartnersTold()
    {
        var next = new FinancialYear(2027);
        var created = await _timetable.Events.CreateEventAsync(_colin, new TimetableEventInput
        {
            OrganisationId = _south.Id, Kind = TimetableEventKind.ConsultationWindow, Title = "Stroke services consultation",
            StartDate = new DateOnly(2027, 3, 1), EndDate = new DateOnly(2027, 5, 31),
        });
        Assert.True(created.Succeeded, created.Problem);
        Assert.True((await _timetable.Agreements.ProposeAsync(_lena, next, [_south.Id, _council.Id], null)).Succeeded);
        Assert.True((await _timetable.Agreements.AgreeAsync(_colin, next, (await _timetable.Queries.TimetableAsync(next))!.Version)).Succeeded);
        Assert.True((await _timetable.Agreements.AgreeAsync(_paula, next, (await _timetable.Queries.TimetableAsync(next))!.Version)).Succeeded);

        var details = TimetableEventInput.From((await _timetable.Queries.GetEventAsync(created.Value))!.Event);
        details.EndDate = new DateOnly(2027, 6, 30);
        Assert.True((await _timetable.Events.UpdateEventAsync(_colin, created.Value, details)).Succeeded);

        Assert.Equal(Ids(_lena, _larry, _paula), await ToldAsync(WorkflowEvents.TimetableChangedSinceAgreement));
        var paulas = await OneAsync(WorkflowEvents.TimetableChangedSinceAgreement, _paula);
        Assert.Equal(($"Timetable {next.Label} changed since agreement", true, PageLink.Timetable(next).Stored), (paulas.Title, paulas.NeedsAction, paulas.Link));
        Assert.Contains("to 1 Mar – 30 Jun 2027", paulas.Body);
    }

    // The council sent the year back; while it is back with the LINk, South brings its board forward. The LINk, which
    // proposes it again, is told of the change; the proposal then points the partners to the year's change log, so
    // nobody agrees it without seeing that a date moved.
    [Fact]
    public async Task ProposeAsync_AgainAfterAChangeWhileBackWithTheProposer_ProposerToldAndThePartnersPointedToTheChange()
    {
        var created = await _timetable.Events.CreateEventAsync(_colin, new TimetableEventInput { OrganisationId = _south.Id, Title = "Board", StartDate = new DateOnly(2027, 1, 12) });
        Assert.True(created.Succeeded);
        await ProposedByLenaAsync();
        Assert.True((await _timetable.Agreements.RequestChangesAsync(_paula, Year, "Add the JSNA refresh.", await TimetableVersionAsync())).Succeeded);

        await MoveBoardAsync(created.Value, new DateOnly(2026, 12, 8));

        var lenas = await OneAsync(WorkflowEvents.TimetableChangedSinceAgreement, _lena);
        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.TimetableChangedSinceAgreement));
        Assert.False(lenas.NeedsAction);
        Assert.Contains("moved from Tue 12 Jan 2027 to Tue 8 Dec 2026", lenas.Body);

        Assert.True((await _timetable.Agreements.ProposeAsync(_lena, Year, [_south.Id, _council.Id], null)).Succeeded);
        await using var db = _database.CreateContext();
        var proposed = await db.Notifications.AsNoTracking()
            .Where(n => n.Event == WorkflowEvents.TimetableProposed && n.UserId == _paula.UserId).OrderBy(n => n.Id).ToListAsync();
        Assert.Equal(2, proposed.Count);
        Assert.DoesNotContain("change log", proposed[0].Body);
        Assert.Contains("1 change since it was last proposed", proposed[1].Body);
    }

    [Fact]
    public async Task UpdateEventAsync_AfterAgreement_OtherPartnersToldOfEveryEditAskedToActAtTheFirst()
    {
        var created = await _timetable.Events.CreateEventAsync(_colin, new TimetableEventInput
        {
            OrganisationId = _south.Id, Title = "Board", StartDate = new DateOnly(2027, 1, 12),
        });
        Assert.True(created.Succeeded);
        await ProposedByLenaAsync();
        Assert.True((await _timetable.Agreements.AgreeAsync(_colin, Year, await TimetableVersionAsync())).Succeeded);
        Assert.True((await _timetable.Agreements.AgreeAsync(_paula, Year, await TimetableVersionAsync())).Succeeded);

        for (var day = 19; day <= 26; day += 7)
        {
            var details = TimetableEventInput.From((await _timetable.Queries.GetEventAsync(created.Value))!.Event);
            details.StartDate = new DateOnly(2027, 1, day);
            details.EndDate = null;
            Assert.True((await _timetable.Events.UpdateEventAsync(_colin, created.Value, details)).Succeeded);
        }

        // Each of the two moves, to each of the other partners' editors: the second may bring a decision forward.
        Assert.Equal(Ids(_lena, _lena, _larry, _larry, _paula, _paula), await ToldAsync(WorkflowEvents.TimetableChangedSinceAgreement));
        await using var db = _database.CreateContext();
        var paulas = await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == _paula.UserId && n.Event == WorkflowEvents.TimetableChangedSinceAgreement).OrderBy(n => n.Id).ToListAsync();
        Assert.Equal([(true, $"Timetable {Year.Label} changed since agreement"), (false, $"Timetable {Year.Label} changed again")],
            paulas.Select(n => (n.NeedsAction, n.Title)));
        Assert.All(paulas, n => Assert.Contains("moved from", n.Body));
        Assert.Contains("26 Jan", paulas[1].Body);
    }

    [Fact]
    public async Task AgreeAsync_LastAgreementRefusedAsAConflict_NoNotificationRecorded()
    {
        Assert.True((await _timetable.Agreements.ProposeAsync(_lena, Year, [_south.Id], null)).Succeeded);
        var stale = await TimetableVersionAsync();
        await using (var db = _database.CreateContext())
        {
            // Someone else saved the year meanwhile.
            var timetable = await db.AnnualTimetables.SingleAsync(t => t.Year == Year.StartYear);
            timetable.Version = Guid.NewGuid();
            await db.SaveChangesAsync();
        }

        Assert.False((await _timetable.Agreements.AgreeAsync(_colin, Year, stale)).Succeeded);

        Assert.Empty(await ToldAsync(WorkflowEvents.TimetableAgreedByAll));
        Assert.Equal(TimetableStatus.Proposed, (await _timetable.Queries.TimetableAsync(Year))!.Status);
    }

    // ----- The LINk's work programme -----

    private const string Referrer = "Maya Patel", ReferrerContact = "maya.patel@example.org";

    private async Task<int> IssueRecordedByAsync(Actor by)
    {
        var outcome = await _workProgramme.RecordAsync(by, new RaisedIssueInput
        {
            Title = "No hearing loop at the eye clinic",
            Description = "Patients with hearing aids miss their names being called.",
            ReferrerName = Referrer,
            ReferrerContact = ReferrerContact,
            ConsentToContact = true,
            Sector = CareSector.Health,
            RaisedOn = new DateOnly(2026, 10, 26),
        });
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)) + outcome.Problem);
        return outcome.Value;
    }

    private async Task DecideAsync(int issue, PanelOutcome outcome, int? to = null, string? contact = null)
    {
        await using var db = _database.CreateContext();
        var rule = await db.DeadlineRules.Where(r => r.Kind == DeadlineKind.InformationRequest).Select(r => r.Id).SingleAsync();
        var decided = await _workProgramme.DecideAsync(_lena, issue, new PanelDecisionInput
        {
            On = new DateOnly(2026, 11, 2), Outcome = outcome, PanelMembers = "Chair and two members", Reasons = "The trust should fit a loop.",
            ToOrganisationId = to, HandOffContact = contact, RuleId = outcome == PanelOutcome.ReferToProviderOrCommissioner ? rule : null,
            SkipReasons = new() { [IssueStep.Discussed] = "Clear from the letter", [IssueStep.Consulted] = "Quick win", [IssueStep.BusinessCase] = "Quick win" },
        });
        Assert.True(decided.Succeeded, string.Join("; ", decided.Errors.Select(e => e.Message)) + decided.Problem);
    }

    /// <summary>The notice's link is the issue's page, which opens for the recipient without the referrer's details.</summary>
    private async Task AssertIssueNoticeAsync(string workflowEvent, Actor recipient, int issue, bool needsAction)
    {
        var notice = await OneAsync(workflowEvent, recipient);
        Assert.Equal((NotificationCategory.WorkProgramme, needsAction, PageLink.RaisedIssue(issue).Stored), (notice.Category, notice.NeedsAction, notice.Link));
        Assert.DoesNotContain(Referrer, notice.Title + notice.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ReferrerContact, notice.Title + notice.Body, StringComparison.OrdinalIgnoreCase);
        var page = await _workProgramme.GetAsync(recipient, issue);
        Assert.NotNull(page);
        Assert.Equal(recipient.OrganisationId == _link.Id, page.ReferrerVisible);
    }

    [Fact]
    public async Task RecordAsync_ACommissionerRecordsAnIssue_TheLinksEditorsToldItIsTheirsToTakeOn()
    {
        var id = await IssueRecordedByAsync(_colin);

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.IssueRaised));
        await AssertIssueNoticeAsync(WorkflowEvents.IssueRaised, _lena, id, needsAction: true);
        Assert.Contains("colin (NHS South Birmingham) recorded the issue", (await OneAsync(WorkflowEvents.IssueRaised, _lena)).Body);
    }

    [Fact]
    public async Task RecordAsync_TheLinkRecordsAnIssue_NobodyTold()
    {
        await IssueRecordedByAsync(_lena);

        Assert.Empty(await ToldAsync(WorkflowEvents.IssueRaised));
    }

    [Fact]
    public async Task DecideAsync_WorkWithAnotherOrganisation_ThatOrganisationAndItsNamedContactToldWithoutTheReferrersDetails()
    {
        var id = await IssueRecordedByAsync(_lena);

        await DecideAsync(id, PanelOutcome.WorkWithAnotherOrganisation, _south.Id, "Janet Rowe");

        Assert.Equal(Ids(_colin, _sam, _janet), await ToldAsync(WorkflowEvents.IssueHandedOff));
        await AssertIssueNoticeAsync(WorkflowEvents.IssueHandedOff, _colin, id, needsAction: true);
        await AssertIssueNoticeAsync(WorkflowEvents.IssueHandedOff, As(_janet, _south, UserRole.Viewer), id, needsAction: true);
        var notice = await OneAsync(WorkflowEvents.IssueHandedOff, _colin);
        Assert.Contains("with Janet Rowe as the contact there", notice.Body);
        Assert.Contains("The trust should fit a loop.", notice.Body);
        // The LINk raised it itself: nobody else hears of the decision.
        Assert.Empty(await ToldAsync(WorkflowEvents.IssueDecided));
    }

    [Fact]
    public async Task DecideAsync_NoActionOnAnIssueACommissionerRaised_TheRecorderAndTheirOrganisationToldNotAnotherCommissioner()
    {
        var id = await IssueRecordedByAsync(_colin);

        await DecideAsync(id, PanelOutcome.NoAction);

        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.IssueDecided));
        await AssertIssueNoticeAsync(WorkflowEvents.IssueDecided, As(_sam, _south, UserRole.Admin), id, needsAction: false);
        Assert.Contains(": no action.", (await OneAsync(WorkflowEvents.IssueDecided, _colin)).Body);
    }

    [Fact]
    public async Task DecideAsync_ReferredToTheCommissionerThatRaisedIt_ItsEditorsToldOnceByTheRequestAndTheRecorderOfTheDecision()
    {
        var id = await IssueRecordedByAsync(_colin);

        await DecideAsync(id, PanelOutcome.ReferToProviderOrCommissioner, _south.Id);

        Assert.Equal(Ids(_colin, _sam, _janet), await ToldAsync(WorkflowEvents.DeadlineLogged));
        Assert.Equal(Ids(_colin), await ToldAsync(WorkflowEvents.IssueDecided));
        await AssertIssueNoticeAsync(WorkflowEvents.IssueDecided, _colin, id, needsAction: false);
    }

    [Fact]
    public async Task FeedbackAsync_OnAnIssueACommissionerRaisedAndHandedToAnother_TheRecorderTheirOrganisationAndThePartnerToldNotTheNotes()
    {
        var id = await IssueRecordedByAsync(_colin);
        await DecideAsync(id, PanelOutcome.WorkWithAnotherOrganisation, _east.Id, "Ed Vance");

        Assert.True((await _workProgramme.FeedbackAsync(_lena, id, new StepInput { On = new DateOnly(2026, 11, 2), Notes = $"Phoned {Referrer} on 0121 496 0000." })).Succeeded);

        Assert.Equal(Ids(_colin, _sam, _ed), await ToldAsync(WorkflowEvents.IssueFeedbackGiven));
        await AssertIssueNoticeAsync(WorkflowEvents.IssueFeedbackGiven, As(_ed, _east), id, needsAction: false);
        Assert.DoesNotContain("0121", (await OneAsync(WorkflowEvents.IssueFeedbackGiven, _colin)).Body, StringComparison.Ordinal);
    }

    /// <summary>An administrator moves the person behind <paramref name="person"/> to <paramref name="to"/>, as user administration allows.</summary>
    private async Task MoveAsync(Actor person, Organisation to)
    {
        await using var db = _database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Id == person.UserId);
        user.OrganisationId = to.Id;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task DecideAndFeedback_TheRecorderSinceMovedToAnotherCommissioner_TheOrganisationItWasRaisedThroughToldNotTheNewOne()
    {
        var id = await IssueRecordedByAsync(_colin);
        await MoveAsync(_colin, _east);

        await DecideAsync(id, PanelOutcome.NoAction);
        Assert.True((await _workProgramme.FeedbackAsync(_lena, id, new StepInput { On = new DateOnly(2026, 11, 2), Notes = "Wrote to them." })).Succeeded);

        // South, which it came through, hears of it; East, where Colin now is, does not, nor Colin for it.
        Assert.Equal(Ids(_sam), await ToldAsync(WorkflowEvents.IssueDecided));
        Assert.Contains("which was raised through your organisation: no action.", (await OneAsync(WorkflowEvents.IssueDecided, As(_sam, _south, UserRole.Admin))).Body);
        Assert.Equal(Ids(_sam), await ToldAsync(WorkflowEvents.IssueFeedbackGiven));
    }

    [Fact]
    public async Task Decide_TheRecorderSinceMovedIntoTheLink_TheOrganisationItWasRaisedThroughStillTold()
    {
        var id = await IssueRecordedByAsync(_colin);
        await MoveAsync(_colin, _link);

        await DecideAsync(id, PanelOutcome.NoAction);

        Assert.Equal(Ids(_sam), await ToldAsync(WorkflowEvents.IssueDecided));
    }

    // ----- Joint reviews -----

    private async Task<int> RoundOpenedByAsync(Actor by, Organisation? commissioner, int year = 2026)
    {
        await using (var db = _database.CreateContext())
        {
            await StandardCriteria.EnsureAsync(db, _database.Clock);
        }

        var outcome = await _reviews.OpenRoundAsync(by, new RoundInput { Year = year, CommissionerOrganisationId = commissioner?.Id, ClosesOn = new DateOnly(2026, 12, 1) });
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors.Select(e => e.Message)) + outcome.Problem);
        return outcome.Value;
    }

    private async Task RateAllAsync(Actor actor, int round, bool submit, string? comment = null)
    {
        var view = (await _reviews.GetAsync(actor, round))!;
        var ratings = view.Items.Select(i => new RatingInput { ItemId = i.ItemId, Score = ReviewScore.LargelyMet, Comment = comment }).ToList();
        var outcome = await _reviews.SaveRatingsAsync(actor, round, ratings, submit, publishComments: false, view.RatingsVersion);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors.Select(e => e.Message)) + outcome.Problem);
    }

    private async Task<int> BothSubmittedAsync()
    {
        var round = await RoundOpenedByAsync(_lena, _south);
        await RateAllAsync(_lena, round, submit: true);
        await RateAllAsync(_colin, round, submit: true);
        return round;
    }

    private async Task AssertReviewNoticeAsync(string workflowEvent, Actor recipient, PageLink link, bool needsAction)
    {
        var notice = await OneAsync(workflowEvent, recipient);
        Assert.Equal((NotificationCategory.Reviews, needsAction, link.Stored), (notice.Category, notice.NeedsAction, notice.Link));
        if (link.Kind == PageKind.ReviewMeeting)
        {
            Assert.True((await _reviews.MeetingAsync(recipient, link.Id)).Succeeded);
        }
        else
        {
            Assert.NotNull((await _reviews.GetAsync(recipient, link.Id))!.MySide);
        }
    }

    [Fact]
    public async Task OpenRoundAsync_ByTheLinkWithOneCommissioner_ThatCommissionerToldNotAnother()
    {
        var round = await RoundOpenedByAsync(_lena, _south);

        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.ReviewOpened));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewOpened, _colin, PageLink.Review(round), needsAction: true);
    }

    [Fact]
    public async Task OpenRoundAsync_ByACommissionerWithAll_TheLinkAndTheOtherCommissionersTold()
    {
        var round = await RoundOpenedByAsync(_colin, null);

        Assert.Equal(Ids(_lena, _larry, _ed), await ToldAsync(WorkflowEvents.ReviewOpened));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewOpened, As(_ed, _east), PageLink.Review(round), needsAction: true);
    }

    [Fact]
    public async Task SaveRatingsAsync_OneSideSubmits_TheOtherToldWithoutItsRatingsThenBothToldTheMeetingIsReady()
    {
        var round = await RoundOpenedByAsync(_lena, _south);
        await RateAllAsync(_colin, round, submit: false);
        await RateAllAsync(_lena, round, submit: true, comment: "Few new faces at the assembly");

        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.ReviewRatingsSubmitted));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewRatingsSubmitted, _colin, PageLink.Review(round), needsAction: true);
        var notice = await OneAsync(WorkflowEvents.ReviewRatingsSubmitted, _colin);
        Assert.DoesNotContain("new faces", notice.Title + notice.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("largely", notice.Title + notice.Body, StringComparison.OrdinalIgnoreCase);
        Assert.All((await _reviews.GetAsync(_colin, round))!.Items, i => Assert.Null(i.Link));
        Assert.Empty(await ToldAsync(WorkflowEvents.ReviewMeetingReady));

        await RateAllAsync(_colin, round, submit: true);

        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.ReviewRatingsSubmitted));
        Assert.Equal(Ids(_lena, _larry, _sam), await ToldAsync(WorkflowEvents.ReviewMeetingReady));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewMeetingReady, _lena, PageLink.ReviewMeeting(round), needsAction: true);
    }

    [Fact]
    public async Task AgreeAsync_TheLastRatingThenAChange_TheOtherSideToldOfEachNotOfEveryFirstAgreement()
    {
        var round = await BothSubmittedAsync();
        var items = (await _reviews.GetAsync(_lena, round))!.Items;

        foreach (var item in items.SkipLast(1))
        {
            Assert.True((await _reviews.AgreeAsync(_lena, round, item.ItemId, new AgreedRatingInput { Score = ReviewScore.LargelyMet })).Succeeded);
        }

        Assert.Empty(await ToldAsync(WorkflowEvents.ReviewRatingsAgreed));
        Assert.True((await _reviews.AgreeAsync(_lena, round, items[^1].ItemId, new AgreedRatingInput { Score = ReviewScore.PartlyMet })).Succeeded);
        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.ReviewRatingsAgreed));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewRatingsAgreed, _colin, PageLink.ReviewMeeting(round), needsAction: false);

        Assert.True((await _reviews.AgreeAsync(_lena, round, items[0].ItemId, new AgreedRatingInput { Score = ReviewScore.NotMet, Note = "Nobody new came.", SeenScore = ReviewScore.LargelyMet })).Succeeded);
        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.ReviewAgreedRatingChanged));
        var changed = (await OneAsync(WorkflowEvents.ReviewAgreedRatingChanged, _colin)).Body;
        Assert.Contains("from \"3 · Largely met\" to \"1 · Not met\"", changed);
        // The note's own full stop ends the sentence: no second one after the quote.
        Assert.Contains(", with the note \"Nobody new came.\" If that is not", changed);
        Assert.Single(await ToldAsync(WorkflowEvents.ReviewRatingsAgreed), _colin.UserId);
    }

    [Fact]
    public async Task AddActionAsync_ForTheCommissionerThenForTheLink_TheOwnerToldItIsTheirsAndTheOtherSideToldOfIt()
    {
        var round = await BothSubmittedAsync();
        var due = new DateOnly(2027, 3, 1);

        var southAction = await _reviews.AddActionAsync(_lena, round, new ActionInput { Text = "Share the commissioning plan", OwnerOrganisationId = _south.Id, DueOn = due });
        Assert.True(southAction.Succeeded);
        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.ReviewActionAdded));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewActionAdded, _colin, PageLink.ReviewMeeting(round), needsAction: true);

        await using (var db = _database.CreateContext())
        {
            db.Notifications.RemoveRange(db.Notifications);
            await db.SaveChangesAsync();
        }

        Assert.True((await _reviews.AddActionAsync(_lena, round, new ActionInput { Text = "Hold an assembly in Erdington", OwnerOrganisationId = _link.Id, DueOn = due })).Succeeded);
        Assert.Equal(Ids(_larry, _colin, _sam), await ToldAsync(WorkflowEvents.ReviewActionAdded));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewActionAdded, _larry, PageLink.ReviewMeeting(round), needsAction: true);
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewActionAdded, _colin, PageLink.ReviewMeeting(round), needsAction: false);

        Assert.True((await _reviews.CompleteActionAsync(_colin, southAction.Value)).Succeeded);
        Assert.True((await _reviews.CompleteActionAsync(_colin, southAction.Value)).Succeeded);
        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.ReviewActionDone));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewActionDone, _lena, PageLink.ReviewMeeting(round), needsAction: false);
    }

    [Fact]
    public async Task PublishAsync_ByTheCommissioner_TheLinkToldOnce()
    {
        var round = await BothSubmittedAsync();

        // Nothing agreed yet: the 24 criteria are published as not agreed, as the meeting page confirms first.
        Assert.True((await _reviews.PublishAsync(_colin, round, notAgreedConfirmed: 24)).Succeeded);
        Assert.True((await _reviews.PublishAsync(_colin, round, notAgreedConfirmed: 24)).Succeeded);

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.ReviewPublished));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewPublished, _larry, PageLink.ReviewMeeting(round), needsAction: false);
    }

    /// <summary>Published by the commissioner with nothing agreed (24 criteria confirmed as not agreed), then reopened by the LINk.</summary>
    private async Task<int> ReopenedByLenaAsync()
    {
        var round = await BothSubmittedAsync();
        Assert.True((await _reviews.PublishAsync(_colin, round, notAgreedConfirmed: 24)).Succeeded);
        Assert.True((await _reviews.ReopenAsync(_lena, round)).Succeeded);
        return round;
    }

    [Fact]
    public async Task ReopenAsync_ThenTheRevisionAgreedByEachSide_TheOtherSideToldAtEachStepAndAskedOnlyToAgree()
    {
        var round = await ReopenedByLenaAsync();

        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.ReviewReopened));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewReopened, _colin, PageLink.ReviewMeeting(round), needsAction: false);
        Assert.Contains("marked as being revised since", (await OneAsync(WorkflowEvents.ReviewReopened, _colin)).Body, StringComparison.Ordinal);

        Assert.True((await _reviews.PublishAsync(_lena, round, notAgreedConfirmed: 24)).Succeeded);
        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.ReviewRevisionAgreed));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewRevisionAgreed, _colin, PageLink.ReviewMeeting(round), needsAction: true);
        Assert.Empty(await ToldAsync(WorkflowEvents.ReviewRevisionPublished));

        Assert.True((await _reviews.PublishAsync(_colin, round, notAgreedConfirmed: 24)).Succeeded);
        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.ReviewRevisionPublished));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewRevisionPublished, _lena, PageLink.ReviewMeeting(round), needsAction: false);
        Assert.Single(await ToldAsync(WorkflowEvents.ReviewPublished), _lena.UserId);
    }

    [Fact]
    public async Task ReopenAsync_TheNoticeNamesTheReviewOnce()
    {
        var round = await ReopenedByLenaAsync();

        var body = (await OneAsync(WorkflowEvents.ReviewReopened, _colin)).Body;
        Assert.DoesNotContain("the published the", body, StringComparison.Ordinal);
        Assert.Contains("reopened the 2026/27 joint review between", body, StringComparison.Ordinal);
        Assert.Contains(", which was published, for revision", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgreeAsync_ChangeAfterTheCommissionerAgreedTheRevision_TheCommissionerToldItsAgreementIsSetAside()
    {
        var round = await ReopenedByLenaAsync();
        Assert.Equal(ReviewPublication.RevisionAgreedByOneSide, (await _reviews.PublishAsync(_colin, round, notAgreedConfirmed: 24)).Value);
        var newFaces = (await _reviews.GetAsync(_lena, round))!.Items.Single(i => i.Name == "New faces");

        Assert.True((await _reviews.AgreeAsync(_lena, round, newFaces.ItemId, new AgreedRatingInput { Score = ReviewScore.LargelyMet })).Succeeded);

        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.ReviewRevisionAgreementSetAside));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewRevisionAgreementSetAside, _colin, PageLink.ReviewMeeting(round), needsAction: false);
        var body = (await OneAsync(WorkflowEvents.ReviewRevisionAgreementSetAside, _colin)).Body;
        Assert.Contains("New faces", body, StringComparison.Ordinal);
        Assert.Contains("after your side had agreed on ", body, StringComparison.Ordinal);
        Assert.Contains("Your side's agreement is set aside", body, StringComparison.Ordinal);
        Assert.Null((await _reviews.GetAsync(_colin, round))!.RevisionAgreedBy);

        // A second change, with no agreement standing, sets nothing aside and tells nobody again.
        Assert.True((await _reviews.AgreeAsync(_lena, round, newFaces.ItemId,
            new AgreedRatingInput { Score = ReviewScore.FullyMet, SeenScore = ReviewScore.LargelyMet })).Succeeded);
        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.ReviewRevisionAgreementSetAside));
    }

    [Fact]
    public async Task AddActionAsync_AfterTheLinkAgreedTheRevision_TheCommissionerToldTheLinksAgreementIsSetAside()
    {
        var round = await ReopenedByLenaAsync();
        Assert.Equal(ReviewPublication.RevisionAgreedByOneSide, (await _reviews.PublishAsync(_lena, round, notAgreedConfirmed: 24)).Value);

        Assert.True((await _reviews.AddActionAsync(_lena, round, new ActionInput
        {
            Text = "Hold an assembly in Erdington", OwnerOrganisationId = _link.Id, DueOn = new DateOnly(2027, 3, 1),
        })).Succeeded);

        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.ReviewRevisionAgreementSetAside));
        var body = (await OneAsync(WorkflowEvents.ReviewRevisionAgreementSetAside, _colin)).Body;
        Assert.Contains("Hold an assembly in Erdington", body, StringComparison.Ordinal);
        Assert.Contains("after their side had agreed on ", body, StringComparison.Ordinal);
        Assert.Null((await _reviews.GetAsync(_colin, round))!.RevisionAgreedBy);
    }

    // ----- What a notice asks for is on the reader's "my work" -----

    /// <summary>
    /// The notices that ask their reader's side to act, each as one step drives it (the reminder sweep's own, which ask
    /// again for what these ask, are checked on "my work" in <c>MyWorkServiceTests</c>).
    /// </summary>
    public static TheoryData<string> StepsThatAsk() =>
    [
        WorkflowEvents.ExerciseCreated, WorkflowEvents.OptionProposed, WorkflowEvents.OptionChangeRequested, WorkflowEvents.ExerciseLeadChanged,
        WorkflowEvents.DeadlineLogged, WorkflowEvents.DeadlineEscalated, WorkflowEvents.ReferralReceived, WorkflowEvents.ExtensionProposed, WorkflowEvents.ImplementationRecorded,
        WorkflowEvents.LinkVerdictRecorded, WorkflowEvents.TimetableProposed, WorkflowEvents.TimetableChangesRequested,
        WorkflowEvents.TimetableParticipantLeft, WorkflowEvents.TimetableChangedSinceAgreement, WorkflowEvents.IssueRaised,
        WorkflowEvents.IssueHandedOff, WorkflowEvents.ReviewOpened, WorkflowEvents.ReviewRatingsSubmitted, WorkflowEvents.ReviewMeetingReady,
        WorkflowEvents.ReviewActionAdded, WorkflowEvents.ExerciseLeadDeactivated, WorkflowEvents.DeadlineRecipientDeactivated,
        WorkflowEvents.ReviewCommissionerDeactivated, WorkflowEvents.ReviewLinkDeactivated, WorkflowEvents.ReviewRevisionAgreed, WorkflowEvents.Reminder,
        WorkflowEvents.ReviewRevisionPartnerDeactivated,
    ];

    /// <summary>
    /// Every notice a step records that asks its reader to act (<see cref="Notification.NeedsAction"/>) has an item on that
    /// reader's "my work" linking to the same page, so what a notice asks for stays in view once the notice is read.
    /// </summary>
    [Theory]
    [MemberData(nameof(StepsThatAsk))]
    public async Task EveryNoticeThatAsks_TheStepItAsksForIsOnTheReadersMyWork(string workflowEvent)
    {
        var since = await StepUpToAsync(workflowEvent);

        await using var db = _database.CreateContext();
        var asked = await db.Notifications.AsNoTracking().Where(n => n.Id > since && n.NeedsAction).OrderBy(n => n.Id).ToListAsync();
        Assert.Contains(asked, n => n.Event == workflowEvent);
        var readers = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id);
        var myWork = new MyWorkService(_database.Factory, _database.Clock);
        var missing = new List<string>();
        foreach (var notice in asked)
        {
            var reader = readers[notice.UserId];
            var work = (await myWork.ForAsync(new Actor(reader.Id, reader.DisplayName, reader.OrganisationId, null, reader.Role)))!;
            if (!work.Deadlines.Concat(work.Agreements).Concat(work.Reviews).Concat(work.Programme).Any(i => i.Link.Stored == notice.Link))
            {
                missing.Add($"{notice.Event} to {reader.UserName}: \"{notice.Title}\" ({notice.Link})");
            }
        }

        Assert.True(missing.Count == 0, "Not on the reader's my work: " + string.Join("; ", missing));
    }

    /// <summary>
    /// Every kind of notice is either one a step above asks with, one the reminder sweep asks with (checked on "my work"
    /// in <c>MyWorkServiceTests</c>), or for information only: a new kind has to be placed in one of them.
    /// </summary>
    [Fact]
    public void WorkflowEvents_EveryOne_IsCheckedOnMyWorkOrIsForInformation()
    {
        string[] askedBySweep = [WorkflowEvents.ReviewClosing, WorkflowEvents.ReviewActionDue, WorkflowEvents.ReviewActionOverdue,
            WorkflowEvents.ImplementationOverdue, WorkflowEvents.IssueFeedbackDue];
        string[] forInformation = [WorkflowEvents.OptionAgreed, WorkflowEvents.ExerciseChangedAfterAgreement, WorkflowEvents.ExercisePartnerAdded,
            WorkflowEvents.ExercisePartnerRemoved, WorkflowEvents.ExerciseCancelled,
            WorkflowEvents.DeadlineAcknowledged, WorkflowEvents.DeadlineAnswered, WorkflowEvents.DeadlineWithdrawn,
            WorkflowEvents.ExtensionAgreed, WorkflowEvents.ExtensionDeclined, WorkflowEvents.ExtensionWithdrawn, WorkflowEvents.RecommendationResponded,
            WorkflowEvents.TimetableAgreedByPartner,
            WorkflowEvents.TimetableAgreedByAll, WorkflowEvents.DueDateMoved, WorkflowEvents.ReviewRatingsAgreed,
            WorkflowEvents.ReviewAgreedRatingChanged, WorkflowEvents.ReviewActionDone, WorkflowEvents.ReviewPublished, WorkflowEvents.IssueDecided,
            WorkflowEvents.IssueFeedbackGiven, WorkflowEvents.FeedbackDueMoved, WorkflowEvents.ReviewActionOwnerDeactivated,
            WorkflowEvents.ExerciseLinkDeactivated, WorkflowEvents.IssuePartnerDeactivated, WorkflowEvents.IssueLinkDeactivated,
            WorkflowEvents.ReviewReopened, WorkflowEvents.ReviewRevisionPublished, WorkflowEvents.ReviewRevisionAgreementSetAside, WorkflowEvents.DeadlineHandedOver];
        var events = typeof(WorkflowEvents).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        var placed = ((IEnumerable<object[]>)StepsThatAsk()).Select(row => (string)row[0]).Concat(askedBySweep).Concat(forInformation).ToList();

        Assert.Equal(events.Order(StringComparer.Ordinal), placed.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A request logged on Monday 2 November (due Friday 27th) under a rule that reminds 15, 5 and 1 working days before,
    /// acknowledged by South; then the sweep of Monday 9 November, which sends the first reminders.
    /// </summary>
    /// <returns>The last notification's id before the sweep.</returns>
    private async Task<long> FirstRemindersAsync()
    {
        await using (var db = _database.CreateContext())
        {
            var rule = await db.DeadlineRules.SingleAsync(r => r.Kind == DeadlineKind.InformationRequest);
            rule.Change(rule.Name, rule.WorkingDays, [15, 5, 1], rule.EscalateAfterWorkingDays, rule.IsActive);
            await db.SaveChangesAsync();
        }

        var id = await LoggedByLenaAsync(new DateOnly(2026, 11, 2));
        Assert.True((await _deadlines.AcknowledgeAsync(_colin, id)).Succeeded);
        long since;
        await using (var db = _database.CreateContext())
        {
            since = await db.Notifications.MaxAsync(n => (long?)n.Id) ?? 0;
        }

        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 10, 0, 0, TimeSpan.Zero));
        var holidays = new BankHolidayCalendar(_database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), _database.Clock);
        await new ReminderSweep(_database.Factory, holidays, _database.Clock, NullLogger<ReminderSweep>.Instance).RunAsync();
        return since;
    }

    [Fact]
    public async Task ReminderSweep_BeforeTheDueDate_AsksTheSideThatOwesTheAnswerAndTellsTheLinksOwnerWhatIsComing()
    {
        var since = await FirstRemindersAsync();

        await using var db = _database.CreateContext();
        var reminders = await db.Notifications.AsNoTracking().Where(n => n.Id > since && n.Event == WorkflowEvents.Reminder).ToListAsync();
        Assert.Equal(Ids(_lena, _janet), reminders.Select(n => n.UserId).Order(StringComparer.Ordinal).ToArray());
        Assert.False(reminders.Single(n => n.UserId == _lena.UserId).NeedsAction);
        Assert.True(reminders.Single(n => n.UserId == _janet).NeedsAction);
    }

    [Fact]
    public async Task UpdateEventAsync_WhileOutForAgreement_TheProposerAskedToProposeAgainTheOtherPartnersOnlyTold()
    {
        var created = await _timetable.Events.CreateEventAsync(_colin, new TimetableEventInput { OrganisationId = _south.Id, Title = "Board", StartDate = new DateOnly(2027, 1, 12) });
        Assert.True(created.Succeeded);
        await ProposedByLenaAsync();
        var details = TimetableEventInput.From((await _timetable.Queries.GetEventAsync(created.Value))!.Event);
        details.StartDate = new DateOnly(2027, 1, 19);

        Assert.True((await _timetable.Events.UpdateEventAsync(_colin, created.Value, details)).Succeeded);

        Assert.Equal(Ids(_lena, _larry, _paula), await ToldAsync(WorkflowEvents.TimetableChangedSinceAgreement));
        var (lenas, paulas) = (await OneAsync(WorkflowEvents.TimetableChangedSinceAgreement, _lena), await OneAsync(WorkflowEvents.TimetableChangedSinceAgreement, _paula));
        Assert.Equal((true, false), (lenas.NeedsAction, paulas.NeedsAction));
        Assert.Equal($"Timetable {Year.Label} changed while out for agreement", lenas.Title);
        Assert.EndsWith("The proposal no longer stands; check the change, then propose the year again.", lenas.Body);
        Assert.EndsWith("nothing is needed from you until the year is proposed again.", paulas.Body);
    }

    [Fact]
    public async Task AddMilestoneAsync_AfterTheLinkGaveItsView_TheLinkToldItsViewStandsNotAskedAgain()
    {
        var (id, recommendationId) = await DoneAndJudgedAsync();

        Assert.True((await _deadlines.AddMilestoneAsync(_colin, id, recommendationId, new MilestoneInput { On = new DateOnly(2026, 11, 2), Text = "Board approved the monthly report." })).Succeeded);

        var told = await OneAsync(WorkflowEvents.ImplementationRecorded, _lena);
        Assert.False(told.NeedsAction);
        Assert.EndsWith("The LINk's view, that it has been met, stands; change it if this changes it.", told.Body);
    }

    /// <summary>Drives the partnership to just before the step that records <paramref name="workflowEvent"/>, then takes it.</summary>
    /// <returns>The last notification's id before the step (0 for none).</returns>
    private async Task<long> StepUpToAsync(string workflowEvent)
    {
        async Task<long> LastAsync()
        {
            await using var db = _database.CreateContext();
            return await db.Notifications.MaxAsync(n => (long?)n.Id) ?? 0;
        }

        async Task<Guid> RecommendationVersionAsync(int report) => (await _deadlines.GetAsync(report))!.Deadline.Recommendations.Single().Version;

        long since;
        switch (workflowEvent)
        {
            case WorkflowEvents.ExerciseCreated:
                since = await LastAsync();
                await ExerciseAsync(_colin);
                return since;
            case WorkflowEvents.OptionProposed:
                since = await LastAsync();
                await ProposedByColinAsync();
                return since;
            case WorkflowEvents.OptionChangeRequested:
            {
                var (id, proposal) = await ProposedByColinAsync();
                since = await LastAsync();
                Assert.True((await _exercises.RequestChangeAsync(_lena, id, proposal, "Option 3 would suit our members better.")).Succeeded);
                return since;
            }

            case WorkflowEvents.ExerciseLeadChanged:
            {
                // The LINk moves an exercise it proposed, whose option South agreed, to East, who is asked to agree it.
                var id = await ExerciseAsync(_lena);
                Assert.True((await _exercises.ProposeOptionAsync(_lena, id, 2, "We reach Somali families.", [], ProposalSeen.Of((await _exercises.GetAsync(id))!.Exercise.CurrentProposal))).Succeeded);
                Assert.True((await _exercises.AgreeAsync(_colin, id, (await _exercises.GetAsync(id))!.Exercise.CurrentProposal!.Id)).Succeeded);
                var input = Details();
                input.LeadCommissionerId = _east.Id;
                input.Version = (await _exercises.GetAsync(id))!.Exercise.Version;
                since = await LastAsync();
                Assert.True((await _exercises.UpdateAsync(_lena, id, input)).Succeeded);
                return since;
            }

            case WorkflowEvents.DeadlineLogged:
                // Due on 27 November, more than two weeks away: not yet acknowledged is what puts it on the list.
                since = await LastAsync();
                await LoggedByLenaAsync();
                return since;
            case WorkflowEvents.DeadlineEscalated:
            case WorkflowEvents.ReferralReceived:
            {
                // Escalating tells the commissioner, and refers the deadline to the scrutiny committee.
                var id = await LoggedByLenaAsync(new DateOnly(2026, 9, 1));
                since = await LastAsync();
                Assert.True((await _deadlines.EscalateAsync(_lena, id)).Succeeded);
                return since;
            }

            case WorkflowEvents.ExtensionProposed:
            {
                var id = await LoggedByLenaAsync();
                Assert.True((await _deadlines.AcknowledgeAsync(_colin, id)).Succeeded);
                since = await LastAsync();
                Assert.True((await _deadlines.ProposeExtensionAsync(_colin, id, new DateOnly(2026, 12, 18), "The data team is short-staffed.", waitingSeen: null)).Succeeded);
                return since;
            }

            case WorkflowEvents.ImplementationRecorded:
            {
                var id = await LoggedByLenaAsync(null, "Publish waiting times monthly.");
                var recommendation = (await _deadlines.GetAsync(id))!.Deadline.Recommendations.Single().Id;
                Assert.True((await _deadlines.RespondAsync(_colin, id, recommendation, RecommendationResponse.Accepted, null)).Succeeded);
                since = await LastAsync();
                Assert.True((await _deadlines.RecordImplementationAsync(_colin, id, recommendation, new ImplementationInput
                {
                    Status = ImplementationStatus.Done, ChangeMade = "Published on the website.", Version = await RecommendationVersionAsync(id),
                })).Succeeded);
                return since;
            }

            case WorkflowEvents.LinkVerdictRecorded:
            {
                var id = await LoggedByLenaAsync(null, "Publish waiting times monthly.");
                var recommendation = (await _deadlines.GetAsync(id))!.Deadline.Recommendations.Single().Id;
                Assert.True((await _deadlines.RespondAsync(_colin, id, recommendation, RecommendationResponse.Accepted, null)).Succeeded);
                Assert.True((await _deadlines.RecordImplementationAsync(_colin, id, recommendation, new ImplementationInput
                {
                    Status = ImplementationStatus.Done, ChangeMade = "Published on the website.", Version = await RecommendationVersionAsync(id),
                })).Succeeded);
                since = await LastAsync();
                Assert.True((await _deadlines.RecordLinkVerdictAsync(_lena, id, recommendation, new LinkVerdictInput
                {
                    Verdict = LinkVerdict.DoesNotAgree, Comment = "Only one month was published.", Version = await RecommendationVersionAsync(id),
                })).Succeeded);
                return since;
            }

            case WorkflowEvents.TimetableProposed:
                since = await LastAsync();
                await ProposedByLenaAsync();
                return since;
            case WorkflowEvents.TimetableChangesRequested:
                await ProposedByLenaAsync();
                since = await LastAsync();
                Assert.True((await _timetable.Agreements.RequestChangesAsync(_colin, Year, "Add the January board.", await TimetableVersionAsync())).Succeeded);
                return since;
            case WorkflowEvents.TimetableParticipantLeft:
                Assert.True((await _timetable.Agreements.ProposeAsync(_lena, Year, [_south.Id], "Our draft for the year")).Succeeded);
                since = await LastAsync();
                await DeactivateSouthAsync();
                return since;
            case WorkflowEvents.TimetableChangedSinceAgreement:
            {
                var created = await _timetable.Events.CreateEventAsync(_colin, new TimetableEventInput { OrganisationId = _south.Id, Title = "Board", StartDate = new DateOnly(2027, 1, 12) });
                Assert.True(created.Succeeded);
                await ProposedByLenaAsync();
                Assert.True((await _timetable.Agreements.AgreeAsync(_colin, Year, await TimetableVersionAsync())).Succeeded);
                Assert.True((await _timetable.Agreements.AgreeAsync(_paula, Year, await TimetableVersionAsync())).Succeeded);
                var details = TimetableEventInput.From((await _timetable.Queries.GetEventAsync(created.Value))!.Event);
                details.StartDate = new DateOnly(2027, 1, 19);
                since = await LastAsync();
                Assert.True((await _timetable.Events.UpdateEventAsync(_colin, created.Value, details)).Succeeded);
                // The council checks that change; the next one asks it again (and only tells the LINk, still checking).
                Assert.True((await _timetable.Agreements.CheckChangesAsync(_paula, Year, await LatestChangeIdAsync())).Succeeded);
                details = TimetableEventInput.From((await _timetable.Queries.GetEventAsync(created.Value))!.Event);
                details.StartDate = new DateOnly(2027, 1, 26);
                Assert.True((await _timetable.Events.UpdateEventAsync(_colin, created.Value, details)).Succeeded);
                return since;
            }

            case WorkflowEvents.IssueRaised:
                since = await LastAsync();
                await IssueRecordedByAsync(_colin);
                return since;
            case WorkflowEvents.IssueHandedOff:
            {
                var issue = await IssueRecordedByAsync(_lena);
                since = await LastAsync();
                await DecideAsync(issue, PanelOutcome.WorkWithAnotherOrganisation, _east.Id, "Ed");
                return since;
            }

            case WorkflowEvents.ReviewOpened:
                since = await LastAsync();
                await RoundOpenedByAsync(_colin, null);
                return since;
            case WorkflowEvents.ReviewRatingsSubmitted:
            {
                var round = await RoundOpenedByAsync(_lena, _south);
                since = await LastAsync();
                await RateAllAsync(_lena, round, submit: true);
                return since;
            }

            case WorkflowEvents.ReviewMeetingReady:
            {
                var round = await RoundOpenedByAsync(_lena, _south);
                await RateAllAsync(_lena, round, submit: true);
                since = await LastAsync();
                await RateAllAsync(_colin, round, submit: true);
                return since;
            }

            case WorkflowEvents.ReviewActionAdded:
            {
                var round = await BothSubmittedAsync();
                since = await LastAsync();
                Assert.True((await _reviews.AddActionAsync(_lena, round, new ActionInput { Text = "Share the commissioning plan", OwnerOrganisationId = _south.Id, DueOn = new DateOnly(2027, 3, 1) })).Succeeded);
                return since;
            }

            case WorkflowEvents.ExerciseLeadDeactivated:
            {
                // The LINk proposed the exercise and its option; South, its lead, is deactivated before answering.
                var id = await ExerciseAsync(_lena);
                Assert.True((await _exercises.ProposeOptionAsync(_lena, id, 2, "We reach Somali families.", [], ProposalSeen.Of((await _exercises.GetAsync(id))!.Exercise.CurrentProposal))).Succeeded);
                since = await LastAsync();
                await DeactivateSouthAsync();
                return since;
            }

            case WorkflowEvents.DeadlineRecipientDeactivated:
                // Due on 27 November, more than two weeks away.
                await LoggedByLenaAsync();
                since = await LastAsync();
                await DeactivateSouthAsync();
                return since;
            case WorkflowEvents.ReviewCommissionerDeactivated:
            {
                var round = await RoundOpenedByAsync(_lena, _south);
                await RateAllAsync(_colin, round, submit: true);
                since = await LastAsync();
                await DeactivateSouthAsync();
                return since;
            }

            case WorkflowEvents.ReviewLinkDeactivated:
            {
                var round = await RoundOpenedByAsync(_lena, _south);
                await RateAllAsync(_lena, round, submit: true);
                since = await LastAsync();
                await DeactivateAsync(_link);
                return since;
            }

            case WorkflowEvents.ReviewRevisionAgreed:
            {
                var round = await ReopenedByLenaAsync();
                since = await LastAsync();
                Assert.True((await _reviews.PublishAsync(_lena, round, notAgreedConfirmed: 24)).Succeeded);
                return since;
            }

            case WorkflowEvents.ReviewRevisionPartnerDeactivated:
            {
                // The LINk reopened the published round with South, which is deactivated before agreeing the revision.
                await ReopenedByLenaAsync();
                since = await LastAsync();
                await DeactivateSouthAsync();
                return since;
            }

            case WorkflowEvents.Reminder:
                // Reminders from 15 working days before the due date; South acknowledged, and its named contact has an account.
                since = await FirstRemindersAsync();
                return since;
            default:
                throw new ArgumentOutOfRangeException(nameof(workflowEvent), workflowEvent, "No step drives this notice.");
        }
    }

    // ----- E-mail as each person chose -----

    [Fact]
    public async Task ProposeOptionAsync_OneChoseInTheAppOnly_BothNotifiedOnlyTheOtherHasAnEmailRecordedInTheSameSave()
    {
        await _database.Preferences().SetAsync(_lena, NotificationCategory.Agreement, DeliveryPreference.InAppOnly);

        await ProposedByColinAsync();

        await using var db = _database.CreateContext();
        var emails = await db.ReminderDeliveries.AsNoTracking().Include(d => d.Notification)
            .Where(d => d.Notification!.Event == WorkflowEvents.OptionProposed).ToListAsync();
        var email = Assert.Single(emails);
        Assert.Equal((_larry.UserId, DeliveryChannel.Email, DeliveryStatus.Pending, ReminderDelivery.NotificationStep, (int?)null),
            (email.Recipient, email.Channel, email.Status, email.Step, email.DeadlineId));
        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.OptionProposed));
    }
}
