using EngagementHub.Core;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Data;

/// <summary>The directory's rules, audit trail and concurrency check, on a real SQLite file.</summary>
public abstract class OrganisationDirectoryTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : OrganisationDirectoryTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : OrganisationDirectoryTests(DatabaseProvider.PostgreSql);

    private readonly CapturingLoggerProvider _logs = new();
    private TestDatabase _database = null!;
    private OrganisationDirectory _directory = null!;
    private int _linkId;
    private int _commissionerId;

    private static readonly Actor Admin = new("admin-1", "Alex Admin", 100, "Be Birmingham", UserRole.Admin);

    private Actor LinkEditor => new("editor-1", "Lena Khan", _linkId, "Birmingham LINk", UserRole.Editor);

    private Actor SecondLinkEditor => new("editor-2", "Martin Hughes", _linkId, "Birmingham LINk", UserRole.Editor);

    private Actor CommissionerEditor => new("editor-3", "Colin Marsh", _commissionerId, "NHS South Birmingham", UserRole.Editor);

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _directory = new OrganisationDirectory(
            _database.Factory, new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);

        await using var db = _database.CreateContext();
        var link = new Organisation("Birmingham LINk", OrganisationKind.Link);
        var commissioner = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        db.Organisations.AddRange(link, commissioner);
        await db.SaveChangesAsync();
        _linkId = link.Id;
        _commissionerId = commissioner.Id;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ListAsync_SearchInAnotherCase_FindsTheOrganisationOnEitherDatabase()
    {
        var found = await _directory.ListAsync(search: "SOUTH birm");

        Assert.Equal(["NHS South Birmingham"], found.Select(o => o.Name));
        Assert.Empty(await _directory.ListAsync(search: "100%"));
    }

    [Fact]
    public async Task ListAsync_ByKindAndWithInactive_ListsTheActiveOnesUnlessAskedWithContactCountAndNamedContact()
    {
        await using (var db = _database.CreateContext())
        {
            var commissioner = await db.Organisations.Include(o => o.Contacts).SingleAsync(o => o.Id == _commissionerId);
            commissioner.AddContact("Janet Rowe", "Director of Engagement", "janet.rowe@example.nhs.uk", null, receivesLinkRequests: true);
            commissioner.AddContact("Omar Iqbal", "Analyst", null, null, receivesLinkRequests: false);
            var closed = new Organisation("Birmingham East PCT", OrganisationKind.Commissioner);
            closed.Deactivate();
            db.Organisations.Add(closed);
            await db.SaveChangesAsync();
        }

        var all = await _directory.ListAsync();
        var commissioners = await _directory.ListAsync(OrganisationKind.Commissioner);
        var withInactive = await _directory.ListAsync(OrganisationKind.Commissioner, includeInactive: true);

        Assert.Equal(["Birmingham LINk", "NHS South Birmingham"], all.Select(o => o.Name).Order());
        var south = Assert.Single(commissioners);
        Assert.Equal(("NHS South Birmingham", 2, "Janet Rowe"), (south.Name, south.ContactCount, south.LinkRequestsContact));
        Assert.Equal([("Birmingham East PCT", false), ("NHS South Birmingham", true)], withInactive.Select(o => (o.Name, o.IsActive)));
        Assert.Equal(3, (await _directory.ListAsync(includeInactive: true)).Count);
    }

    [Fact]
    public async Task ListAsync_SeveralKinds_ListsThemInTheFiltersOrderTheLinkFirstThenByName()
    {
        await using (var db = _database.CreateContext())
        {
            db.Organisations.AddRange(
                new Organisation("Birmingham City Council Health Overview and Scrutiny Committee", OrganisationKind.Scrutiny),
                new Organisation("Birmingham East and North PCT", OrganisationKind.Commissioner));
            await db.SaveChangesAsync();
        }

        var all = await _directory.ListAsync();

        // Kinds are stored by name: ordered in the query, "Commissioner" would come before "Link".
        Assert.Equal(
            [OrganisationKind.Link, OrganisationKind.Commissioner, OrganisationKind.Commissioner, OrganisationKind.Scrutiny],
            all.Select(o => o.Kind));
        Assert.Equal(["Birmingham East and North PCT", "NHS South Birmingham"], all.Where(o => o.Kind == OrganisationKind.Commissioner).Select(o => o.Name));
    }

    [Fact]
    public async Task CreateAsync_Admin_RecordsAuditEntryWithActorTimeAndValues()
    {
        _database.Clock.Advance(TimeSpan.FromHours(3));
        var input = new OrganisationInput { Name = "Care Quality Commission", Kind = OrganisationKind.Regulator, ShortName = "CQC" };

        var created = await _directory.CreateAsync(Admin, input);

        Assert.True(created.Succeeded);
        var entry = Assert.Single(await AuditOfAsync(nameof(Organisation), created.Value));
        Assert.Equal(AuditAction.Added, entry.Action);
        Assert.Equal("admin-1", entry.UserId);
        Assert.Equal("Alex Admin", entry.UserName);
        Assert.Equal(_database.Clock.GetUtcNow(), entry.At);
        Assert.Contains(new AuditChange("Name", null, "Care Quality Commission"), entry.Changes);
        Assert.Contains(new AuditChange("Kind", null, "Regulator"), entry.Changes);
        Assert.Contains(new AuditChange("ShortName", null, "CQC"), entry.Changes);
        Assert.DoesNotContain(entry.Changes, c => c.Property == nameof(Organisation.Version));
    }

    [Fact]
    public async Task UpdateAsync_Admin_RecordsOnlyTheChangedPropertyWithBeforeAndAfter()
    {
        var input = await FormForAsync(_linkId);
        input.Description = "Local people with a say in local services.";
        _database.Clock.Advance(TimeSpan.FromMinutes(42));

        var outcome = await _directory.UpdateAsync(Admin, _linkId, input);

        Assert.True(outcome.Succeeded, outcome.Problem);
        var entry = Assert.Single(await AuditOfAsync(nameof(Organisation), _linkId), e => e.Action == AuditAction.Modified);
        Assert.Equal("admin-1", entry.UserId);
        Assert.Equal("Alex Admin", entry.UserName);
        Assert.Equal(nameof(Organisation), entry.EntityType);
        Assert.Equal(_linkId.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.EntityId);
        Assert.Equal(_database.Clock.GetUtcNow(), entry.At);
        Assert.Equal([new AuditChange("Description", null, "Local people with a say in local services.")], entry.Changes);
    }

    [Fact]
    public async Task SaveChangesAsync_FailingSave_RecordsNoAudit()
    {
        // A second organisation with a taken name breaks the unique index: the save fails in the database itself.
        await using (var db = _database.CreateContext())
        {
            db.Organisations.Add(new Organisation("Birmingham LINk", OrganisationKind.Link));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.ActingAs(Admin).SaveChangesAsync());
        }

        await using var check = _database.CreateContext();
        Assert.Equal(2, await check.Organisations.CountAsync());
        Assert.False(await check.AuditEntries.AnyAsync(a => a.UserId == Admin.UserId));
    }

    [Fact]
    public async Task UpdateAsync_SecondEditorOnSameVersion_GetsProblemNamingFirstEditor()
    {
        var first = await FormForAsync(_linkId);
        var second = await FormForAsync(_linkId);
        Assert.Equal(first.Version, second.Version);
        first.Description = "First editor's description";
        second.Description = "Second editor's description";
        var firstSavedAt = _database.Clock.GetUtcNow();

        var firstOutcome = await _directory.UpdateAsync(LinkEditor, _linkId, first);
        _database.Clock.Advance(TimeSpan.FromMinutes(5));
        var secondOutcome = await _directory.UpdateAsync(SecondLinkEditor, _linkId, second);

        Assert.True(firstOutcome.Succeeded, firstOutcome.Problem);
        Assert.False(secondOutcome.Succeeded);
        Assert.StartsWith($"Lena Khan saved this organisation on {UkTime.Format(firstSavedAt)}", secondOutcome.Problem);
        Assert.Contains("Description", secondOutcome.Problem);
        Assert.Equal("First editor's description", (await _directory.GetAsync(_linkId))!.Description);
        // The refused save left no trace in the history.
        Assert.DoesNotContain(await AuditOfAsync(nameof(Organisation), _linkId), e => e.UserId == "editor-2");
    }

    [Fact]
    public async Task CreateAsync_DuplicateNameInOtherCase_GivesNameFieldError()
    {
        var outcome = await _directory.CreateAsync(Admin, new OrganisationInput { Name = "  birmingham link ", Kind = OrganisationKind.Link });

        Assert.False(outcome.Succeeded);
        Assert.Equal(["Another organisation is already called \"birmingham link\"."], outcome.ErrorsFor(nameof(OrganisationInput.Name)));
    }

    [Fact]
    public async Task CreateAsync_TwoAdminsAddTheSameNameAtOnce_AddsOneAndGivesTheOtherTheNameFieldError()
    {
        // Both admins have found the name free before either saves; one typed it in capitals, which is the same name.
        var gate = RaceGate.ForExistsIn(2, "Organisations");
        var directory = new OrganisationDirectory(gate.Factory(_database), new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);
        Actor[] admins = [Admin, new("admin-2", "Ann Admin", 100, "Be Birmingham", UserRole.Admin)];
        string[] names = ["Sandwell PCT", "SANDWELL PCT"];

        var outcomes = await Task.WhenAll(admins.Select((admin, i) => Task.Run(() =>
            directory.CreateAsync(admin, new OrganisationInput { Name = names[i], Kind = OrganisationKind.Commissioner }, SubmissionKey.New()))));

        var created = Assert.Single(outcomes, o => o.Succeeded);
        var refused = Assert.Single(outcomes, o => !o.Succeeded);
        Assert.Equal([$"Another organisation is already called \"{names[Array.IndexOf(outcomes, refused)]}\"."], refused.ErrorsFor(nameof(OrganisationInput.Name)));
        await using var db = _database.CreateContext();
        Assert.Equal(created.Value, Assert.Single(await db.Organisations.Where(o => o.Name.ToLower() == "sandwell pct").Select(o => o.Id).ToListAsync()));
    }

    [Fact]
    public async Task UpdateAsync_TwoOrganisationsRenamedToOneNameAtOnce_RenamesOneAndGivesTheOtherTheNameFieldError()
    {
        var gate = RaceGate.ForExistsIn(2, "Organisations");
        var directory = new OrganisationDirectory(gate.Factory(_database), new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);
        var forms = new[] { (Id: _linkId, Form: await FormForAsync(_linkId)), (Id: _commissionerId, Form: await FormForAsync(_commissionerId)) };
        foreach (var (_, form) in forms)
        {
            form.Name = "Birmingham Partnership";
        }

        var outcomes = await Task.WhenAll(forms.Select(f => Task.Run(() => directory.UpdateAsync(Admin, f.Id, f.Form))));

        Assert.Single(outcomes, o => o.Succeeded);
        var refused = Assert.Single(outcomes, o => !o.Succeeded);
        Assert.Equal(["Another organisation is already called \"Birmingham Partnership\"."], refused.ErrorsFor(nameof(OrganisationInput.Name)));
        await using var db = _database.CreateContext();
        Assert.Single(await db.Organisations.Where(o => o.Name == "Birmingham Partnership").ToListAsync());
    }

    [Fact]
    public async Task UpdateAsync_RenameToAnotherOrganisationsName_GivesNameFieldError()
    {
        var input = await FormForAsync(_commissionerId);
        input.Name = "Birmingham LINk";

        var outcome = await _directory.UpdateAsync(Admin, _commissionerId, input);

        Assert.Single(outcome.ErrorsFor(nameof(OrganisationInput.Name)));
        Assert.Equal("NHS South Birmingham", (await _directory.GetAsync(_commissionerId))!.Name);
    }

    [Fact]
    public async Task UpdateAsync_EditorOfAnotherOrganisation_IsRefusedAndLogged()
    {
        var input = await FormForAsync(_linkId);
        input.Description = "Hijacked";

        await Assert.ThrowsAsync<AccessDeniedException>(() => _directory.UpdateAsync(CommissionerEditor, _linkId, input));

        var warning = Assert.Single(_logs.Warnings);
        Assert.Contains("editor-3", warning.Message);
        Assert.Contains($"organisation {_linkId}", warning.Message);
        Assert.Null((await _directory.GetAsync(_linkId))!.Description);
    }

    [Fact]
    public async Task SaveContactAsync_EditorOfAnotherOrganisation_IsRefusedAndLogged()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(
            () => _directory.SaveContactAsync(CommissionerEditor, _linkId, new ContactInput { Name = "Intruder" }));

        Assert.Contains(_logs.Warnings, w => w.Message.Contains("editor-3", StringComparison.Ordinal));
        Assert.Empty((await _directory.GetAsync(_linkId))!.Contacts);
    }

    [Fact]
    public async Task CreateAsync_Editor_IsRefused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(
            () => _directory.CreateAsync(LinkEditor, new OrganisationInput { Name = "New body", Kind = OrganisationKind.Provider }));
    }

    [Fact]
    public async Task SaveContactAsync_EditorOfOwnOrganisation_AddsAndUpdatesContact()
    {
        var added = await _directory.SaveContactAsync(LinkEditor, _linkId, new ContactInput { Name = "Martin Hughes", JobTitle = "Host Manager" });
        Assert.True(added.Succeeded, added.Problem);
        var form = ContactInput.From(Assert.Single((await _directory.GetAsync(_linkId))!.Contacts));
        form.ReceivesLinkRequests = true;

        var updated = await _directory.SaveContactAsync(LinkEditor, _linkId, form);

        Assert.True(updated.Succeeded, updated.Problem);
        var contact = Assert.Single((await _directory.GetAsync(_linkId))!.Contacts);
        Assert.Equal(added.Value, contact.Id);
        Assert.True(contact.ReceivesLinkRequests);
    }

    // An organisation names one person to receive the LINk's requests (README: "the named person who receives the LINk's
    // requests"): ticking another, on an existing contact or a new one, unticks the one before in the same save, audited,
    // so the directory and a new deadline name the one just ticked.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SaveContactAsync_AnotherContactTickedAsReceivingLinkRequests_UnticksTheOneBeforeAndTheDirectoryNamesTheNewOne(bool newContact)
    {
        var zoe = await _directory.SaveContactAsync(CommissionerEditor, _commissionerId,
            new ContactInput { Name = "Zoe Thornton", JobTitle = "Head of Engagement", Email = "zoe@south.example.nhs.uk", ReceivesLinkRequests = true });
        Assert.True(zoe.Succeeded, zoe.Problem);
        var form = new ContactInput { Name = "Adam Ellis", JobTitle = "Engagement Lead", Email = "adam@south.example.nhs.uk" };
        if (!newContact)
        {
            var adam = await _directory.SaveContactAsync(CommissionerEditor, _commissionerId, form);
            Assert.True(adam.Succeeded, adam.Problem);
            form = ContactInput.From((await _directory.GetAsync(_commissionerId))!.Contacts.Single(c => c.Id == adam.Value));
        }

        form.ReceivesLinkRequests = true;
        var saved = await _directory.SaveContactAsync(CommissionerEditor, _commissionerId, form);

        Assert.True(saved.Succeeded, saved.Problem);
        var organisation = (await _directory.GetAsync(_commissionerId))!;
        Assert.Equal(["Adam Ellis"], organisation.Contacts.Where(c => c.ReceivesLinkRequests).Select(c => c.Name));
        Assert.Equal("Adam Ellis", organisation.FindLinkRequestsContact()?.Name);
        Assert.Equal("Adam Ellis", (await _directory.ListAsync()).Single(o => o.Id == _commissionerId).LinkRequestsContact);
        var unticked = (await AuditOfAsync(nameof(Contact), zoe.Value)).Last();
        Assert.Equal(("editor-3", AuditAction.Modified), (unticked.UserId, unticked.Action));
        Assert.Contains(unticked.Changes, c => c.Property == nameof(Contact.ReceivesLinkRequests));
    }

    // Contacts ticked before one organisation had one receiver: every reader names the same one, the one added last.
    [Fact]
    public async Task ListAsync_SeveralContactsTickedByOlderData_NamesTheOneAddedLastAsEveryReaderDoes()
    {
        await using (var db = _database.CreateContext())
        {
            var commissioner = await db.Organisations.Include(o => o.Contacts).SingleAsync(o => o.Id == _commissionerId);
            commissioner.AddContact("Zoe Thornton", "Head of Engagement", null, null, receivesLinkRequests: false);
            await db.SaveChangesAsync();
            commissioner.AddContact("Adam Ellis", "Engagement Lead", null, null, receivesLinkRequests: false);
            await db.SaveChangesAsync();
            await db.Contacts.Where(c => c.OrganisationId == _commissionerId).ExecuteUpdateAsync(u => u.SetProperty(c => c.ReceivesLinkRequests, true));
        }

        var listed = (await _directory.ListAsync()).Single(o => o.Id == _commissionerId).LinkRequestsContact;

        Assert.Equal("Adam Ellis", listed);
        Assert.Equal("Adam Ellis", (await _directory.GetAsync(_commissionerId))!.FindLinkRequestsContact()?.Name);

        // An editor corrects Zoe's telephone number; her form carries her stored tick. Only a new tick takes the role
        // over, so the receiver every page names is still Adam.
        var form = ContactInput.From((await _directory.GetAsync(_commissionerId))!.Contacts.Single(c => c.Name == "Zoe Thornton"));
        form.Phone = "0121 000 0999";
        Assert.True((await _directory.SaveContactAsync(CommissionerEditor, _commissionerId, form)).Succeeded);
        Assert.Equal("Adam Ellis", (await _directory.GetAsync(_commissionerId))!.FindLinkRequestsContact()?.Name);
    }

    [Fact]
    public async Task SaveContactAsync_OrganisationDeactivated_RefusesANewContactButCorrectsAnExistingOne()
    {
        var added = await _directory.SaveContactAsync(Admin, _commissionerId, new ContactInput { Name = "Colin Marsh", Email = "colin@example.nhs.uk" });
        Assert.True(added.Succeeded, added.Problem);
        Assert.True((await _directory.SetActiveAsync(Admin, _commissionerId, active: false, (await _directory.GetAsync(_commissionerId))!.Version)).Succeeded);

        var another = await _directory.SaveContactAsync(Admin, _commissionerId, new ContactInput { Name = "Sam South" });
        var form = ContactInput.From((await _directory.GetAsync(_commissionerId))!.Contacts.Single(c => c.Id == added.Value));
        form.Email = "colin.marsh@example.nhs.uk";
        var corrected = await _directory.SaveContactAsync(Admin, _commissionerId, form);

        var organisation = (await _directory.GetAsync(_commissionerId))!;
        Assert.Equal(OrganisationDirectory.NoNewContactsMessage(organisation.Name), another.Problem);
        Assert.True(corrected.Succeeded, corrected.Problem);
        Assert.Equal("colin.marsh@example.nhs.uk", Assert.Single(organisation.Contacts).Email);
    }

    [Fact]
    public async Task RemoveContactAsync_EditorOfOwnOrganisation_RemovesContact()
    {
        var added = await _directory.SaveContactAsync(LinkEditor, _linkId, new ContactInput { Name = "Martin Hughes" });
        var contact = Assert.Single((await _directory.GetAsync(_linkId))!.Contacts);

        var removed = await _directory.RemoveContactAsync(LinkEditor, _linkId, added.Value, contact.Version);

        Assert.True(removed.Succeeded, removed.Problem);
        Assert.Empty((await _directory.GetAsync(_linkId))!.Contacts);
        Assert.Contains(await AuditOfAsync(nameof(Contact), added.Value), e => e.Action == AuditAction.Deleted);
    }

    [Fact]
    public async Task UpdateAsync_EditorOfOwnOrganisationChangingKind_GivesKindFieldError()
    {
        var input = await FormForAsync(_linkId);
        input.Kind = OrganisationKind.Commissioner;

        var outcome = await _directory.UpdateAsync(LinkEditor, _linkId, input);

        Assert.Single(outcome.ErrorsFor(nameof(OrganisationInput.Kind)));
        Assert.Equal(OrganisationKind.Link, (await _directory.GetAsync(_linkId))!.Kind);
    }

    // A request for information goes to a commissioner or a provider, never to the scrutiny committee (ADR 12): while
    // one sent to NHS South Birmingham is open, it cannot become the committee, which it would then hold against the
    // rule; it may become a provider, which may be sent it. Before, the change was saved and the deadline left with it.
    [Fact]
    public async Task UpdateAsync_KindThatMayNotReceiveAnOpenDeadlineSentToIt_RefusedAtTheKindNamingIt()
    {
        await SeedDeadlineAsync("Waiting times for wheelchair assessments");
        await using var services = CoreServices.Build(_database);
        var directory = services.GetRequiredService<OrganisationDirectory>();
        var input = await FormForAsync(_commissionerId);
        input.Kind = OrganisationKind.Scrutiny;

        var refused = await directory.UpdateAsync(Admin, _commissionerId, input);

        var message = Assert.Single(refused.ErrorsFor(nameof(OrganisationInput.Kind)));
        Assert.StartsWith("It cannot become a scrutiny committee yet: it still has open deadlines a scrutiny committee cannot be sent: "
            + "\u201CWaiting times for wheelchair assessments\u201D (request for information)", message);
        Assert.Equal(OrganisationKind.Commissioner, (await _directory.GetAsync(_commissionerId))!.Kind);

        input.Kind = OrganisationKind.Provider;
        var saved = await directory.UpdateAsync(Admin, _commissionerId, input);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
    }

    // The LINk's open request names it as the sender, and NHS South Birmingham leads an exercise still going on, which
    // only a commissioner may lead (ADR 11): neither may change kind until those are closed; both say why.
    [Fact]
    public async Task UpdateAsync_KindOfTheLinkThatSentAnOpenDeadlineOrOfTheLeadOfAnExercise_RefusedNamingWhatStandsInTheWay()
    {
        await SeedDeadlineAsync("Waiting times for wheelchair assessments");
        await using (var db = _database.CreateContext())
        {
            db.Exercises.Add(new EngagementHub.Core.Exercises.EngagementExercise(new EngagementHub.Core.Exercises.ExerciseInput
            {
                Title = "Hospital discharge", Purpose = "Hear from patients about discharge.", LeadCommissionerId = _commissionerId,
                DecisionInformed = "Discharge pathway", StartDate = new DateOnly(2026, 1, 5), EndDate = new DateOnly(2026, 2, 27),
            }, _linkId, _commissionerId, _database.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await using var services = CoreServices.Build(_database);
        var directory = services.GetRequiredService<OrganisationDirectory>();
        var link = await FormForAsync(_linkId);
        link.Kind = OrganisationKind.Provider;
        var commissioner = await FormForAsync(_commissionerId);
        commissioner.Kind = OrganisationKind.Provider;

        var linkRefused = await directory.UpdateAsync(Admin, _linkId, link);
        var commissionerRefused = await directory.UpdateAsync(Admin, _commissionerId, commissioner);

        Assert.Contains("it still has open deadlines it sent as the LINk: \u201CWaiting times for wheelchair assessments\u201D",
            Assert.Single(linkRefused.ErrorsFor(nameof(OrganisationInput.Kind))));
        Assert.Contains("it leads exercises still going on, which only a commissioner may lead: \u201CHospital discharge\u201D",
            Assert.Single(commissionerRefused.ErrorsFor(nameof(OrganisationInput.Kind))));
        Assert.Equal((OrganisationKind.Link, OrganisationKind.Commissioner),
            ((await _directory.GetAsync(_linkId))!.Kind, (await _directory.GetAsync(_commissionerId))!.Kind));
    }

    // A scrutiny referral is met by its acknowledgement, but the committee still owes its follow-up answer, which the LINk
    // records when it comes: until then the committee stays a committee, as for an open deadline. Before, only open
    // deadlines were asked, so an acknowledged referral let it become a provider, which a referral may not be sent.
    [Fact]
    public async Task UpdateAsync_CommitteeOwingTheFollowUpOfAnAcknowledgedReferral_RefusedUntilItIsAnswered()
    {
        int committeeId, referralId;
        await using (var db = _database.CreateContext())
        {
            await EngagementHub.Core.Deadlines.DeadlineService.EnsureRulesAsync(db);
            var committee = new Organisation("Health Overview and Scrutiny Committee", OrganisationKind.Scrutiny);
            db.Organisations.Add(committee);
            await db.SaveChangesAsync();
            committeeId = committee.Id;
            var calendar = await EngagementHub.Core.Deadlines.BankHolidayCalendar.ReadAsync(db);
            var rule = await db.DeadlineRules.SingleAsync(r => r.Kind == EngagementHub.Core.Deadlines.DeadlineKind.ScrutinyReferral);
            var referral = new EngagementHub.Core.Deadlines.ResponseDeadline(rule, "Closure of the walk-in centre", null, _linkId, committeeId, null,
                "user-lena", "Lena Khan", null, calendar.DueDate(new DateOnly(2026, 10, 1), rule.WorkingDays), _database.Clock.GetUtcNow());
            db.Deadlines.Add(referral);
            Assert.True(referral.Acknowledge("Sam Patel", _database.Clock.GetUtcNow(), new DateOnly(2026, 10, 2), calendar).Succeeded);
            await db.SaveChangesAsync();
            referralId = referral.Id;
        }

        await using var services = CoreServices.Build(_database);
        var directory = services.GetRequiredService<OrganisationDirectory>();
        var input = await FormForAsync(committeeId);
        input.Kind = OrganisationKind.Provider;

        var refused = await directory.UpdateAsync(Admin, committeeId, input);

        Assert.Equal("It cannot become a provider yet: it still owes the follow-up answer to a referral it acknowledged, which a provider may not hold: "
            + "\u201CClosure of the walk-in centre\u201D. Record the follow-up answer on the deadline's page when it comes; until then, keep its kind.",
            Assert.Single(refused.ErrorsFor(nameof(OrganisationInput.Kind))));
        Assert.Equal(OrganisationKind.Scrutiny, (await _directory.GetAsync(committeeId))!.Kind);

        // Answered, it is history: the kind may change.
        await using (var db = _database.CreateContext())
        {
            var referral = await db.Deadlines.SingleAsync(d => d.Id == referralId);
            Assert.True(referral.RecordAnswer("The committee will review the closure in January.", new DateOnly(2026, 10, 20), "Lena Khan",
                await EngagementHub.Core.Deadlines.BankHolidayCalendar.ReadAsync(db)).Succeeded);
            await db.SaveChangesAsync();
        }

        var again = await FormForAsync(committeeId);
        again.Kind = OrganisationKind.Provider;
        var saved = await directory.UpdateAsync(Admin, committeeId, again);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
    }

    // Escalating a deadline unanswered does not release the organisation from answering it (ADR 12): until the answer is
    // recorded, a commissioner that owes the answer to an escalated request stays one. Before, escalated deadlines were
    // history to the kind change, so it could become a scrutiny committee holding a request it cannot be sent.
    [Fact]
    public async Task UpdateAsync_CommissionerOwingTheAnswerToAnEscalatedRequest_RefusedUntilItIsAnswered()
    {
        int requestId;
        await using (var db = _database.CreateContext())
        {
            await EngagementHub.Core.Deadlines.DeadlineService.EnsureRulesAsync(db);
            var calendar = await EngagementHub.Core.Deadlines.BankHolidayCalendar.ReadAsync(db);
            var rule = await db.DeadlineRules.SingleAsync(r => r.Kind == EngagementHub.Core.Deadlines.DeadlineKind.InformationRequest);
            var request = new EngagementHub.Core.Deadlines.ResponseDeadline(rule, "Waiting times for wheelchair assessments", null, _linkId, _commissionerId, null,
                "user-lena", "Lena Khan", null, calendar.DueDate(new DateOnly(2026, 8, 3), rule.WorkingDays), _database.Clock.GetUtcNow());
            db.Deadlines.Add(request);
            Assert.True(request.MarkEscalated(UkTime.Today(_database.Clock)).Succeeded);
            await db.SaveChangesAsync();
            requestId = request.Id;
        }

        await using var services = CoreServices.Build(_database);
        var directory = services.GetRequiredService<OrganisationDirectory>();
        var input = await FormForAsync(_commissionerId);
        input.Kind = OrganisationKind.Scrutiny;

        var refused = await directory.UpdateAsync(Admin, _commissionerId, input);

        Assert.Equal("It cannot become a scrutiny committee yet: it still owes the answer to a deadline escalated to the scrutiny committee, which a scrutiny "
            + "committee cannot be sent: \u201CWaiting times for wheelchair assessments\u201D (request for information). Record the answer on the deadline's page "
            + "when it comes; until then, keep its kind.",
            Assert.Single(refused.ErrorsFor(nameof(OrganisationInput.Kind))));

        // Answered, it is history: the kind may change.
        await using (var db = _database.CreateContext())
        {
            var request = await db.Deadlines.SingleAsync(d => d.Id == requestId);
            Assert.True(request.RecordAnswer("The figures are attached.", UkTime.Today(_database.Clock), "Lena Khan",
                await EngagementHub.Core.Deadlines.BankHolidayCalendar.ReadAsync(db)).Succeeded);
            await db.SaveChangesAsync();
        }

        var again = await FormForAsync(_commissionerId);
        again.Kind = OrganisationKind.Scrutiny;
        var saved = await directory.UpdateAsync(Admin, _commissionerId, again);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
    }

    /// <summary>A request for information from the LINk to NHS South Birmingham, received Thu 1 Oct 2026 and open.</summary>
    private async Task SeedDeadlineAsync(string subject)
    {
        await using var db = _database.CreateContext();
        await EngagementHub.Core.Deadlines.DeadlineService.EnsureRulesAsync(db);
        var calendar = await EngagementHub.Core.Deadlines.BankHolidayCalendar.ReadAsync(db);
        var rule = await db.DeadlineRules.SingleAsync(r => r.Kind == EngagementHub.Core.Deadlines.DeadlineKind.InformationRequest);
        db.Deadlines.Add(new EngagementHub.Core.Deadlines.ResponseDeadline(rule, subject, null, _linkId, _commissionerId, null, "user-lena", "Lena Khan", null,
            calendar.DueDate(new DateOnly(2026, 10, 1), rule.WorkingDays), _database.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task UpdateAsync_EditorOfOwnOrganisationKeepingKind_Saves()
    {
        var input = await FormForAsync(_linkId);
        input.Website = "https://link.example.org";

        var outcome = await _directory.UpdateAsync(LinkEditor, _linkId, input);

        Assert.True(outcome.Succeeded, outcome.Problem);
        Assert.Equal("https://link.example.org", (await _directory.GetAsync(_linkId))!.Website);
    }

    [Fact]
    public async Task SetActiveAsync_Deactivate_EndsEverySessionOfItsPeopleAndNoOneElses()
    {
        await using (var db = _database.CreateContext())
        {
            db.Users.AddRange(Member("colin", _commissionerId), Member("omar", _commissionerId), Member("lena", _linkId));
            db.UserSessions.AddRange(Session("colin-laptop", "colin"), Session("colin-phone", "colin"), Session("omar-desk", "omar"), Session("lena-desk", "lena"));
            await db.SaveChangesAsync();
        }

        var outcome = await _directory.SetActiveAsync(Admin, _commissionerId, active: false, (await _directory.GetAsync(_commissionerId))!.Version);

        Assert.True(outcome.Succeeded, outcome.Problem);
        await using var after = _database.CreateContext();
        Assert.Equal(["lena-desk"], await after.UserSessions.Select(s => s.Id).ToListAsync());
    }

    // ADR 4 and 18: a link e-mailed before the deactivation (an invitation, a password reset) holds its person's stamp.
    // Every stamp of its people is renewed in the deactivation's own save, with an entry in each person's history as
    // the rest of the deactivation is audited, and with the concurrency stamp Identity's saves check (SecurityStamps.Renew).
    [Fact]
    public async Task SetActiveAsync_Deactivate_RenewsEveryStampOfItsPeopleInItsSaveAndSaysSoInEachHistory()
    {
        await using (var db = _database.CreateContext())
        {
            var invited = Member("priya", _commissionerId);
            invited.PasswordHash = null;
            var colin = Member("colin", _commissionerId);
            colin.PasswordHash = "a hash";
            db.Users.AddRange(invited, colin, Member("lena", _linkId));
            await db.SaveChangesAsync();
        }

        var before = await StampsAsync();
        _database.Clock.Advance(TimeSpan.FromMinutes(7));

        var outcome = await _directory.SetActiveAsync(Admin, _commissionerId, active: false, (await _directory.GetAsync(_commissionerId))!.Version);

        Assert.True(outcome.Succeeded, outcome.Problem);
        var after = await StampsAsync();
        Assert.All(new[] { "priya", "colin" }, id =>
        {
            Assert.NotEqual(before[id].Security, after[id].Security);
            Assert.NotEqual(before[id].Concurrency, after[id].Concurrency);
        });
        Assert.Equal(before["lena"], after["lena"]);
        await using var check = _database.CreateContext();
        var history = await check.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(ApplicationUser)).ToListAsync();
        Assert.Equal(
            [("colin", OrganisationDirectory.LinksSpentEvent), ("priya", OrganisationDirectory.InvitationSpentEvent)],
            history.Where(a => a.Changes.Any(c => c.Property == "Account")).Select(a => (a.EntityId, a.Changes.Single().After!)).OrderBy(e => e.EntityId));
        Assert.All(history.Where(a => a.Changes.Any(c => c.Property == "Account")), a =>
            Assert.Equal((Admin.UserId, Admin.DisplayName, _database.Clock.GetUtcNow()), (a.UserId, a.UserName, a.At)));
        Assert.DoesNotContain(history, a => a.Changes.Any(c => c.Property is "SecurityStamp" or "ConcurrencyStamp"));
    }

    // One transaction: a person's row saved by someone else between the deactivation's read and its save (its
    // concurrency stamp changed) leaves the organisation active and every stamp as it was, with nothing in the history.
    [Fact]
    public async Task SetActiveAsync_Deactivate_APersonSavedByAnotherMeanwhile_SavesNothingAndSaysTryAgain()
    {
        await using (var db = _database.CreateContext())
        {
            db.Users.AddRange(Member("colin", _commissionerId), Member("omar", _commissionerId));
            await db.SaveChangesAsync();
        }

        var pause = new QueryPause(c => c.CommandText.Contains("AspNetUsers", StringComparison.Ordinal)
                                        && c.CommandText.Contains("\"OrganisationId\" =", StringComparison.Ordinal));
        var directory = new OrganisationDirectory(pause.Factory(_database), new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);
        var version = (await _directory.GetAsync(_commissionerId))!.Version;
        var deactivating = directory.SetActiveAsync(Admin, _commissionerId, active: false, version);
        await pause.Arrived;
        await using (var db = _database.CreateContext())
        {
            // What Identity's save of the account does (a sign-in's count of failed attempts, say).
            var omar = await db.Users.SingleAsync(u => u.Id == "omar");
            omar.AccessFailedCount = 1;
            omar.ConcurrencyStamp = Guid.NewGuid().ToString();
            await db.SaveChangesAsync();
        }

        var before = await StampsAsync();
        pause.Release();
        var outcome = await deactivating;

        Assert.StartsWith("Something this change to the organisation also updates was saved by someone else at the same moment", outcome.Problem);
        Assert.True((await _directory.GetAsync(_commissionerId))!.IsActive);
        Assert.Equal(before, await StampsAsync());
        await using var check = _database.CreateContext();
        Assert.False(await check.AuditEntries.AnyAsync(a => a.UserId == Admin.UserId));
    }

    // One transaction: the database failing at the last write of the deactivation (the history of it) keeps nothing of it.
    [Fact]
    public async Task SetActiveAsync_Deactivate_DatabaseFailsAtItsHistory_KeepsNeitherTheDeactivationNorTheNewStamps()
    {
        await using (var db = _database.CreateContext())
        {
            db.Users.AddRange(Member("colin", _commissionerId), Member("omar", _commissionerId));
            db.UserSessions.Add(Session("colin-laptop", "colin"));
            await db.SaveChangesAsync();
        }

        var fault = new DatabaseFault();
        var directory = new OrganisationDirectory(
            new FaultyFactory(new DbContextOptionsBuilder<EngagementHubDbContext>(_database.Options).AddInterceptors(fault).Options),
            new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()), _database.Clock);
        var before = await StampsAsync();

        using (fault.RefuseWrites(c => c.CommandText.Contains("AuditLog", StringComparison.Ordinal)))
        {
            var version = (await _directory.GetAsync(_commissionerId))!.Version;
            await Assert.ThrowsAnyAsync<Exception>(() => directory.SetActiveAsync(Admin, _commissionerId, active: false, version));
        }

        Assert.True((await _directory.GetAsync(_commissionerId))!.IsActive);
        Assert.Equal(before, await StampsAsync());
        await using var check = _database.CreateContext();
        Assert.Equal(1, await check.UserSessions.CountAsync());
        Assert.True((await directory.SetActiveAsync(Admin, _commissionerId, active: false, (await _directory.GetAsync(_commissionerId))!.Version)).Succeeded);
        Assert.NotEqual(before["colin"], (await StampsAsync())["colin"]);
    }

    [Fact]
    public async Task SetActiveAsync_AdministratorDeactivatesTheirOwnOrganisation_RefusedAndItStaysActive()
    {
        var linkAdmin = new Actor("admin-2", "Larry Admin", _linkId, "Birmingham LINk", UserRole.Admin);

        var outcome = await _directory.SetActiveAsync(linkAdmin, _linkId, active: false, (await _directory.GetAsync(_linkId))!.Version);

        Assert.False(outcome.Succeeded);
        Assert.Contains("your own organisation", outcome.Problem);
        Assert.True((await _directory.GetAsync(_linkId))!.IsActive);
    }

    private ApplicationUser Member(string name, int organisationId) => new()
    {
        Id = name, UserName = $"{name}@example.org", Email = $"{name}@example.org", DisplayName = name, OrganisationId = organisationId,
        Role = UserRole.Editor, CreatedAt = _database.Clock.GetUtcNow(),
    };

    private async Task<Dictionary<string, (string? Security, string? Concurrency)>> StampsAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => (u.SecurityStamp, u.ConcurrencyStamp));
    }

    private sealed class FaultyFactory(DbContextOptions<EngagementHubDbContext> options) : IDbContextFactory<EngagementHubDbContext>
    {
        public EngagementHubDbContext CreateDbContext() => new(options);
    }

    private UserSession Session(string id, string userId) => new(id, userId, [1, 2, 3], _database.Clock.GetUtcNow(), null);

    private async Task<OrganisationInput> FormForAsync(int id) => OrganisationInput.From((await _directory.GetAsync(id))!);

    private async Task<List<AuditEntry>> AuditOfAsync(string entityType, int id)
    {
        await using var db = _database.CreateContext();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEntries.Where(a => a.EntityType == entityType && a.EntityId == key).OrderBy(a => a.Id).ToListAsync();
    }
}
