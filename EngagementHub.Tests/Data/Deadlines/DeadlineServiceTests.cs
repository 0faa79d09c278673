using EngagementHub.Core;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.History;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data.Deadlines;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class DeadlineServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : DeadlineServiceTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : DeadlineServiceTests(DatabaseProvider.PostgreSql);

    private static readonly DateOnly WednesdayFirstOctober2008 = new(2008, 10, 1);
    private static readonly DateOnly Today = new(2026, 11, 2);
    private TestDatabase _database = default!;
    private CapturingLoggerProvider _logs = default!;
    private DeadlineService _service = default!;
    private BankHolidayCalendar _holidays = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private Organisation _east = default!;
    private Organisation _scrutiny = default!;
    private int _requestRule;
    private int _reportRule;

    // Today is Monday 2 November 2026: anything from 2008 not answered is long overdue.
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The deadline rules, the LINk, two commissioners and the scrutiny committee every test starts from.</summary>
    private static async Task SeedAsync(TestDatabase template)
    {
        template.Clock.SetUtcNow(Now);
        await using var db = template.CreateContext();
        await DeadlineService.EnsureRulesAsync(db);
        var south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        south.AddContact("Janet Rowe", "Director of Engagement", "janet.rowe@example.nhs.uk", null, receivesLinkRequests: true);
        var scrutiny = new Organisation("Health and Social Care Overview and Scrutiny Committee", OrganisationKind.Scrutiny);
        scrutiny.AddContact("Rose Kiely", "Scrutiny Officer", null, null, receivesLinkRequests: true);
        db.Organisations.AddRange(new Organisation("Birmingham LINk", OrganisationKind.Link), south,
            new Organisation("NHS Birmingham East and North", OrganisationKind.Commissioner), scrutiny);
        await db.SaveChangesAsync();
    }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSeededAsync(provider, nameof(DeadlineServiceTests), SeedAsync);
        _database.Clock.SetUtcNow(Now);
        await using var db = _database.CreateContext();
        var organisations = await db.Organisations.AsNoTracking().Include(o => o.Contacts).ToDictionaryAsync(o => o.Name);
        (_link, _south, _east, _scrutiny) = (organisations["Birmingham LINk"], organisations["NHS South Birmingham"],
            organisations["NHS Birmingham East and North"], organisations["Health and Social Care Overview and Scrutiny Committee"]);
        _requestRule = await db.DeadlineRules.Where(r => r.Kind == DeadlineKind.InformationRequest).Select(r => r.Id).SingleAsync();
        _reportRule = await db.DeadlineRules.Where(r => r.Kind == DeadlineKind.ReportResponse).Select(r => r.Id).SingleAsync();
        _logs = new CapturingLoggerProvider();
        var access = new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>());
        _holidays = new BankHolidayCalendar(_database.Factory, access, _database.Clock);
        _service = new DeadlineService(_database.Factory, _holidays, access, _database.Clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static Actor Editor(Organisation organisation, string name = "Editor") =>
        new($"user-{organisation.Id}-{name}", name, organisation.Id, organisation.Name, UserRole.Editor);

    private static Actor Admin(Organisation organisation) => new("user-admin", "Ada Admin", organisation.Id, organisation.Name, UserRole.Admin);

    private DeadlineInput Request(DateOnly received, int? rule = null, Organisation? to = null) => new()
    {
        RuleId = rule ?? _requestRule,
        Subject = "Waiting times for wheelchair assessments",
        Details = "Median and longest waits by month.",
        ToOrganisationId = (to ?? _south).Id,
        Received = received,
    };

    private async Task<int> LogAsync(DateOnly? received = null, Organisation? to = null)
    {
        var outcome = await _service.LogAsync(Editor(_link, "Lena Khan"), Request(received ?? WednesdayFirstOctober2008, to: to));
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        return outcome.Value;
    }

    [Fact]
    public async Task LogAsync_LinkEditorRequestReceivedWednesdayFirstOctober2008_IsDueTuesday28October()
    {
        var id = await LogAsync();

        var details = (await _service.GetAsync(id))!;
        var deadline = details.Deadline;
        Assert.Equal(new DateOnly(2008, 10, 28), deadline.DueDate);
        Assert.Equal(DeadlineState.Awaiting, deadline.State);
        Assert.Equal(_south.Contacts.Single().Id, deadline.ToContactId);
        Assert.Equal("Lena Khan", deadline.OwnerName);
        Assert.Equal((_link.Name, _south.Name), (details.SentByName, details.ToName));
        Assert.Equal(new NamedContact(_south.Contacts.Single().Name, _south.Contacts.Single().JobTitle), details.Contact);
        Assert.Contains("the day of receipt counts as day 1", details.Working.Explanation);
        Assert.Equal(new DateOnly(2008, 10, 28), details.Working.DueDate);
    }

    [Fact]
    public async Task GetAsync_TheReceivingOrganisationDeactivatedSince_StillNamesItAndItsContact()
    {
        var id = await LogAsync();
        await using (var db = _database.CreateContext())
        {
            (await db.Organisations.SingleAsync(o => o.Id == _south.Id)).Deactivate();
            await db.SaveChangesAsync();
        }

        var details = (await _service.GetAsync(id))!;

        Assert.Equal(_south.Name, details.ToName);
        Assert.Equal(_south.Contacts.Single().Name, details.Contact?.Name);
    }

    [Fact]
    public async Task LogAsync_ToAnOrganisationDeactivatedWhileTheFormWasOpen_SaysSoNextToTheOrganisationAndLogsNothing()
    {
        await using (var db = _database.CreateContext())
        {
            (await db.Organisations.SingleAsync(o => o.Id == _east.Id)).Deactivate();
            await db.SaveChangesAsync();
        }

        var outcome = await _service.LogAsync(Editor(_link, "Lena Khan"), Request(WednesdayFirstOctober2008, to: _east));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal((nameof(DeadlineInput.ToOrganisationId), "NHS Birmingham East and North is no longer active. Choose another organisation."),
            (error.Field, error.Message));
        await using var after = _database.CreateContext();
        Assert.Equal(0, await after.Deadlines.CountAsync());
    }

    [Fact]
    public async Task LogAsync_ScrutinyReferralToACommissioner_IsRefusedBesideSentToAndLoggedAndNothingIsLogged()
    {
        var referral = await RuleIdAsync(DeadlineKind.ScrutinyReferral);

        var outcome = await _service.LogAsync(Editor(_link, "Lena Khan"), Request(Today, referral, _south));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal((nameof(DeadlineInput.ToOrganisationId),
                "Acknowledgement of a scrutiny referral goes to a scrutiny committee; NHS South Birmingham is a commissioner. "
                + "Choose a scrutiny committee, or another kind."),
            (error.Field, error.Message));
        Assert.Contains(_logs.Warnings, w => w.Message.Contains($"organisation {_south.Id}", StringComparison.Ordinal));
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Deadlines.CountAsync());
    }

    [Theory]
    [InlineData(DeadlineKind.InformationRequest, OrganisationKind.Commissioner, true)]
    [InlineData(DeadlineKind.InformationRequest, OrganisationKind.Provider, true)]
    [InlineData(DeadlineKind.InformationRequest, OrganisationKind.Scrutiny, false)]
    [InlineData(DeadlineKind.InformationRequest, OrganisationKind.Partnership, false)]
    [InlineData(DeadlineKind.ReportResponse, OrganisationKind.Commissioner, true)]
    [InlineData(DeadlineKind.ReportResponse, OrganisationKind.Scrutiny, true)]
    [InlineData(DeadlineKind.ReportResponse, OrganisationKind.VoluntarySector, false)]
    [InlineData(DeadlineKind.ScrutinyReferral, OrganisationKind.Scrutiny, true)]
    [InlineData(DeadlineKind.ScrutinyReferral, OrganisationKind.Provider, false)]
    [InlineData(DeadlineKind.Custom, OrganisationKind.Regulator, true)]
    public async Task LogAsync_EachKindToEachKindOfOrganisation_LogsOnlyWhereTheKindGoes(DeadlineKind kind, OrganisationKind recipientKind, bool logged)
    {
        int rule;
        var recipient = new Organisation($"A {recipientKind}", recipientKind);
        await using (var db = _database.CreateContext())
        {
            db.Organisations.Add(recipient);
            if (kind == DeadlineKind.Custom)
            {
                db.DeadlineRules.Add(new DeadlineRule(DeadlineKind.Custom, "Response to a quality account comment"));
            }

            await db.SaveChangesAsync();
            rule = await db.DeadlineRules.Where(r => r.Kind == kind).Select(r => r.Id).FirstAsync();
        }

        var outcome = await _service.LogAsync(Editor(_link, "Lena Khan"), Request(Today, rule, recipient));

        Assert.Equal(logged, outcome.Succeeded);
        Assert.Equal(logged ? [] : [nameof(DeadlineInput.ToOrganisationId)], outcome.Errors.Select(e => e.Field));
    }

    private async Task<int> RuleIdAsync(DeadlineKind kind)
    {
        await using var db = _database.CreateContext();
        return await db.DeadlineRules.Where(r => r.Kind == kind).Select(r => r.Id).FirstAsync();
    }

    [Fact]
    public async Task ListAsync_FollowedUpByOnePerson_ListsOnlyTheDeadlinesTheyOwn()
    {
        var lena = Editor(_link, "Lena Khan");
        var priya = Editor(_link, "Priya Shah");
        var hers = (await _service.LogAsync(lena, Request(Today))).Value;
        var theirs = (await _service.LogAsync(priya, Request(Today, to: _east))).Value;

        Assert.Equal([hers], (await _service.ListAsync(new DeadlineFilter { OwnerUserId = lena.UserId })).Select(r => r.Id));
        Assert.Equal([theirs], (await _service.ListAsync(new DeadlineFilter { OwnerUserId = priya.UserId })).Select(r => r.Id));
        Assert.Equal(["Lena Khan", "Priya Shah"], (await _service.OwnersAsync()).Select(o => o.Name));
        Assert.Equal("Priya Shah", (await _service.ListAsync(new DeadlineFilter())).Single(r => r.Id == theirs).OwnerName);
    }

    [Fact]
    public async Task ProposeExtensionAsync_ADateBeforeTheDueDate_NamesTheDueDateAndTheEarliestDateThatCanBeProposed()
    {
        var id = await LogAsync(Today);
        var due = (await _service.GetAsync(id))!.Deadline.DueDate;
        var before = due.AddDays(-3);

        var outcome = await _service.ProposeExtensionAsync(Editor(_south, "Janet Rowe"), id, before, "Board papers are late.", waitingSeen: null);

        var error = Assert.Single(outcome.Errors);
        var earliest = (await _holidays.GetAsync()).NextWorkingDay(due.AddDays(1));
        Assert.Equal(("NewDueDate", $"{UkTime.FormatDate(before)} is not later than the current due date, {UkTime.FormatDate(due)}. "
            + $"An extension must be later: the earliest you can propose is {UkTime.FormatDate(earliest)}."), (error.Field, error.Message));
    }

    [Fact]
    public async Task RecordAnswerAsync_ADateBeforeReceiptOrInTheFuture_NamesTheDateItMustNotPass()
    {
        var id = await LogAsync(Today.AddDays(-7));

        var early = await _service.RecordAnswerAsync(Editor(_south, "Janet Rowe"), id, "Figures attached.", Today.AddDays(-8));
        var future = await _service.RecordAnswerAsync(Editor(_south, "Janet Rowe"), id, "Figures attached.", Today.AddDays(1));

        Assert.Contains($"received, on {UkTime.FormatDate(Today.AddDays(-7))}", Assert.Single(early.Errors).Message);
        Assert.Contains($"Today is {UkTime.FormatDate(Today)}.", Assert.Single(future.Errors).Message);
    }

    [Fact]
    public async Task LogAsync_CommissionerEditor_IsRefused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.LogAsync(Editor(_south), Request(WednesdayFirstOctober2008)));

        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Deadlines.CountAsync());
    }

    [Fact]
    public async Task LogAsync_SameSubmissionKeyTwice_LogsOneDeadline()
    {
        var key = SubmissionKey.New();

        var first = await _service.LogAsync(Editor(_link), Request(WednesdayFirstOctober2008), key);
        var second = await _service.LogAsync(Editor(_link), Request(WednesdayFirstOctober2008), key);

        Assert.Equal(first.Value, second.Value);
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Deadlines.CountAsync());
    }

    [Fact]
    public async Task LogAsync_SameSubmissionKeyAtOnce_LogsOneDeadline()
    {
        var key = SubmissionKey.New();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _service.LogAsync(Editor(_link), Request(WednesdayFirstOctober2008), key)));

        Assert.All(outcomes, o => Assert.Equal(outcomes[0].Value, o.Value));
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Deadlines.CountAsync());
    }

    [Fact]
    public async Task LogAsync_SubmissionKeyOfAnotherPerson_NeitherReadsBackTheirDeadlineNorLogsASecond()
    {
        var key = SubmissionKey.New();
        await _service.LogAsync(Editor(_link, "Lena Khan"), Request(WednesdayFirstOctober2008), key);

        await Assert.ThrowsAsync<DbUpdateException>(() => _service.LogAsync(Editor(_link, "Sam Patel"), Request(WednesdayFirstOctober2008), key));

        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Deadlines.CountAsync());
    }

    [Fact]
    public async Task RecordAnswerAsync_SameSubmissionKeyTwice_Succeeds()
    {
        var id = await LogAsync();
        var key = SubmissionKey.New();

        var first = await _service.RecordAnswerAsync(Editor(_south), id, "Median wait 14 weeks.", new DateOnly(2008, 11, 3), key);
        var second = await _service.RecordAnswerAsync(Editor(_south), id, "Median wait 14 weeks.", new DateOnly(2008, 11, 3), key);

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Equal(DeadlineState.Answered, (await _service.GetAsync(id))!.Deadline.State);
    }

    [Fact]
    public async Task RecordAnswerAsync_Answer40000Characters_IsRefusedWithAMessageAndNotStored()
    {
        var id = await LogAsync();

        var outcome = await _service.RecordAnswerAsync(Editor(_south), id, new string('a', 40_000), new DateOnly(2008, 11, 3));

        Assert.Contains("The answer can be at most 4,000 characters.", outcome.ErrorsFor("Answer"));
        Assert.Equal(DeadlineState.Awaiting, (await _service.GetAsync(id))!.Deadline.State);
    }

    [Fact]
    public async Task LogAsync_ReceivedInTheFuture_GivesAFieldMessage()
    {
        var outcome = await _service.LogAsync(Editor(_link), Request(Today.AddDays(1)));

        Assert.Contains(outcome.Errors, e => e.Field == nameof(DeadlineInput.Received));
    }

    [Fact]
    public async Task AcknowledgeAsync_OnlyTheRecipient_Acknowledges()
    {
        var id = await LogAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.AcknowledgeAsync(Editor(_link), id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.AcknowledgeAsync(Editor(_east), id));
        var outcome = await _service.AcknowledgeAsync(Editor(_south, "Janet Rowe"), id);

        Assert.True(outcome.Succeeded);
        var deadline = (await _service.GetAsync(id))?.Deadline;
        Assert.Equal(DeadlineState.Acknowledged, deadline!.State);
        Assert.Equal("Janet Rowe", deadline.AcknowledgedBy);
    }

    [Fact]
    public async Task RecordAnswerAsync_AnsweredMonday3November2008_IsFourWorkingDaysLate()
    {
        var id = await LogAsync();

        var outcome = await _service.RecordAnswerAsync(Editor(_south), id, "Median wait 14 weeks.", new DateOnly(2008, 11, 3));

        Assert.True(outcome.Succeeded);
        var deadline = (await _service.GetAsync(id))?.Deadline;
        Assert.Equal(DeadlineState.Answered, deadline!.State);
        Assert.Equal(4, deadline.WorkingDaysLate);
    }

    [Fact]
    public async Task WithdrawAsync_OnlyTheLink_Withdraws()
    {
        var id = await LogAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.WithdrawAsync(Editor(_south), id));
        Assert.True((await _service.WithdrawAsync(Editor(_link), id)).Succeeded);

        Assert.Equal(DeadlineState.Withdrawn, (await _service.GetAsync(id))!.Deadline.State);
    }

    [Fact]
    public async Task EscalateAsync_NotOverdue_IsRefused()
    {
        var id = await LogAsync(Today);

        var outcome = await _service.EscalateAsync(Editor(_link), id);

        Assert.False(outcome.Succeeded);
        Assert.Contains("overdue", outcome.Problem);
        Assert.Equal(DeadlineState.Awaiting, (await _service.GetAsync(id))!.Deadline.State);
    }

    // Escalating refers a deadline to the scrutiny committee: an overdue one the committee itself owes is already there,
    // and a second referral to the same committee would be two records for one request.
    [Fact]
    public async Task EscalateAsync_OverdueAtTheScrutinyCommitteeItself_IsRefusedAndNoReferralIsAdded()
    {
        // A report's recommendations can go to the committee (a request for information cannot).
        var logged = await _service.LogAsync(Editor(_link, "Lena Khan"), Request(WednesdayFirstOctober2008, _reportRule, _scrutiny));
        Assert.True(logged.Succeeded, string.Join("; ", logged.Errors.Select(e => e.Message)));
        var id = logged.Value;

        var outcome = await _service.EscalateAsync(Editor(_link), id);

        Assert.False(outcome.Succeeded);
        Assert.Contains("the scrutiny committee itself", outcome.Problem);
        var details = (await _service.GetAsync(id))!;
        Assert.Equal((DeadlineState.Awaiting, OrganisationKind.Scrutiny), (details.Deadline.State, details.ToKind));
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Deadlines.CountAsync(d => d.ToOrganisationId == _scrutiny.Id));
    }

    [Fact]
    public async Task EscalateAsync_Overdue_CreatesAScrutinyReferralLinkedBothWays()
    {
        var id = await LogAsync();

        var outcome = await _service.EscalateAsync(Editor(_link), id);

        Assert.True(outcome.Succeeded);
        var original = (await _service.GetAsync(id))?.Deadline;
        var referral = (await _service.GetAsync(outcome.Value))?.Deadline;
        Assert.Equal(DeadlineState.Escalated, original!.State);
        Assert.Equal(referral!.Id, original.EscalatedToDeadlineId);
        Assert.Equal(id, referral.EscalatedFromDeadlineId);
        Assert.Equal(DeadlineKind.ScrutinyReferral, referral.Kind);
        Assert.Equal(_scrutiny.Id, referral.ToOrganisationId);
        Assert.Equal(Today, referral.Received);
    }

    [Fact]
    public async Task EscalateAsync_RequestWithTheLongestSubject_ReferralKeepsTheWholeSubject()
    {
        var subject = new string('w', ResponseDeadline.SubjectMaxLength);
        var input = Request(WednesdayFirstOctober2008);
        input.Subject = subject;
        var logged = await _service.LogAsync(Editor(_link, "Lena Khan"), input);
        Assert.True(logged.Succeeded, string.Join("; ", logged.Errors.Select(e => e.Message)));

        var outcome = await _service.EscalateAsync(Editor(_link), logged.Value);

        Assert.True(outcome.Succeeded, outcome.Problem);
        var referral = (await _service.GetAsync(outcome.Value))?.Deadline;
        Assert.Equal(subject, referral!.Subject);
    }

    [Fact]
    public async Task EscalateAsync_TwiceAtOnce_MakesOneReferralAndTellsTheSecondWhatHappened()
    {
        var id = await LogAsync();
        var gate = new RaceGate(2, c => c.CommandText.Contains("FROM \"Deadlines\"", StringComparison.Ordinal));
        var access = new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>());
        var raced = new DeadlineService(gate.Factory(_database), _holidays, access, _database.Clock);

        var outcomes = await Task.WhenAll(
            raced.EscalateAsync(Editor(_link, "Lena Khan"), id),
            raced.EscalateAsync(Editor(_link, "Martin Hughes"), id));

        Assert.Single(outcomes, o => o.Succeeded);
        var refused = Assert.Single(outcomes, o => !o.Succeeded);
        // Told who escalated it first, not shown an error; and the refused one's referral was rolled back with it.
        Assert.Contains("saved this deadline", refused.Problem, StringComparison.Ordinal);
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Deadlines.CountAsync(d => d.EscalatedFromDeadlineId == id));
    }

    [Fact]
    public async Task EscalateAsync_Overdue_OneHistoryEntryForTheEscalationAndItsReferral()
    {
        var id = await LogAsync();

        var outcome = await _service.EscalateAsync(Editor(_link), id);

        Assert.True(outcome.Succeeded, outcome.Problem);
        await using var db = _database.CreateContext();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var history = await db.AuditEntries.Where(a => a.EntityType == nameof(ResponseDeadline) && a.EntityId == key).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(AuditAction.Added, history[0].Action);
        var escalation = Assert.Single(history.Skip(1));
        Assert.Equal("escalated the deadline to the scrutiny committee", AuditText.Describe(escalation).Action);
        Assert.Contains(escalation.Changes, c => c.Property == nameof(ResponseDeadline.EscalatedToDeadlineId) && c.After == outcome.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    // The reminders' own bookkeeping says nothing to a reader: it is kept out of the history from the deadline's logging on.
    [Fact]
    public async Task LogAsync_History_HoldsNoneOfTheRemindersBookkeeping()
    {
        var id = await LogAsync();

        await using var db = _database.CreateContext();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var logged = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(ResponseDeadline) && a.EntityId == key);
        Assert.Contains(logged.Changes, c => c.Property == nameof(ResponseDeadline.DueDate));
        Assert.DoesNotContain(logged.Changes, c => c.Property is nameof(ResponseDeadline.ReminderPlanToken) or nameof(ResponseDeadline.NextReminderOn));
    }

    [Fact]
    public async Task AgreeExtensionAsync_ProposedByOneSideAgreedByTheOther_MovesTheDueDate()
    {
        var id = await LogAsync(Today); // due Fri 27 Nov 2026
        var newDue = new DateOnly(2026, 12, 11);

        Assert.True((await _service.ProposeExtensionAsync(Editor(_south, "Janet Rowe"), id, newDue, "Data being re-run.", waitingSeen: null)).Succeeded);
        var sameSide = await _service.AgreeExtensionAsync(Editor(_south, "Colin Marsh"), id, newDue);
        Assert.False(sameSide.Succeeded);
        Assert.Equal(new DateOnly(2026, 11, 27), (await _service.GetAsync(id))!.Deadline.DueDate);

        Assert.True((await _service.AgreeExtensionAsync(Editor(_link, "Lena Khan"), id, newDue)).Succeeded);

        var deadline = (await _service.GetAsync(id))?.Deadline;
        Assert.Equal(newDue, deadline!.DueDate);
        Assert.Equal(new DateOnly(2026, 11, 27), deadline.OriginalDueDate);
        Assert.Equal("Lena Khan", deadline.ExtensionAgreedByLink);
        Assert.Equal("Janet Rowe", deadline.ExtensionAgreedByRecipient);
    }

    // A bank holiday added while the proposal waited: a due date is always a working day (ADR 12), so agreeing the date
    // is refused, saying which working day would do, and the due date and the proposal stay as they were.
    [Fact]
    public async Task AgreeExtensionAsync_ProposedDateBecameABankHolidayWhileItWaited_RefusedNamingTheNextWorkingDay()
    {
        var id = await LogAsync(new DateOnly(2026, 10, 1));
        var proposed = new DateOnly(2026, 11, 16);
        Assert.True((await _service.ProposeExtensionAsync(Editor(_south, "Janet Rowe"), id, proposed, "Board papers are late.", waitingSeen: null)).Succeeded);
        Assert.True((await _holidays.AddAsync(Admin(_link), proposed, "One-off bank holiday")).Succeeded);

        var agreed = await _service.AgreeExtensionAsync(Editor(_link, "Lena Khan"), id, proposed);

        Assert.False(agreed.Succeeded);
        Assert.Equal("Mon 16 Nov 2026 has become a bank holiday (One-off bank holiday) since it was proposed, and a due date must be a working day, "
            + "so it cannot be agreed: propose Tue 17 Nov 2026 or another working day instead. Nothing was saved.", agreed.Problem);
        var deadline = (await _service.GetAsync(id))!.Deadline;
        Assert.Equal((new DateOnly(2026, 10, 28), proposed), (deadline.DueDate, deadline.ProposedDueDate));
    }

    // The commissioner proposed an extension, then the deadline closed another way: answered, withdrawn by the LINk,
    // escalated to the scrutiny committee, or (a referral) acknowledged, which meets its duty. A LINk officer agreeing
    // from a page left open is told what happened, the due date stays, and the proposal no longer waits anywhere.
    [Theory]
    [InlineData("answered", "was answered on Mon 2 Nov 2026; the extension proposed is no longer needed.")]
    [InlineData("withdrawn", "was withdrawn on Mon 2 Nov 2026; the extension proposed is no longer needed.")]
    [InlineData("escalated", "was escalated to the scrutiny committee; its due date no longer changes, so the extension proposed is no longer needed.")]
    [InlineData("acknowledged", "was acknowledged on Mon 2 Nov 2026, which meets its duty; the extension proposed is no longer needed.")]
    public async Task AgreeExtensionAsync_DeadlineClosedSinceTheProposal_RefusedSayingWhatHappenedAndTheProposalNoLongerWaits(string closed, string says)
    {
        var referral = closed == "acknowledged";
        var to = referral ? _scrutiny : _south;
        int id;
        await using (var db = _database.CreateContext())
        {
            var rule = await db.DeadlineRules.Where(r => r.Kind == (referral ? DeadlineKind.ScrutinyReferral : DeadlineKind.InformationRequest)).Select(r => r.Id).SingleAsync();
            // Due Wed 28 Oct 2026: overdue today, so the LINk may escalate it.
            var logged = await _service.LogAsync(Editor(_link, "Lena Khan"), Request(new DateOnly(2026, 10, 1), rule, to));
            Assert.True(logged.Succeeded);
            id = logged.Value;
        }

        var proposed = new DateOnly(2026, 12, 11);
        Assert.True((await _service.ProposeExtensionAsync(Editor(to, "Janet Rowe"), id, proposed, "Data being re-run.", waitingSeen: null)).Succeeded);
        var step = closed switch
        {
            "answered" => await _service.RecordAnswerAsync(Editor(_south, "Colin Marsh"), id, "Median wait 14 weeks.", Today),
            "withdrawn" => await _service.WithdrawAsync(Editor(_link, "Lena Khan"), id),
            "escalated" => await _service.EscalateAsync(Editor(_link, "Lena Khan"), id),
            _ => await _service.AcknowledgeAsync(Editor(_scrutiny, "Scott Reid"), id),
        };
        Assert.True(step.Succeeded, step.Problem);
        var dueBefore = (await _service.GetAsync(id))!.Deadline.DueDate;

        var agreed = await _service.AgreeExtensionAsync(Editor(_link, "Lena Khan"), id, proposed);

        Assert.False(agreed.Succeeded);
        Assert.Contains(says, agreed.Problem);
        var deadline = (await _service.GetAsync(id))!.Deadline;
        Assert.Equal(dueBefore, deadline.DueDate);
        Assert.Null(deadline.ExtensionAgreedAt);
        Assert.Null(deadline.ProposedDueDate);
        Assert.False(deadline.ExtensionAwaitingAgreement);
    }

    // The LINk's page showed 12 December; a colleague of Janet's then proposed 30 January. The LINk's "Agree" must not
    // bind it to a date it never saw, and a proposal from a page read before the commissioner's must not replace it unseen.
    [Fact]
    public async Task ExtensionSteps_FromAPageReadBeforeTheLastProposal_AreRefusedAndTheWaitingProposalKept()
    {
        var id = await LogAsync(Today); // due Fri 27 Nov 2026
        Assert.True((await _service.ProposeExtensionAsync(Editor(_south, "Janet Rowe"), id, new DateOnly(2026, 12, 11), "Data being re-run.", waitingSeen: null)).Succeeded);
        Assert.True((await _service.ProposeExtensionAsync(Editor(_south, "Colin Marsh"), id, new DateOnly(2027, 1, 29), "Still re-running.", waitingSeen: new DateOnly(2026, 12, 11))).Succeeded);

        var agreed = await _service.AgreeExtensionAsync(Editor(_link, "Lena Khan"), id, proposedSeen: new DateOnly(2026, 12, 11));
        var proposed = await _service.ProposeExtensionAsync(Editor(_link, "Lena Khan"), id, new DateOnly(2026, 12, 4), "Our panel meets then.", waitingSeen: null);

        Assert.StartsWith("Colin Marsh proposed Fri 29 Jan 2027 as the new due date after you opened this page.", agreed.Problem);
        Assert.StartsWith("Colin Marsh proposed Fri 29 Jan 2027", proposed.Problem);
        var deadline = (await _service.GetAsync(id))!.Deadline;
        Assert.Equal((new DateOnly(2026, 11, 27), new DateOnly(2027, 1, 29), "Colin Marsh"), (deadline.DueDate, deadline.ProposedDueDate, deadline.ProposalBy));
    }

    // Today is Mon 2 Nov 2026; the request was due Wed 28 Oct 2026. Fri 30 October is later than the due date, but gone:
    // agreed, it would leave the deadline overdue at once and its reminders going out.
    [Fact]
    public async Task ProposeExtensionAsync_DateAlreadyPassed_RefusedAtTheFieldByTheClocksDateAndNothingSaved()
    {
        var id = await LogAsync(new DateOnly(2026, 10, 1)); // due Wed 28 Oct 2026

        var outcome = await _service.ProposeExtensionAsync(Editor(_south, "Janet Rowe"), id, new DateOnly(2026, 10, 30), "Data being re-run.", waitingSeen: null);

        Assert.Equal(["Fri 30 Oct 2026 has already passed. A new due date must be a working day after today: the earliest you can propose is Tue 3 Nov 2026."],
            outcome.ErrorsFor("NewDueDate"));
        var deadline = (await _service.GetAsync(id))!.Deadline;
        Assert.Equal((null, new DateOnly(2026, 10, 28)), (deadline.ProposedDueDate, deadline.DueDate));
    }

    // Proposed on Mon 2 Nov 2026 for Fri 13 Nov; the LINk opens it on Mon 16 Nov. Agreeing is refused, asking for a new
    // proposal; nothing changes, and the proposal stays for the other side to replace.
    [Fact]
    public async Task AgreeExtensionAsync_ProposedDatePassedWhileItWaited_RefusedAskingForANewDateAndNothingSaved()
    {
        var id = await LogAsync(new DateOnly(2026, 10, 1)); // due Wed 28 Oct 2026
        var proposed = new DateOnly(2026, 11, 13);
        Assert.True((await _service.ProposeExtensionAsync(Editor(_south, "Janet Rowe"), id, proposed, "Data being re-run.", waitingSeen: null)).Succeeded);
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 16, 10, 0, 0, TimeSpan.Zero));

        var agreed = await _service.AgreeExtensionAsync(Editor(_link, "Lena Khan"), id, proposed);

        Assert.Equal("The proposed date, Fri 13 Nov 2026, has already passed, so it can no longer be agreed: the deadline would be overdue as soon as it was. "
            + "Nothing was saved. Propose a new date instead: a working day after today, Tue 17 Nov 2026 at the earliest.", agreed.Problem);
        var deadline = (await _service.GetAsync(id))!.Deadline;
        Assert.Equal((new DateOnly(2026, 10, 28), null, null, proposed), (deadline.DueDate, deadline.ExtensionAgreedAt, deadline.LapsedDueDate, deadline.ProposedDueDate));
        Assert.True((await _service.ProposeExtensionAsync(Editor(_south, "Janet Rowe"), id, new DateOnly(2026, 11, 27), "Data being re-run.", waitingSeen: proposed)).Succeeded);
    }

    [Fact]
    public async Task ProposeExtensionAsync_ToASunday_IsRefusedAtTheFieldNamingTheNextWorkingDay()
    {
        var id = await LogAsync(Today); // due Fri 27 Nov 2026

        var outcome = await _service.ProposeExtensionAsync(Editor(_south, "Janet Rowe"), id, new DateOnly(2026, 12, 13), "Data being re-run.", waitingSeen: null);

        Assert.Equal(["Sun 13 Dec 2026 is a Sunday. A due date must be a working day: the next is Mon 14 Dec 2026."], outcome.ErrorsFor("NewDueDate"));
        Assert.Null((await _service.GetAsync(id))!.Deadline.ProposedDueDate);
    }

    [Fact]
    public async Task ProposeExtensionAsync_AfterAnAgreedExtension_KeepsItInForceUntilTheNewOneIsAgreed()
    {
        var id = await LogAsync(Today); // due Fri 27 Nov 2026
        await _service.ProposeExtensionAsync(Editor(_south, "Janet Rowe"), id, new DateOnly(2026, 12, 11), "Data being re-run.", waitingSeen: null);
        await _service.AgreeExtensionAsync(Editor(_link, "Lena Khan"), id, new DateOnly(2026, 12, 11));

        Assert.True((await _service.ProposeExtensionAsync(Editor(_link, "Martin Hughes"), id, new DateOnly(2027, 1, 15), "Our panel meets in January.", waitingSeen: null)).Succeeded);

        var waiting = (await _service.GetAsync(id))!.Deadline;
        Assert.Equal(new DateOnly(2026, 12, 11), waiting.DueDate);
        Assert.Equal(("Lena Khan", "Janet Rowe", "Janet Rowe", "Data being re-run."),
            (waiting.ExtensionAgreedByLink, waiting.ExtensionAgreedByRecipient, waiting.ExtensionProposedBy, waiting.ExtensionReason));
        Assert.NotNull(waiting.ExtensionAgreedAt);
        Assert.True(waiting.ExtensionAwaitingAgreement);
        Assert.Equal((new DateOnly(2027, 1, 15), "Martin Hughes", true, "Our panel meets in January."),
            (waiting.ProposedDueDate, waiting.ProposalBy, waiting.ProposalByLink, waiting.ProposalReason));

        Assert.False((await _service.AgreeExtensionAsync(Editor(_link, "Lena Khan"), id, new DateOnly(2027, 1, 15))).Succeeded);
        Assert.True((await _service.AgreeExtensionAsync(Editor(_south, "Colin Marsh"), id, new DateOnly(2027, 1, 15))).Succeeded);

        var agreed = (await _service.GetAsync(id))!.Deadline;
        Assert.Equal(new DateOnly(2027, 1, 15), agreed.DueDate);
        Assert.Equal(("Martin Hughes", "Colin Marsh", "Martin Hughes", "Our panel meets in January."),
            (agreed.ExtensionAgreedByLink, agreed.ExtensionAgreedByRecipient, agreed.ExtensionProposedBy, agreed.ExtensionReason));
        Assert.False(agreed.ExtensionAwaitingAgreement);
        Assert.Equal(new DateOnly(2026, 11, 27), agreed.OriginalDueDate);
    }

    /// <returns>The deadline's history, each entry as people read it, oldest first.</returns>
    private async Task<List<AuditLine>> HistoryAsync(int id)
    {
        await using var db = _database.CreateContext();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return [.. (await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(ResponseDeadline) && a.EntityId == key).OrderBy(a => a.Id).ToListAsync())
            .Select(AuditText.Describe)];
    }

    // South proposed Fri 11 Dec 2026; South's own colleague cannot decline it, the LINk can, saying why. The due date
    // stays, the proposal no longer waits, and both sides read on the deadline and in its history who declined which date,
    // when and why.
    [Fact]
    public async Task DeclineExtensionAsync_ByTheSideAsked_SetsTheProposalAsideKeepsTheDueDateAndTheHistorySaysWhoWhenAndWhy()
    {
        var id = await LogAsync(Today); // due Fri 27 Nov 2026
        var proposed = new DateOnly(2026, 12, 11);
        Assert.True((await _service.ProposeExtensionAsync(Editor(_south, "Janet Rowe"), id, proposed, "Data being re-run.", waitingSeen: null)).Succeeded);

        var sameSide = await _service.DeclineExtensionAsync(Editor(_south, "Colin Marsh"), id, "We changed our minds.", proposed);
        var declined = await _service.DeclineExtensionAsync(Editor(_link, "Lena Khan"), id, "The board meets on 1 December and needs the figures.", proposed);

        Assert.Equal("The other side declines an extension, not the side that proposed it: withdraw the proposal instead.", sameSide.Problem);
        Assert.True(declined.Succeeded, declined.Problem);
        var deadline = (await _service.GetAsync(id))!.Deadline;
        Assert.Equal((new DateOnly(2026, 11, 27), null, null), (deadline.DueDate, deadline.ProposedDueDate, deadline.ExtensionAgreedAt));
        Assert.Equal((proposed, "Lena Khan", true, "The board meets on 1 December and needs the figures.", Now),
            (deadline.DeclinedDueDate, deadline.DeclinedBy, deadline.DeclinedByLink, deadline.DeclineReason, deadline.DeclinedAt));
        var entry = (await HistoryAsync(id)).Last();
        Assert.Equal("Lena Khan declined the extension to Fri 11 Dec 2026 for the LINk on 2 Nov 2026 at 10:00.", entry.Sentence);
        Assert.Contains("Why declined: “The board meets on 1 December and needs the figures.”", entry.Details);
        Assert.False((await _service.AgreeExtensionAsync(Editor(_link, "Lena Khan"), id, proposed)).Succeeded);
    }

    [Theory]
    [InlineData("", "Say why you decline the extension.")]
    [InlineData("long", "The reason can be at most 2,000 characters.")]
    public async Task DeclineExtensionAsync_ReasonMissingOrTooLong_RefusedAtTheReasonAndTheProposalStillWaits(string reason, string message)
    {
        var id = await LogAsync(Today);
        var proposed = new DateOnly(2026, 12, 11);
        Assert.True((await _service.ProposeExtensionAsync(Editor(_south, "Janet Rowe"), id, proposed, "Data being re-run.", waitingSeen: null)).Succeeded);

        var outcome = await _service.DeclineExtensionAsync(Editor(_link, "Lena Khan"), id, reason == "long" ? new string('x', 40_000) : reason, proposed);

        Assert.Equal([message], outcome.ErrorsFor("Reason"));
        var deadline = (await _service.GetAsync(id))!.Deadline;
        Assert.Equal((proposed, null), (deadline.ProposedDueDate, deadline.DeclinedAt));
    }

    // A page left open: the commissioner answered, replaced its proposal with another date, or withdrew it, after the
    // LINk read it. Declining is refused, saying what happened, and nothing is saved.
    [Theory]
    [InlineData("answered", "was answered on Mon 2 Nov 2026; the extension proposed is no longer needed. Nothing was saved.")]
    [InlineData("replaced", "Colin Marsh proposed Fri 29 Jan 2027 as the new due date after you opened this page. Nothing was saved: reload to see the proposal, then agree or decline it, or propose another date.")]
    [InlineData("withdrawn by its proposer", "The extension to Fri 11 Dec 2026 you were shown was withdrawn after you opened this page: the due date stays Fri 27 Nov 2026. Nothing was saved.")]
    public async Task DeclineExtensionAsync_TheDeadlineOrTheProposalChangedSinceThePageWasRead_RefusedSayingWhatHappened(string since, string says)
    {
        var id = await LogAsync(Today);
        var proposed = new DateOnly(2026, 12, 11);
        Assert.True((await _service.ProposeExtensionAsync(Editor(_south, "Janet Rowe"), id, proposed, "Data being re-run.", waitingSeen: null)).Succeeded);
        var step = since switch
        {
            "answered" => await _service.RecordAnswerAsync(Editor(_south, "Colin Marsh"), id, "Median wait 14 weeks.", Today),
            "replaced" => await _service.ProposeExtensionAsync(Editor(_south, "Colin Marsh"), id, new DateOnly(2027, 1, 29), "Still re-running.", waitingSeen: proposed),
            _ => await _service.WithdrawExtensionProposalAsync(Editor(_south, "Colin Marsh"), id, proposed),
        };
        Assert.True(step.Succeeded, step.Problem);
        var before = (await _service.GetAsync(id))!.Deadline;

        var declined = await _service.DeclineExtensionAsync(Editor(_link, "Lena Khan"), id, "The board needs the figures.", proposed);

        Assert.EndsWith(says, declined.Problem);
        var after = (await _service.GetAsync(id))!.Deadline;
        Assert.Equal((before.Version, before.ProposedDueDate, null), (after.Version, after.ProposedDueDate, after.DeclinedAt));
    }

    [Theory]
    [InlineData("decline")]
    [InlineData("withdraw")]
    public async Task ExtensionProposalSteps_EditorOfAThirdOrganisation_RefusedAndLogged(string step)
    {
        var id = await LogAsync(Today);
        var proposed = new DateOnly(2026, 12, 11);
        Assert.True((await _service.ProposeExtensionAsync(Editor(_south, "Janet Rowe"), id, proposed, "Data being re-run.", waitingSeen: null)).Succeeded);
        var outsider = Editor(_east, "Omar Outsider");

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => step == "decline"
            ? _service.DeclineExtensionAsync(outsider, id, "Not ours to decline.", proposed)
            : _service.WithdrawExtensionProposalAsync(outsider, id, proposed));

        Assert.Contains("Only the LINk that sent it, or the organisation it was sent to", denied.Message);
        var warning = Assert.Single(_logs.Warnings);
        Assert.Contains(outsider.UserId!, warning.Message);
        Assert.Contains(step == "decline" ? "decline an extension" : "withdraw an extension proposal", warning.Message);
        Assert.Equal(proposed, (await _service.GetAsync(id))!.Deadline.ProposedDueDate);
    }

    // The LINk proposed Fri 11 Dec 2026. The commissioner, asked to agree it, cannot withdraw it; a colleague of the
    // proposer can. The due date stays, and the history says who withdrew which date; withdrawing again is refused.
    [Fact]
    public async Task WithdrawExtensionProposalAsync_ByTheProposersSide_SetsItAsideAndTheOtherSideCannot()
    {
        var id = await LogAsync(Today); // due Fri 27 Nov 2026
        var proposed = new DateOnly(2026, 12, 11);
        Assert.True((await _service.ProposeExtensionAsync(Editor(_link, "Lena Khan"), id, proposed, "Our panel meets in December.", waitingSeen: null)).Succeeded);

        var otherSide = await _service.WithdrawExtensionProposalAsync(Editor(_south, "Janet Rowe"), id, proposed);
        var withdrawn = await _service.WithdrawExtensionProposalAsync(Editor(_link, "Martin Hughes"), id, proposed);
        var again = await _service.WithdrawExtensionProposalAsync(Editor(_link, "Lena Khan"), id, proposed);

        Assert.Equal("Only the side that proposed an extension withdraws it: agree or decline it instead.", otherSide.Problem);
        Assert.True(withdrawn.Succeeded, withdrawn.Problem);
        Assert.Equal("The extension to Fri 11 Dec 2026 you were shown was withdrawn after you opened this page: the due date stays Fri 27 Nov 2026. Nothing was saved.", again.Problem);
        var deadline = (await _service.GetAsync(id))!.Deadline;
        Assert.Equal((new DateOnly(2026, 11, 27), null, null, null), (deadline.DueDate, deadline.ProposedDueDate, deadline.ProposalBy, deadline.DeclinedAt));
        Assert.Equal("Martin Hughes withdrew the proposed extension to Fri 11 Dec 2026 on 2 Nov 2026 at 10:00.", (await HistoryAsync(id)).Last().Sentence);
    }

    [Fact]
    public async Task WithdrawExtensionProposalAsync_DeadlineWithdrawnSinceThePageWasRead_RefusedSayingSo()
    {
        var id = await LogAsync(Today);
        var proposed = new DateOnly(2026, 12, 11);
        Assert.True((await _service.ProposeExtensionAsync(Editor(_link, "Lena Khan"), id, proposed, "Our panel meets in December.", waitingSeen: null)).Succeeded);
        Assert.True((await _service.WithdrawAsync(Editor(_link, "Martin Hughes"), id)).Succeeded);

        var outcome = await _service.WithdrawExtensionProposalAsync(Editor(_link, "Lena Khan"), id, proposed);

        Assert.EndsWith("was withdrawn on Mon 2 Nov 2026; the extension proposed is no longer needed. Nothing was saved.", outcome.Problem);
    }

    [Fact]
    public async Task RecordAnswerAsync_AfterEscalation_RecordedLateAndStillCountedAsEscalated()
    {
        var id = await LogAsync(); // received Wed 1 Oct 2008, due Tue 28 Oct 2008
        var referral = await _service.EscalateAsync(Editor(_link), id);
        Assert.True(referral.Succeeded, referral.Problem);

        var answered = await _service.RecordAnswerAsync(Editor(_south), id, "The waiting-time figures are attached.", Today);

        Assert.True(answered.Succeeded, answered.Problem);
        var deadline = (await _service.GetAsync(id))!.Deadline;
        Assert.Equal(DeadlineState.Answered, deadline.State);
        Assert.Equal(referral.Value, deadline.EscalatedToDeadlineId);
        Assert.True(deadline.WorkingDaysLate > 0);
        var south = Assert.Single(await _service.ResponsivenessAsync(new FinancialYear(2008)), f => f.OrganisationId == _south.Id);
        Assert.Equal((1, 0, 1), (south.Answer.Late, south.Answer.Overdue, south.Escalated));
        var line = Assert.Single(await _service.ResponsivenessRecordsAsync(new FinancialYear(2008), _south.Id));
        Assert.EndsWith("working days late, after escalation to the scrutiny committee",
            ResponsivenessRules.Describe(line.Record, await _holidays.GetAsync(), Today), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RespondToRecommendationAsync_NotAcceptedWithoutReason_NeedsAReason()
    {
        var input = Request(WednesdayFirstOctober2008, _reportRule);
        input.Recommendations = ["Give every patient a written discharge plan.", "Involve carers in discharge planning."];
        var id = (await _service.LogAsync(Editor(_link), input)).Value;
        var recommendation = (await _service.GetAsync(id))!.Deadline.Recommendations.First(r => r.Number == 1);

        var withoutReason = await _service.RespondAsync(Editor(_south), id, recommendation.Id, RecommendationResponse.NotAccepted, " ");
        var withReason = await _service.RespondAsync(Editor(_south), id, recommendation.Id, RecommendationResponse.NotAccepted, "Plans are given on the day.");

        Assert.Contains(withoutReason.Errors, e => e.Field == "ResponseText");
        Assert.True(withReason.Succeeded);
        var saved = (await _service.GetAsync(id))!.Deadline.Recommendations.First(r => r.Number == 1);
        Assert.Equal(RecommendationResponse.NotAccepted, saved.Response);
        Assert.Equal("Plans are given on the day.", saved.ResponseText);
    }

    [Fact]
    public async Task SaveRuleAsync_WorkingDaysChanged_DoesNotMoveExistingDeadlines()
    {
        var before = await LogAsync();
        var rule = (await _service.RulesAsync()).Single(r => r.Id == _requestRule);

        var input = DeadlineRuleInput.From(rule);
        (input.WorkingDays, input.RemindDaysBefore, input.EscalateAfterWorkingDays) = (10, "3, 1", 5);
        var outcome = await _service.SaveRuleAsync(Admin(_link), _requestRule, input);
        var after = await LogAsync();

        Assert.True(outcome.Succeeded);
        Assert.Equal(new DateOnly(2008, 10, 28), (await _service.GetAsync(before))!.Deadline.DueDate);
        Assert.Equal(new DateOnly(2008, 10, 14), (await _service.GetAsync(after))!.Deadline.DueDate);
        var changed = (await _service.RulesAsync()).Single(r => r.Id == _requestRule);
        Assert.Equal([3, 1], changed.RemindDaysBefore);
        Assert.Equal(5, changed.EscalateAfterWorkingDays);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SaveRuleAsync_TwoAdminsSaveOneNameAtOnce_KeepsOneAndGivesTheOtherTheNameFieldError(bool renaming)
    {
        // Both admins have found the name free before either saves: two new kinds, or two statutory kinds renamed.
        var gate = RaceGate.ForExistsIn(2, "DeadlineRules");
        var raced = new DeadlineService(gate.Factory(_database), _holidays, new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);
        int?[] ids = renaming ? [_requestRule, _reportRule] : [null, null];
        Actor[] admins = [Admin(_link), Admin(_south) with { UserId = "user-admin-2" }];

        // One typed it in other capitals, which is the same name.
        string[] names = ["Quality account comment", "Quality Account Comment"];

        var versions = (await _service.RulesAsync()).ToDictionary(r => r.Id, r => r.Version);
        var outcomes = await Task.WhenAll(ids.Select((id, i) => Task.Run(() => raced.SaveRuleAsync(admins[i], id,
            new DeadlineRuleInput { Name = names[i], WorkingDays = 30, IsActive = true, Version = id is { } kind ? versions[kind] : default }, SubmissionKey.New()))));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Equal(["Another kind already has this name."], Assert.Single(outcomes, o => !o.Succeeded).ErrorsFor(nameof(DeadlineRuleInput.Name)));
        Assert.Single(await _service.RulesAsync(), r => string.Equals(r.Name, "quality account comment", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SaveRuleAsync_AnotherAdministratorChangedTheKindSince_RefusedNamingThemAndKeepsTheirs()
    {
        // Two administrators open the same kind; the first makes it 15 working days, the second then saves 25.
        var seen = DeadlineRuleInput.From((await _service.RulesAsync()).Single(r => r.Id == _requestRule));
        var first = DeadlineRuleInput.From((await _service.RulesAsync()).Single(r => r.Id == _requestRule));
        first.WorkingDays = 15;
        Assert.True((await _service.SaveRuleAsync(Admin(_link), _requestRule, first)).Succeeded);

        seen.WorkingDays = 25;
        var stale = await _service.SaveRuleAsync(Admin(_south) with { UserId = "user-admin-2", DisplayName = "Ben Admin" }, _requestRule, seen);

        Assert.False(stale.Succeeded);
        Assert.StartsWith("Ada Admin saved this kind of deadline on ", stale.Problem);
        Assert.Contains("(changed: Working days)", stale.Problem);
        Assert.Equal(15, (await _service.RulesAsync()).Single(r => r.Id == _requestRule).WorkingDays);

        // Opened again, the form has the version that the first administrator's save left, and saves.
        var reopened = DeadlineRuleInput.From((await _service.RulesAsync()).Single(r => r.Id == _requestRule));
        reopened.WorkingDays = 25;
        Assert.True((await _service.SaveRuleAsync(Admin(_south) with { UserId = "user-admin-2", DisplayName = "Ben Admin" }, _requestRule, reopened)).Succeeded);
    }

    [Fact]
    public async Task SaveRuleAsync_NewCustomKindByAnEditor_IsRefusedAndByAnAdminIsAdded()
    {
        var input = new DeadlineRuleInput { Name = "Response to a quality account comment", WorkingDays = 30 };

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.SaveRuleAsync(Editor(_link), null, input));
        var outcome = await _service.SaveRuleAsync(Admin(_link), null, input);

        Assert.True(outcome.Succeeded);
        var rules = await _service.RulesAsync();
        var custom = rules.Single(r => r.Id == outcome.Value);
        Assert.Equal(DeadlineKind.Custom, custom.Kind);
        Assert.Equal(30, custom.WorkingDays);
        // The statutory kinds first, in their order, then the custom one: stored by name, "Custom" would sort first.
        Assert.Equal(
            [DeadlineKind.InformationRequest, DeadlineKind.ReportResponse, DeadlineKind.ScrutinyReferral, DeadlineKind.Custom],
            rules.Select(r => r.Kind));
    }

    [Fact]
    public async Task ResponsivenessAsync_OneOnTimeOneLateOneOpen_CountsEachWithLatenessAndOverdue()
    {
        var onTime = await LogAsync();
        var late = await LogAsync();
        await LogAsync();
        await LogAsync(to: _east);
        await _service.RecordAnswerAsync(Editor(_south), onTime, "Sent.", new DateOnly(2008, 10, 20));
        await _service.RecordAnswerAsync(Editor(_south), late, "Sent late.", new DateOnly(2008, 11, 3));

        var figures = await _service.ResponsivenessAsync(new FinancialYear(2008));

        var south = Assert.Single(figures, f => f.OrganisationId == _south.Id);
        Assert.Equal(3, south.Requests);
        // Due Tue 28 Oct 2008: answered 20 October (on time) and 3 November (4 working days late); the third never answered.
        Assert.Equal(new StepFigures(3, OnTime: 1, Late: 1, MedianWorkingDaysLate: 4, WorstWorkingDaysLate: 4, StillOpen: 0, Overdue: 1), south.Answer);
        Assert.Equal("1 of 3 due so far", south.Answer.OnTimeText);
        var east = Assert.Single(figures, f => f.OrganisationId == _east.Id);
        Assert.Equal(new StepFigures(1, 0, 0, null, null, 0, 1), east.Answer);
        Assert.Equal("0 of 1 due so far", east.Answer.OnTimeText);
        Assert.DoesNotContain(figures, f => f.OrganisationId == _scrutiny.Id); // it received nothing
    }

    [Fact]
    public async Task ListAsync_InvolvingAnOrganisation_ListsWhatItSentOrReceived()
    {
        var toSouth = await LogAsync();
        var toEast = await LogAsync(to: _east);

        Assert.Equal([toSouth], (await _service.ListAsync(new DeadlineFilter { InvolvingOrganisationId = _south.Id })).Select(r => r.Id));
        Assert.Equal([toEast], (await _service.ListAsync(new DeadlineFilter { InvolvingOrganisationId = _east.Id, OverdueOnly = true })).Select(r => r.Id));
        Assert.Equal([toSouth, toEast], (await _service.ListAsync(new DeadlineFilter { InvolvingOrganisationId = _link.Id })).Select(r => r.Id));
        Assert.Empty(await _service.ListAsync(new DeadlineFilter { InvolvingOrganisationId = _scrutiny.Id }));
    }

    [Fact]
    public async Task ListAsync_InAState_ListsOnlyThoseInIt()
    {
        var awaiting = await LogAsync();
        var answered = await LogAsync(to: _east);
        Assert.True((await _service.RecordAnswerAsync(Editor(_east), answered, "Median wait 14 weeks.", new DateOnly(2008, 10, 20))).Succeeded);

        Assert.Equal([awaiting], (await _service.ListAsync(new DeadlineFilter { State = DeadlineState.Awaiting })).Select(r => r.Id));
        Assert.Equal([answered], (await _service.ListAsync(new DeadlineFilter { State = DeadlineState.Answered })).Select(r => r.Id));
    }

    [Fact]
    public async Task RecordAnswerAsync_EditorOfAThirdOrganisation_IsRefusedAndLogged()
    {
        var id = await LogAsync();
        var outsider = Editor(_east, "Omar Outsider");

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => _service.RecordAnswerAsync(outsider, id, "Not ours to answer.", new DateOnly(2008, 11, 3)));

        Assert.Contains("Only the LINk that sent it, or the organisation it was sent to", denied.Message);
        var warning = Assert.Single(_logs.Warnings);
        Assert.Contains(outsider.UserId!, warning.Message);
        Assert.Contains("record an answer", warning.Message);
        Assert.Equal(DeadlineState.Awaiting, (await _service.GetAsync(id))!.Deadline.State);
    }

    [Fact]
    public async Task ReportsForExerciseAsync_ReportAndRequestOnTheExercise_ListsOnlyTheReport()
    {
        var report = Request(WednesdayFirstOctober2008, _reportRule);
        report.Recommendations = ["Involve carers."];
        var exerciseId = await SeedExerciseAsync();
        report.ExerciseId = exerciseId;
        var request = Request(WednesdayFirstOctober2008);
        request.ExerciseId = exerciseId;
        var reportId = (await _service.LogAsync(Editor(_link), report)).Value;
        Assert.True((await _service.LogAsync(Editor(_link), request)).Succeeded);

        var reports = await _service.ReportsForExerciseAsync(exerciseId);

        var only = Assert.Single(reports);
        Assert.Equal(reportId, only.Id);
        Assert.Equal("Involve carers.", Assert.Single(only.Recommendations).Text);
    }

    // A cancelled exercise was withdrawn before it ran: a report linked to it was named on "you said, we did".
    [Fact]
    public async Task LogAsync_LinkedToACancelledExercise_RefusedAtTheExerciseField()
    {
        var exerciseId = await SeedExerciseAsync();
        await using (var db = _database.CreateContext())
        {
            var exercise = await db.Exercises.SingleAsync(x => x.Id == exerciseId);
            Assert.True(exercise.MoveTo(EngagementHub.Core.Exercises.ExerciseState.Cancelled).Succeeded);
            await db.SaveChangesAsync();
        }

        var request = Request(WednesdayFirstOctober2008);
        request.ExerciseId = exerciseId;
        var outcome = await _service.LogAsync(Editor(_link), request);

        Assert.Equal((nameof(DeadlineInput.ExerciseId), "That exercise was cancelled before it ran. Choose another, or none."),
            outcome.Errors.Select(e => (e.Field, e.Message)).Single());
    }

    private async Task<int> SeedExerciseAsync()
    {
        await using var db = _database.CreateContext();
        var exercise = new EngagementHub.Core.Exercises.EngagementExercise(new EngagementHub.Core.Exercises.ExerciseInput
        {
            Title = "Hospital discharge",
            Purpose = "Hear from patients about discharge.",
            LeadCommissionerId = _south.Id,
            DecisionInformed = "Discharge pathway",
            StartDate = new DateOnly(2008, 9, 1),
            EndDate = new DateOnly(2008, 9, 30),
        }, _link.Id, _south.Id, _database.Clock.GetUtcNow());
        db.Exercises.Add(exercise);
        await db.SaveChangesAsync();
        return exercise.Id;
    }

    [Fact]
    public async Task RecipientChoicesAsync_TheLinkLogging_OffersEveryActiveOrganisationButItself()
    {
        await using (var db = _database.CreateContext())
        {
            (await db.Organisations.SingleAsync(o => o.Id == _east.Id)).Deactivate();
            await db.SaveChangesAsync();
        }

        var choices = await _service.RecipientChoicesAsync(Editor(_link));

        // The rule LogAsync checks: not the sender, and (as every new choice) still in the partnership.
        Assert.Equal([_south.Name, _scrutiny.Name], choices.Select(o => o.Label));
    }
}
