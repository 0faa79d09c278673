using EngagementHub.Core.Notifications;
using EngagementHub.Core;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Communities;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementHub.Tests.Data.Exercises;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class ExerciseServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : ExerciseServiceTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : ExerciseServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _database = default!;
    private ExerciseService _service = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private Organisation _east = default!;
    private Organisation _northfield = default!;
    private int _carers;

    /// <summary>The standard communities, the LINk, two commissioners and a locality every test starts from.</summary>
    private static async Task SeedAsync(TestDatabase template)
    {
        await using var db = template.CreateContext();
        await StandardCommunities.EnsureAsync(db);
        db.Organisations.AddRange(new Organisation("Birmingham LINk", OrganisationKind.Link),
            new Organisation("NHS South Birmingham", OrganisationKind.Commissioner),
            new Organisation("NHS Birmingham East and North", OrganisationKind.Commissioner),
            new Organisation("Northfield constituency", OrganisationKind.Locality));
        await db.SaveChangesAsync();
    }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSeededAsync(provider, nameof(ExerciseServiceTests), SeedAsync);
        await using var db = _database.CreateContext();
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Name);
        (_link, _south, _east, _northfield) = (organisations["Birmingham LINk"], organisations["NHS South Birmingham"],
            organisations["NHS Birmingham East and North"], organisations["Northfield constituency"]);
        _carers = await db.Communities.Where(c => c.Name == "Carers").Select(c => c.Id).SingleAsync();

        _service = new ExerciseService(_database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance),
            _database.Clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Actor Editor(Organisation organisation, string name = "Editor") =>
        new($"user-{organisation.Id}-{name}", name, organisation.Id, organisation.Name, UserRole.Editor);

    private ExerciseInput Details(Organisation lead, string title = "Maternity choices") => new()
    {
        Title = title,
        Purpose = "Ask families about place of birth.",
        LeadCommissionerId = lead.Id,
        DecisionInformed = "Maternity strategy",
        DecisionDate = new DateOnly(2027, 2, 11),
        StartDate = new DateOnly(2026, 9, 1),
        EndDate = new DateOnly(2026, 12, 18),
        CommunityIds = [_carers],
    };

    [Fact]
    public async Task CreateAsync_CommissionerEditor_CreatesAProposedExerciseWithTheLink()
    {
        var outcome = await _service.CreateAsync(Editor(_south), Details(_south));

        Assert.True(outcome.Succeeded);
        var exercise = (await _service.GetAsync(outcome.Value))?.Exercise;
        Assert.Equal(ExerciseState.Proposed, exercise!.State);
        Assert.Equal(_link.Id, exercise.LinkOrganisationId);
        Assert.Equal(_south.Id, exercise.ProposedByOrganisationId);
        Assert.Equal([_carers], exercise.CommunityIds);
    }

    [Fact]
    public async Task GetAsync_AnExerciseWithPartnersLocalitiesAndCommunities_NamesEachOfThem()
    {
        var input = Details(_south);
        input.PartnerIds = [_east.Id];
        input.Scope = ExerciseScope.Localities;
        input.LocalityIds = [_northfield.Id];
        var id = (await _service.CreateAsync(Editor(_south), input)).Value;

        var details = (await _service.GetAsync(id))!;

        Assert.Equal(id, details.Exercise.Id);
        Assert.Equal((_south.Name, _link.Name, _south.Name), (details.LeadCommissionerName, details.LinkName, details.ProposedByName));
        Assert.Equal([_east.Name], details.PartnerNames);
        Assert.Equal([_northfield.Name], details.LocalityNames);
        Assert.Equal(["Carers"], details.CommunityNames);
    }

    [Fact]
    public async Task CreateAsync_SameSubmissionKeyTwice_CreatesOneExerciseAndReturnsItsIdBothTimes()
    {
        var key = SubmissionKey.New();

        var first = await _service.CreateAsync(Editor(_south), Details(_south), key);
        var second = await _service.CreateAsync(Editor(_south), Details(_south), key);

        Assert.True(second.Succeeded);
        Assert.Equal(first.Value, second.Value);
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Exercises.CountAsync());
    }

    [Fact]
    public async Task CreateAsync_SameSubmissionKeyAtOnce_CreatesOneExercise()
    {
        var key = SubmissionKey.New();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _service.CreateAsync(Editor(_south), Details(_south), key)));

        Assert.All(outcomes, o => Assert.Equal(outcomes[0].Value, o.Value));
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Exercises.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(EngagementExercise)));
    }

    [Fact]
    public async Task CreateAsync_DifferentSubmissionKeys_CreatesTwoExercises()
    {
        await _service.CreateAsync(Editor(_south), Details(_south), SubmissionKey.New());
        await _service.CreateAsync(Editor(_south), Details(_south), SubmissionKey.New());

        await using var db = _database.CreateContext();
        Assert.Equal(2, await db.Exercises.CountAsync());
    }

    [Fact]
    public async Task ProposeOptionAsync_SameSubmissionKeyTwice_RecordsOneProposal()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        var seen = ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal);
        var key = SubmissionKey.New();

        var first = await _service.ProposeOptionAsync(Editor(_south), id, 2, "Reach.", [], seen, key);
        var second = await _service.ProposeOptionAsync(Editor(_south), id, 2, "Reach.", [], seen, key);

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Single((await _service.GetAsync(id))!.Exercise.Proposals);
    }

    [Fact]
    public async Task CreateAsync_CommissionerLeadingForAnother_IsInvalid()
    {
        var outcome = await _service.CreateAsync(Editor(_south), Details(_east));

        Assert.Contains(outcome.Errors, e => e.Field == nameof(ExerciseInput.LeadCommissionerId));
    }

    [Fact]
    public async Task CreateAsync_EndBeforeStartAndNoLead_GivesFieldMessages()
    {
        var details = Details(_south);
        details.LeadCommissionerId = null;
        details.EndDate = new DateOnly(2026, 8, 1);

        var outcome = await _service.CreateAsync(Editor(_link), details);

        Assert.Contains("The end date is before the start date.", outcome.ErrorsFor(nameof(ExerciseInput.EndDate)));
        Assert.Contains("Choose the commissioner that leads this exercise.", outcome.ErrorsFor(nameof(ExerciseInput.LeadCommissionerId)));
    }

    [Fact]
    public async Task CreateAsync_Viewer_IsRefused()
    {
        var viewer = Editor(_south) with { Role = UserRole.Viewer };

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.CreateAsync(viewer, Details(_south)));
    }

    [Fact]
    public async Task ProposeAndAgree_CommissionerProposesLinkAgrees_RecordsBothSidesAndAllowsAgreedState()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        var exercise = (await _service.GetAsync(id))?.Exercise;

        var proposed = await _service.ProposeOptionAsync(Editor(_south, "Colin Marsh"), id, 2, "We need the LINk's reach into Somali families.", [], ProposalSeen.Of(exercise!.CurrentProposal));
        Assert.True(proposed.Succeeded);
        var proposal = (await _service.GetAsync(id))!.Exercise.CurrentProposal!;
        Assert.Equal(AgreementSide.Commissioner, proposal.ProposedBySide);
        Assert.Equal("Colin Marsh", proposal.CommissionerAgreedBy);

        _database.Clock.Advance(TimeSpan.FromDays(2));
        var agreed = await _service.AgreeAsync(Editor(_link, "Lena Khan"), id, proposal.Id);

        Assert.True(agreed.Succeeded);
        var after = (await _service.GetAsync(id))!.Exercise;
        Assert.Equal(AgreementStatus.Agreed, after.AgreementStatus);
        Assert.Equal(2, after.CurrentOption);
        Assert.Equal("Lena Khan", after.CurrentProposal!.LinkAgreedBy);
        Assert.Equal(_database.Clock.GetUtcNow(), after.CurrentProposal.LinkAgreedAt);
        // Agreeing the option is what makes the exercise agreed: no separate step.
        Assert.Equal(ExerciseState.Agreed, after.State);
    }

    [Fact]
    public async Task AgreeAsync_TheProposingSide_CannotAgreeItsOwnProposal()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        await _service.ProposeOptionAsync(Editor(_south), id, 4, "Quality assurance suits this.", [], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal));
        var proposal = (await _service.GetAsync(id))!.Exercise.CurrentProposal!;

        var outcome = await _service.AgreeAsync(Editor(_south), id, proposal.Id);

        Assert.Equal("The commissioner proposed this option; the LINk agrees it.", outcome.Problem);
    }

    [Fact]
    public async Task AgreeAsync_AnotherCommissioner_IsRefused()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        await _service.ProposeOptionAsync(Editor(_south), id, 4, "Quality assurance suits this.", [], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal));
        var proposal = (await _service.GetAsync(id))!.Exercise.CurrentProposal!;

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.AgreeAsync(Editor(_east), id, proposal.Id));
        Assert.Equal(AgreementStatus.AwaitingAgreement, (await _service.GetAsync(id))!.Exercise.AgreementStatus);
    }

    [Fact]
    public async Task ProposeOptionAsync_AfterAgreement_ReopensAgreementAndKeepsHistory()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        await _service.ProposeOptionAsync(Editor(_south), id, 2, "Reach.", [], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal));
        await _service.AgreeAsync(Editor(_link), id, (await _service.GetAsync(id))!.Exercise.CurrentProposal!.Id);

        var outcome = await _service.ProposeOptionAsync(Editor(_link), id, 4, "We can only quality-assure this year.",
            [new OptionPart("Young carers", 2, "Our youth panel can reach them")], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal));

        Assert.True(outcome.Succeeded);
        var exercise = (await _service.GetAsync(id))!.Exercise;
        Assert.Equal(AgreementStatus.AwaitingAgreement, exercise.AgreementStatus);
        Assert.Equal(4, exercise.CurrentOption);
        Assert.Equal(2, exercise.Proposals.Count);
        Assert.Contains(exercise.Proposals, p => p.Status == ProposalStatus.Superseded && p.PrimaryOption == 2);
        Assert.Equal("Young carers", exercise.CurrentProposal!.Parts.Single().Part);
    }

    [Fact]
    public async Task ProposeOptionAsync_FortyThousandCharacterPartAndPartReasons_IsRefusedAtThePartsAndSavesNothing()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        var version = (await _service.GetAsync(id))!.Exercise.Version;
        var paste = new string('x', 40_000);

        var outcome = await _service.ProposeOptionAsync(Editor(_south), id, 4, "Quality assurance.",
            [new OptionPart("Young carers", 2, null), new OptionPart(paste, 2, paste)], ProposalSeen.Of(null));

        Assert.False(outcome.Succeeded);
        Assert.Equal(["Part 2 can be at most 200 characters.", "The reasons for part 2 can be at most 1,000 characters."], outcome.ErrorsFor("Parts"));
        var exercise = (await _service.GetAsync(id))!.Exercise;
        Assert.Empty(exercise.Proposals);
        Assert.Equal(AgreementStatus.NoneProposed, exercise.AgreementStatus);
        Assert.Equal(version, exercise.Version);
    }

    [Fact]
    public async Task ProposeOptionAsync_PartAndReasonsAtTheirLimits_AreKeptWhole()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        var part = new string('p', EngagementExercise.PartLimit);
        var reasons = new string('r', EngagementExercise.PartReasonsLimit);

        var outcome = await _service.ProposeOptionAsync(Editor(_south), id, 4, "Quality assurance.",
            [new OptionPart($"  {part}  ", 2, reasons)], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal));

        Assert.True(outcome.Succeeded);
        var stored = (await _service.GetAsync(id))!.Exercise.CurrentProposal!.Parts.Single();
        Assert.Equal((part, reasons), (stored.Part, stored.Reasons));
    }

    [Fact]
    public async Task RequestChangeAsync_WithoutComment_AsksForOne()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        await _service.ProposeOptionAsync(Editor(_south), id, 1, "Delegate it.", [], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal));
        var proposal = (await _service.GetAsync(id))!.Exercise.CurrentProposal!;

        var empty = await _service.RequestChangeAsync(Editor(_link), id, proposal.Id, "  ");
        var real = await _service.RequestChangeAsync(Editor(_link), id, proposal.Id, "We lack the capacity for sole responsibility.");

        Assert.Contains("Say what you would change and why.", empty.ErrorsFor("Comment"));
        Assert.True(real.Succeeded);
        Assert.Equal(AgreementStatus.ChangeRequested, (await _service.GetAsync(id))!.Exercise.AgreementStatus);
    }

    [Fact]
    public async Task AgreeAsync_AnotherOptionProposedAfterThePageWasRead_RefusedNamingWhoProposedWhatAndNothingAgreed()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        await _service.ProposeOptionAsync(Editor(_south, "Colin Marsh"), id, 2, "Reach into Somali families.", [], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal));
        // The LINk's page shows option 2; meanwhile the commissioner proposes option 4 in its place.
        var shown = (await _service.GetAsync(id))!.Exercise.CurrentProposal!;
        _database.Clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await _service.ProposeOptionAsync(Editor(_south, "Colin Marsh"), id, 4, "Quality assurance suits this.", [],
            ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal))).Succeeded);

        var outcome = await _service.AgreeAsync(Editor(_link, "Lena Khan"), id, shown.Id);

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("Colin Marsh (NHS South Birmingham) proposed Option 4 (", outcome.Problem);
        Assert.Contains("in place of option 2", outcome.Problem, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved. Read the new proposal, then agree it or ask for a change.", outcome.Problem, StringComparison.Ordinal);
        var exercise = (await _service.GetAsync(id))!.Exercise;
        Assert.Equal(AgreementStatus.AwaitingAgreement, exercise.AgreementStatus);
        Assert.Equal(ExerciseState.Proposed, exercise.State);
        Assert.All(exercise.Proposals, p => Assert.Null(p.LinkAgreedAt));
    }

    [Fact]
    public async Task RequestChangeAsync_SameOptionProposedAgainWithOtherReasonsAfterThePageWasRead_RefusedAndNothingAsked()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        await _service.ProposeOptionAsync(Editor(_south, "Colin Marsh"), id, 2, "Reach into Somali families.", [], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal));
        var shown = (await _service.GetAsync(id))!.Exercise.CurrentProposal!;
        _database.Clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await _service.ProposeOptionAsync(Editor(_south, "Janet Rowe"), id, 2, "Reach into Somali and Yemeni families.", [],
            ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal))).Succeeded);

        var outcome = await _service.RequestChangeAsync(Editor(_link, "Lena Khan"), id, shown.Id, "We cannot reach them this winter.");

        Assert.StartsWith("Janet Rowe (NHS South Birmingham) proposed Option 2 (", outcome.Problem);
        Assert.Contains("again, with different reasons", outcome.Problem, StringComparison.Ordinal);
        var exercise = (await _service.GetAsync(id))!.Exercise;
        Assert.Equal(AgreementStatus.AwaitingAgreement, exercise.AgreementStatus);
        Assert.All(exercise.Proposals, p => Assert.Null(p.ChangeRequestComment));
    }

    [Fact]
    public async Task AgreeAsync_AColleagueAnsweredAfterThePageWasRead_RefusedNamingWhoAndWhen()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        await _service.ProposeOptionAsync(Editor(_south, "Colin Marsh"), id, 2, "Reach.", [], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal));
        var shown = (await _service.GetAsync(id))!.Exercise.CurrentProposal!;
        Assert.True((await _service.RequestChangeAsync(Editor(_link, "Sam Okafor"), id, shown.Id, "Too much for us.")).Succeeded);

        var outcome = await _service.AgreeAsync(Editor(_link, "Lena Khan"), id, shown.Id);

        Assert.StartsWith("Sam Okafor asked for a change to this proposal on ", outcome.Problem);
        Assert.Contains("Too much for us.", outcome.Problem, StringComparison.Ordinal);
        Assert.Equal(AgreementStatus.ChangeRequested, (await _service.GetAsync(id))!.Exercise.AgreementStatus);
    }

    // The LINk's editor opened the exercise, with the commissioner's proposal of option 2 on it; the commissioner then
    // renamed the exercise. A counter-proposal begun on the page before is decided against the proposal shown, which
    // still stands, so it is recorded. Before, it was decided against the exercise's version, which the rename moved.
    [Fact]
    public async Task ProposeOptionAsync_TheExercisesDetailsEditedAfterThePageWasRead_StillRecordsTheProposal()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        await _service.ProposeOptionAsync(Editor(_south), id, 2, "Reach.", [], ProposalSeen.Of(null));
        var shown = (await _service.GetAsync(id))!.Exercise;
        var edit = Details(_south, "Maternity choices 2027");
        edit.Version = shown.Version;
        Assert.True((await _service.UpdateAsync(Editor(_south), id, edit)).Succeeded);

        var outcome = await _service.ProposeOptionAsync(Editor(_link, "Lena Khan"), id, 6, "A parallel exercise keeps us independent.", [],
            ProposalSeen.Of(shown.CurrentProposal));

        Assert.True(outcome.Succeeded, outcome.Problem);
        Assert.Equal(6, (await _service.GetAsync(id))!.Exercise.CurrentOption);
    }

    // The page showed option 2 awaiting the LINk; the LINk's other editor agreed it before this one's counter-proposal
    // was sent: the counter-proposal would replace an agreed option unseen, so it is refused, naming who agreed and when.
    [Fact]
    public async Task ProposeOptionAsync_TheProposalShownAgreedSince_RefusedNamingWhoAgreedIt()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        await _service.ProposeOptionAsync(Editor(_south), id, 2, "Reach.", [], ProposalSeen.Of(null));
        var shown = (await _service.GetAsync(id))!.Exercise.CurrentProposal;
        Assert.True((await _service.AgreeAsync(Editor(_link, "Martin Hughes"), id, shown!.Id)).Succeeded);

        var outcome = await _service.ProposeOptionAsync(Editor(_link, "Lena Khan"), id, 6, "A parallel exercise keeps us independent.", [], ProposalSeen.Of(shown));

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("Martin Hughes agreed this proposal for the LINk on ", outcome.Problem);
        Assert.EndsWith("Nothing was saved; your proposal is kept in the form. Read theirs, then propose yours again if you still want it.", outcome.Problem);
        Assert.Equal(2, (await _service.GetAsync(id))!.Exercise.CurrentOption);
    }

    [Fact]
    public async Task AgreeAsync_TheExercisesDetailsEditedAfterThePageWasRead_StillAgreesTheProposalShown()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        await _service.ProposeOptionAsync(Editor(_south), id, 2, "Reach.", [], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal));
        var shown = (await _service.GetAsync(id))!.Exercise;
        var edit = Details(_south, "Maternity choices 2027");
        edit.Version = shown.Version;
        Assert.True((await _service.UpdateAsync(Editor(_south), id, edit)).Succeeded);

        // Decided against the proposal shown, not the exercise's version, which the edit moved.
        var outcome = await _service.AgreeAsync(Editor(_link, "Lena Khan"), id, shown.CurrentProposal!.Id);

        Assert.True(outcome.Succeeded, outcome.Problem);
        Assert.Equal(AgreementStatus.Agreed, (await _service.GetAsync(id))!.Exercise.AgreementStatus);
    }

    [Fact]
    public async Task UpdateAsync_SecondEditorWithStaleVersion_IsToldWhoSavedFirst()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        var version = (await _service.GetAsync(id))!.Exercise.Version;
        var first = Details(_south, "Maternity choices 2027");
        first.Version = version;
        var second = Details(_south, "Maternity and neonatal choices");
        second.Version = version;

        Assert.True((await _service.UpdateAsync(Editor(_south, "Colin Marsh"), id, first)).Succeeded);
        var outcome = await _service.UpdateAsync(Editor(_south, "Janet Rowe"), id, second);

        Assert.StartsWith("Colin Marsh saved this exercise on", outcome.Problem);
        Assert.Contains("Title", outcome.Problem);
        Assert.Equal("Maternity choices 2027", (await _service.GetAsync(id))!.Exercise.Title);
    }

    [Fact]
    public async Task UpdateAsync_LinkOnACommissionersExercise_IsRefused()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        var details = Details(_south, "Changed by the LINk");
        details.Version = (await _service.GetAsync(id))!.Exercise.Version;

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.UpdateAsync(Editor(_link), id, details));
    }

    [Fact]
    public async Task MoveToAsync_IllegalMove_IsRefusedWithAMessage()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;

        var toRunning = await _service.MoveToAsync(Editor(_south), id, ExerciseState.Running, (await _service.GetAsync(id))!.Exercise.Version);
        var toAgreed = await _service.MoveToAsync(Editor(_south), id, ExerciseState.Agreed, (await _service.GetAsync(id))!.Exercise.Version);

        Assert.Equal("A proposed exercise can only become cancelled.", toRunning.Problem);
        Assert.Equal("An exercise becomes agreed when both sides agree its joint-working option.", toAgreed.Problem);
    }

    [Fact]
    public async Task SearchAsync_Filters_AreAppliedInTheDatabase()
    {
        var a = (await _service.CreateAsync(Editor(_south), Details(_south, "South maternity"))).Value;
        var eastDetails = Details(_east, "East dentistry");
        eastDetails.CommunityIds = [];
        eastDetails.StartDate = new DateOnly(2027, 5, 1);
        eastDetails.EndDate = new DateOnly(2027, 6, 1);
        eastDetails.DecisionDate = null;
        eastDetails.Scope = ExerciseScope.Localities;
        eastDetails.LocalityIds = [_northfield.Id];
        var b = (await _service.CreateAsync(Editor(_east), eastDetails)).Value;
        await _service.ProposeOptionAsync(Editor(_south), a, 2, "Reach.", [], ProposalSeen.Of((await _service.GetAsync(a))!.Exercise.CurrentProposal));

        Assert.Equal([a], (await _service.SearchAsync(new ExerciseFilter { Option = 2 }, 0, 25)).Rows.Select(r => r.Id));
        Assert.Equal([b], (await _service.SearchAsync(new ExerciseFilter { CommissionerId = _east.Id }, 0, 25)).Rows.Select(r => r.Id));
        Assert.Equal([a], (await _service.SearchAsync(new ExerciseFilter { CommunityId = _carers }, 0, 25)).Rows.Select(r => r.Id));
        Assert.Equal([a], (await _service.SearchAsync(new ExerciseFilter { Year = new FinancialYear(2026) }, 0, 25)).Rows.Select(r => r.Id));
        Assert.Equal([b], (await _service.SearchAsync(new ExerciseFilter { Scope = ExerciseScope.Localities }, 0, 25)).Rows.Select(r => r.Id));
        Assert.Equal([b], (await _service.SearchAsync(new ExerciseFilter { Search = "dentist" }, 0, 25)).Rows.Select(r => r.Id));
        Assert.Equal([b], (await _service.SearchAsync(new ExerciseFilter { Search = "DENTIST" }, 0, 25)).Rows.Select(r => r.Id));
        // The export takes the same filters, unpaged, newest start first.
        Assert.Equal([a], (await _service.ExportAsync(new ExerciseFilter { Option = 2 })).Select(r => r.Id));
        Assert.Equal([b, a], (await _service.ExportAsync(new ExerciseFilter())).Select(r => r.Id));
        var all = await _service.SearchAsync(new ExerciseFilter(), 0, 1);
        Assert.Equal(2, all.TotalCount);
        Assert.Single(all.Rows);
        Assert.Equal("NHS Birmingham East and North", all.Rows[0].LeadCommissioner);
    }

    [Fact]
    public async Task SearchAsync_InvolvingAnOrganisation_ListsWhatItLeadsRunsAsTheLinkOrPartners()
    {
        var southDetails = Details(_south, "South maternity");
        southDetails.PartnerIds = [_east.Id];
        var shared = (await _service.CreateAsync(Editor(_south), southDetails)).Value;
        var southOnly = (await _service.CreateAsync(Editor(_south), Details(_south, "South podiatry"))).Value;
        var eastOwn = (await _service.CreateAsync(Editor(_east), Details(_east, "East dentistry"))).Value;

        Ids(await _service.SearchAsync(new ExerciseFilter { InvolvingOrganisationId = _east.Id }, 0, 25), [shared, eastOwn]);
        Ids(await _service.SearchAsync(new ExerciseFilter { InvolvingOrganisationId = _south.Id }, 0, 25), [shared, southOnly]);
        Ids(await _service.SearchAsync(new ExerciseFilter { InvolvingOrganisationId = _link.Id }, 0, 25), [shared, southOnly, eastOwn]);
        Assert.Empty((await _service.SearchAsync(new ExerciseFilter { InvolvingOrganisationId = _northfield.Id }, 0, 25)).Rows);

        static void Ids(ExercisePage page, int[] expected) => Assert.Equal(expected.Order(), page.Rows.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task SpectrumAsync_CountsExercisesPerOptionPerCommissioner()
    {
        foreach (var (title, option) in new[] { ("One", 2), ("Two", 2), ("Three", 5) })
        {
            var id = (await _service.CreateAsync(Editor(_south), Details(_south, title))).Value;
            await _service.ProposeOptionAsync(Editor(_south), id, option, "Because.", [], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal));
        }

        var counts = await _service.SpectrumAsync(new ExerciseFilter());

        Assert.Equal(2, counts.Single(c => c.Option == 2).Count);
        Assert.Equal(1, counts.Single(c => c.Option == 5).Count);
        Assert.All(counts, c => Assert.Equal(_south.Id, c.CommissionerId));
    }

    [Fact]
    public async Task ProposeOptionAsync_IsAudited_WithTheProposer()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        await _service.ProposeOptionAsync(Editor(_south, "Colin Marsh"), id, 3, "Members' views.", [], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal));

        var entries = await new AuditHistory(_database.Factory).ForAsync(nameof(EngagementExercise), id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Contains(entries, e => e.UserName == "Colin Marsh" && e.Changes.Any(c => c.Property == "CurrentOption" && c.After == "3"));
    }

    private async Task SeedPeopleAsync()
    {
        await using var db = _database.CreateContext();
        db.Users.AddRange(
            new ApplicationUser { Id = "south-editor", UserName = "se", DisplayName = "Colin", OrganisationId = _south.Id, Role = UserRole.Editor },
            new ApplicationUser { Id = "south-viewer", UserName = "sv", DisplayName = "Vera", OrganisationId = _south.Id, Role = UserRole.Viewer },
            new ApplicationUser { Id = "east-admin", UserName = "ea", DisplayName = "Ed", OrganisationId = _east.Id, Role = UserRole.Admin },
            new ApplicationUser { Id = "east-gone", UserName = "eg", DisplayName = "Gus", OrganisationId = _east.Id, Role = UserRole.Editor, IsDisabled = true },
            new ApplicationUser { Id = "link-editor", UserName = "le", DisplayName = "Lena", OrganisationId = _link.Id, Role = UserRole.Editor });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task UpdateAsync_LinkMovesAnAgreedExercise_ReopensAgreementAndTellsBothCommissioners()
    {
        await SeedPeopleAsync();
        var id = (await _service.CreateAsync(Editor(_link, "Lena"), Details(_south))).Value;
        await _service.ProposeOptionAsync(Editor(_link, "Lena"), id, 6, "A parallel exercise keeps us independent.", [], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal));
        Assert.True((await _service.AgreeAsync(Editor(_south, "Colin"), id, (await _service.GetAsync(id))!.Exercise.CurrentProposal!.Id)).Succeeded);
        Assert.Equal(ExerciseState.Agreed, (await _service.GetAsync(id))!.Exercise.State);
        var details = Details(_east);
        details.Version = (await _service.GetAsync(id))!.Exercise.Version;

        var outcome = await _service.UpdateAsync(Editor(_link, "Lena"), id, details);

        Assert.True(outcome.Succeeded);
        var after = (await _service.GetAsync(id))!.Exercise;
        Assert.Equal(_east.Id, after.LeadCommissionerId);
        Assert.Equal((ExerciseState.Proposed, AgreementStatus.AwaitingAgreement), (after.State, after.AgreementStatus));
        // Colin agreed for South; nobody has agreed for East.
        Assert.Null(after.CurrentProposal!.CommissionerAgreedBy);
        Assert.Contains(after.Proposals, p => p.Status == ProposalStatus.Superseded && p.CommissionerAgreedBy == "Colin");
        await using var db = _database.CreateContext();
        var notices = await db.Notifications.AsNoTracking().Where(n => n.Event == WorkflowEvents.ExerciseLeadChanged).OrderBy(n => n.UserId).ToListAsync();
        Assert.Equal(["east-admin", "south-editor"], notices.Select(n => n.UserId));
        // East is asked to agree; South, which no longer leads it, only told.
        Assert.Equal([true, false], notices.Select(n => n.NeedsAction));
        Assert.All(notices, n =>
        {
            Assert.Equal("Exercise moved to NHS Birmingham East and North: Maternity choices", n.Title);
            Assert.Contains("from NHS South Birmingham to NHS Birmingham East and North", n.Body);
            Assert.Contains("now awaits NHS Birmingham East and North's agreement", n.Body);
            Assert.Equal(PageLink.Exercise(id).Stored, n.Link);
        });
        // The new commissioner can now agree; the old one no longer speaks for the exercise.
        Assert.True((await _service.AgreeAsync(Editor(_east, "Ed"), id, after.CurrentProposal.Id)).Succeeded);
        Assert.Equal(ExerciseState.Agreed, (await _service.GetAsync(id))!.Exercise.State);
    }

    [Fact]
    public async Task UpdateAsync_LinkMovesAnExerciseWithoutAnOption_TellsBothCommissionersOnly()
    {
        await SeedPeopleAsync();
        var id = (await _service.CreateAsync(Editor(_link, "Lena"), Details(_south))).Value;
        var details = Details(_east);
        details.Version = (await _service.GetAsync(id))!.Exercise.Version;

        Assert.True((await _service.UpdateAsync(Editor(_link, "Lena"), id, details)).Succeeded);

        var after = (await _service.GetAsync(id))!.Exercise;
        Assert.Equal((ExerciseState.Proposed, AgreementStatus.NoneProposed), (after.State, after.AgreementStatus));
        await using var db = _database.CreateContext();
        var notices = await db.Notifications.AsNoTracking().Where(n => n.Event == WorkflowEvents.ExerciseLeadChanged).ToListAsync();
        Assert.Equal(2, notices.Count);
        Assert.All(notices, n => Assert.DoesNotContain("no longer agreed", n.Body));
    }

    // South proposed option 1 and the LINk asked for a change; the LINk then moves the exercise to East. The LINk never
    // agreed option 1, so it is not proposed again in the LINk's name (East agreeing it would have made it "agreed by
    // both sides"): South's proposal no longer stands, and both commissioners are told so, neither asked to act.
    [Fact]
    public async Task UpdateAsync_LinkMovesAnExerciseWhoseCommissionersProposalItAskedToChange_WithdrawsTheProposalAndSaysSo()
    {
        await SeedPeopleAsync();
        var id = (await _service.CreateAsync(Editor(_link, "Lena"), Details(_south))).Value;
        Assert.True((await _service.ProposeOptionAsync(Editor(_south, "Colin"), id, 1, "The LINk runs it for us.", [], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal))).Succeeded);
        var proposal = (await _service.GetAsync(id))!.Exercise.CurrentProposal!.Id;
        Assert.True((await _service.RequestChangeAsync(Editor(_link, "Lena"), id, proposal, "We must stay independent: option 5.")).Succeeded);
        var details = Details(_east);
        details.Version = (await _service.GetAsync(id))!.Exercise.Version;

        Assert.True((await _service.UpdateAsync(Editor(_link, "Lena"), id, details)).Succeeded);

        var after = (await _service.GetAsync(id))!.Exercise;
        Assert.Equal((_east.Id, AgreementStatus.NoneProposed, (int?)null), (after.LeadCommissionerId, after.AgreementStatus, after.CurrentOption));
        Assert.Null(after.CurrentProposal);
        Assert.DoesNotContain(after.Proposals, p => p.LinkAgreedBy is not null);
        Assert.False((await _service.AgreeAsync(Editor(_east, "Ed"), id, proposal)).Succeeded);
        await using var db = _database.CreateContext();
        var notices = await db.Notifications.AsNoTracking().Where(n => n.Event == WorkflowEvents.ExerciseLeadChanged).ToListAsync();
        Assert.Equal(2, notices.Count);
        Assert.All(notices, n =>
        {
            Assert.False(n.NeedsAction);
            Assert.Contains("which the LINk had not agreed, no longer stands", n.Body);
            Assert.DoesNotContain("awaits", n.Body);
        });
    }

    // The LINk's own proposal, which South never agreed (still awaiting it, or a change asked): the LINk moves it to East,
    // which is asked to agree it. Nothing was agreed, so the notice must not say the option "is no longer agreed" or that
    // South agreed anything.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UpdateAsync_LinkMovesItsOwnProposalTheOldLeadNeverAgreed_TheNewLeadAskedAndNobodyToldItWasAgreed(bool changeAsked)
    {
        await SeedPeopleAsync();
        var lena = Editor(_link, "Lena");
        var id = (await _service.CreateAsync(lena, Details(_south))).Value;
        Assert.True((await _service.ProposeOptionAsync(lena, id, 5, "We comment from outside.", [], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal))).Succeeded);
        if (changeAsked)
        {
            Assert.True((await _service.RequestChangeAsync(Editor(_south, "Colin"), id, (await _service.GetAsync(id))!.Exercise.CurrentProposal!.Id, "We would rather option 2.")).Succeeded);
        }

        var details = Details(_east);
        details.Version = (await _service.GetAsync(id))!.Exercise.Version;

        Assert.True((await _service.UpdateAsync(lena, id, details)).Succeeded);

        var after = (await _service.GetAsync(id))!.Exercise;
        Assert.Equal((5, AgreementStatus.AwaitingAgreement, AgreementSide.Commissioner), (after.CurrentOption, after.AgreementStatus, after.CurrentProposal!.OtherSide));
        await using var db = _database.CreateContext();
        var notices = await db.Notifications.AsNoTracking().Where(n => n.Event == WorkflowEvents.ExerciseLeadChanged).OrderBy(n => n.UserId).ToListAsync();
        Assert.Equal([true, false], notices.Select(n => n.NeedsAction));
        Assert.All(notices, n =>
        {
            Assert.EndsWith("The LINk's proposal of option 5, which NHS South Birmingham had not agreed, now awaits NHS Birmingham East and North's agreement instead.", n.Body);
            Assert.DoesNotContain("no longer agreed", n.Body);
        });
    }

    // A closed exercise stays with the commissioner it was agreed and run with: its public page names its lead as the one
    // who agreed its option, which a new lead never saw.
    [Theory]
    [InlineData(ExerciseState.Closed)]
    [InlineData(ExerciseState.Cancelled)]
    public async Task UpdateAsync_LinkMovesAClosedOrCancelledExercise_RefusedAtTheLeadField(ExerciseState ended)
    {
        await SeedPeopleAsync();
        var lena = Editor(_link, "Lena");
        var id = (await _service.CreateAsync(lena, Details(_south))).Value;
        Assert.True((await _service.ProposeOptionAsync(lena, id, 6, "A parallel exercise keeps us independent.", [], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal))).Succeeded);
        Assert.True((await _service.AgreeAsync(Editor(_south, "Colin"), id, (await _service.GetAsync(id))!.Exercise.CurrentProposal!.Id)).Succeeded);
        var path = ended == ExerciseState.Closed ? new[] { ExerciseState.Running, ExerciseState.Reporting, ExerciseState.Closed } : [ExerciseState.Cancelled];
        foreach (var state in path)
        {
            Assert.True((await _service.MoveToAsync(lena, id, state, (await _service.GetAsync(id))!.Exercise.Version)).Succeeded);
        }

        var exercise = (await _service.GetAsync(id))!.Exercise;
        Assert.False(ExerciseService.StepsOpenTo(lena, exercise).ChangeLead);
        var details = Details(_east);
        details.Version = exercise.Version;

        var outcome = await _service.UpdateAsync(lena, id, details);

        var error = Assert.Single(outcome.Errors);
        Assert.Equal((nameof(ExerciseInput.LeadCommissionerId), $"This exercise is {ended.Label().ToLowerInvariant()}: it stays with the commissioner that led it."), (error.Field, error.Message));
        var after = (await _service.GetAsync(id))!.Exercise;
        Assert.Equal((_south.Id, AgreementStatus.Agreed), (after.LeadCommissionerId, after.AgreementStatus));
    }

    [Fact]
    public async Task UpdateAsync_SameLead_RecordsNoNotification()
    {
        await SeedPeopleAsync();
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        var details = Details(_south, "Maternity choices, renamed");
        details.Version = (await _service.GetAsync(id))!.Exercise.Version;

        Assert.True((await _service.UpdateAsync(Editor(_south), id, details)).Succeeded);

        await using var db = _database.CreateContext();
        Assert.Empty(await db.Notifications.Where(n => n.Event == WorkflowEvents.ExerciseLeadChanged).ToListAsync());
    }

    [Fact]
    public async Task ReconcileStatesAsync_ProposedWithItsOptionAgreed_BecomesAgreed()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        await _service.ProposeOptionAsync(Editor(_south), id, 4, "Quality assurance suits this.", [], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal));
        await _service.AgreeAsync(Editor(_link), id, (await _service.GetAsync(id))!.Exercise.CurrentProposal!.Id);
        await using (var db = _database.CreateContext())
        {
            // As rows were saved before the state followed the agreement.
            await db.Exercises.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.State, ExerciseState.Proposed));
        }

        await using (var db = _database.CreateContext())
        {
            Assert.Equal(1, await ExerciseAgreement.ReconcileStatesAsync(db));
            Assert.Equal(0, await ExerciseAgreement.ReconcileStatesAsync(db));
        }

        Assert.Equal(ExerciseState.Agreed, (await _service.GetAsync(id))!.Exercise.State);
    }

    // Deactivated as an administrator does it: the organisation stays, its people can no longer sign in (ADR 4).
    private async Task DeactivateAsync(params Organisation[] organisations)
    {
        await using var db = _database.CreateContext();
        foreach (var organisation in organisations)
        {
            (await db.Organisations.SingleAsync(o => o.Id == organisation.Id)).Deactivate();
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task CreateAsync_LeadDeactivatedWhileTheFormWasOpen_SaysSoNextToTheLeadAndSavesNothing()
    {
        await DeactivateAsync(_east);

        var outcome = await _service.CreateAsync(Editor(_link, "Lena"), Details(_east));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal((nameof(ExerciseInput.LeadCommissionerId), "NHS Birmingham East and North is no longer active. Choose another organisation."),
            (error.Field, error.Message));
        await using var db = _database.CreateContext();
        Assert.Empty(await db.Exercises.ToListAsync());
    }

    [Fact]
    public async Task CreateAsync_PartnerDeactivatedWhileTheFormWasOpen_SaysSoNextToThePartnersAndSavesNothing()
    {
        await DeactivateAsync(_east);
        var details = Details(_south);
        details.PartnerIds = [_east.Id];

        var outcome = await _service.CreateAsync(Editor(_south), details);

        var error = Assert.Single(outcome.Errors);
        Assert.Equal((nameof(ExerciseInput.PartnerIds), "NHS Birmingham East and North is no longer active. Choose again without it."),
            (error.Field, error.Message));
        await using var db = _database.CreateContext();
        Assert.Empty(await db.Exercises.ToListAsync());
    }

    [Fact]
    public async Task UpdateAsync_LinkMovesItToADeactivatedCommissioner_SaysSoNextToTheLeadAndKeepsTheLead()
    {
        var id = (await _service.CreateAsync(Editor(_link, "Lena"), Details(_south))).Value;
        await DeactivateAsync(_east);
        var details = Details(_east, "Maternity choices, widened");
        details.Version = (await _service.GetAsync(id))!.Exercise.Version;

        var outcome = await _service.UpdateAsync(Editor(_link, "Lena"), id, details);

        Assert.Contains(outcome.Errors, e => e.Field == nameof(ExerciseInput.LeadCommissionerId) && e.Message.Contains("no longer active", StringComparison.Ordinal));
        var after = (await _service.GetAsync(id))!.Exercise;
        Assert.Equal((_south.Id, "Maternity choices"), (after.LeadCommissionerId, after.Title));
    }

    [Fact]
    public async Task UpdateAsync_LeadPartnerAndLocalityDeactivatedSinceTheyWereChosen_AnUnrelatedEditStillSaves()
    {
        var details = Details(_south);
        details.PartnerIds = [_east.Id];
        details.Scope = ExerciseScope.Localities;
        details.LocalityIds = [_northfield.Id];
        var id = (await _service.CreateAsync(Editor(_link, "Lena"), details)).Value;
        await DeactivateAsync(_south, _east, _northfield);
        details.Title = "Maternity choices, second round";
        details.Version = (await _service.GetAsync(id))!.Exercise.Version;

        var outcome = await _service.UpdateAsync(Editor(_link, "Lena"), id, details);

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        var after = (await _service.GetAsync(id))!.Exercise;
        Assert.Equal(("Maternity choices, second round", _south.Id), (after.Title, after.LeadCommissionerId));
        Assert.Equal([_east.Id], after.PartnerIds);
        Assert.Equal([_northfield.Id], after.LocalityIds);
    }

    [Fact]
    public async Task ChoicesAsync_ANewExercise_OffersTheActiveOrganisationsEachFieldTakes()
    {
        await DeactivateAsync(_east);

        var choices = await _service.ChoicesAsync(editing: null);

        // The same rules the save checks: commissioners lead, anyone but a locality takes part, localities are localities.
        Assert.Equal([_south.Name], choices.LeadCommissioners.Select(o => o.Label));
        Assert.Equal([_link.Name, _south.Name], choices.Partners.Select(o => o.Label));
        Assert.Equal([_northfield.Name], choices.Localities.Select(o => o.Label));
    }

    [Fact]
    public async Task ChoicesAsync_LeadPartnerAndLocalityDeactivatedSinceTheyWereChosen_OfferedByNameAsNoLongerActive()
    {
        var details = Details(_south);
        details.PartnerIds = [_east.Id];
        details.Scope = ExerciseScope.Localities;
        details.LocalityIds = [_northfield.Id];
        var id = (await _service.CreateAsync(Editor(_link, "Lena"), details)).Value;
        await DeactivateAsync(_south, _east, _northfield);

        var choices = await _service.ChoicesAsync((await _service.GetAsync(id))!.Exercise);

        // The form shows what the exercise names, so it can be kept or taken off; nobody else deactivated is offered.
        Assert.Equal(["NHS South Birmingham (no longer active)"], choices.LeadCommissioners.Select(o => o.Label));
        Assert.Equal([_link.Name, "NHS Birmingham East and North (no longer active)"], choices.Partners.Select(o => o.Label));
        Assert.Equal(["Northfield constituency (no longer active)"], choices.Localities.Select(o => o.Label));
        Assert.Empty((await _service.ChoicesAsync(editing: null)).LeadCommissioners);
    }

    [Fact]
    public async Task AgreeAsync_CancelledWhileTheProposalWasOpen_RefusedAndNothingAgreed()
    {
        var id = (await _service.CreateAsync(Editor(_south), Details(_south))).Value;
        Assert.True((await _service.ProposeOptionAsync(Editor(_south), id, 4, "Quality assurance.", [], ProposalSeen.Of((await _service.GetAsync(id))!.Exercise.CurrentProposal))).Succeeded);
        var proposal = (await _service.GetAsync(id))!.Exercise.CurrentProposal!.Id;
        Assert.True((await _service.MoveToAsync(Editor(_south), id, ExerciseState.Cancelled, (await _service.GetAsync(id))!.Exercise.Version)).Succeeded);

        // The LINk's page was opened before the cancelling and still offers the answer.
        var agreed = await _service.AgreeAsync(Editor(_link), id, proposal);
        var changeAsked = await _service.RequestChangeAsync(Editor(_link), id, proposal, "Too late for us.");

        Assert.Equal("This exercise is cancelled; its joint-working option can no longer change.", agreed.Problem);
        Assert.Equal(agreed.Problem, changeAsked.Problem);
        Assert.Equal(AgreementStatus.AwaitingAgreement, (await _service.GetAsync(id))!.Exercise.AgreementStatus);
    }

    [Fact]
    public async Task CreateAsync_AChoiceNoFormOffers_RefusedOnThatFieldAndNothingCreated()
    {
        var input = Details(_south);
        input.Level = (InvolvementLevel)99;

        var outcome = await _service.CreateAsync(Editor(_south), input);

        Assert.Equal([InputValidation.UndefinedChoiceMessage], outcome.ErrorsFor(nameof(ExerciseInput.Level)));
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Exercises.CountAsync());
    }
}
