using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Home;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reviews;
using EngagementHub.Core.Timetables;
using EngagementHub.Core.WorkProgramme;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data.Home;

/// <summary>The home page's read service over <see cref="HomeScenario"/>, on SQLite and on PostgreSQL (see the nested classes).</summary>
public abstract class MyWorkServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : MyWorkServiceTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : MyWorkServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _database = default!;
    private MyWorkService _service = default!;
    private HomeScenario _s = default!;

    public async Task InitializeAsync()
    {
        _database = await HomeScenario.DatabaseAsync(provider);
        _s = await HomeScenario.LoadAsync(_database);
        _service = new MyWorkService(_database.Factory, _database.Clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static Actor Editor(Organisation organisation) => HomeScenario.Editor(organisation);

    private static Actor Viewer(Organisation organisation) => HomeScenario.Viewer(organisation);

    [Fact]
    public async Task ForAsync_Commissioner_ListsWhatItOwesOverdueFirstAndNothingAnsweredOrOthers()
    {
        var work = (await _service.ForAsync(Editor(_s.South)))!;

        // "Stroke rehabilitation" is due in four weeks, but not yet acknowledged: that first step is due now.
        Assert.Equal(["Wheelchair waiting times", "Discharge delays", "Stroke rehabilitation"], work.Deadlines.Select(d => d.Title));
        Assert.Equal(1, work.OverdueCount);
        Assert.True(work.Deadlines[0].Urgent);
        Assert.Equal(PageLink.Deadline(_s.OverdueToSouth), work.Deadlines[0].Link);
        Assert.Equal("Acknowledge it and record the answer: it is late.", work.Deadlines[0].NextStep);
        Assert.Equal("Acknowledge it, then record the answer by Wed 11 Nov 2026.", work.Deadlines[1].NextStep);
        Assert.Contains("from Birmingham LINk", work.Deadlines[1].Detail);
        Assert.DoesNotContain(work.Deadlines, d => d.Link == PageLink.Deadline(_s.OverdueToEast));
    }

    [Fact]
    public async Task ForAsync_DueInFourWeeksAndAcknowledged_StillOwedByTheCommissionerNotYetListedForTheLink()
    {
        Assert.True((await Deadlines().AcknowledgeAsync(Editor(_s.South), _s.LaterToSouth)).Succeeded);

        var south = (await _service.ForAsync(Editor(_s.South)))!;
        var link = (await _service.ForAsync(Editor(_s.Link)))!;

        var owed = Assert.Single(south.Deadlines, d => d.Link == PageLink.Deadline(_s.LaterToSouth));
        Assert.Equal(("Record the answer by Fri 27 Nov 2026.", false), (owed.NextStep, owed.Urgent));
        Assert.DoesNotContain(link.Deadlines, d => d.Link == PageLink.Deadline(_s.LaterToSouth));
    }

    [Fact]
    public async Task ForAsync_ScrutinyReferral_AskedToAcknowledgeByItsDueDateNotToAnswer()
    {
        var referral = await LoggedAsync(_s.Scrutiny, DeadlineKind.ScrutinyReferral, new DateOnly(2026, 11, 2));

        var item = Assert.Single((await _service.ForAsync(Editor(_s.Scrutiny)))!.Deadlines, d => d.Link == PageLink.Deadline(referral));

        Assert.Matches(@"^Acknowledge it by \w{3} \d{1,2} \w{3} 2026\.$", item.NextStep);
    }

    /// <summary>South and scrutiny agree the year the LINk proposed, then South moves its decision to <paramref name="to"/>.</summary>
    private async Task AgreedThenSouthMovesItsDecisionAsync(TimetableServices timetable, FinancialYear year, DateOnly to)
    {
        Assert.True((await timetable.Agreements.AgreeAsync(Editor(_s.South), year, (await timetable.Queries.TimetableAsync(year))!.Version)).Succeeded);
        Assert.True((await timetable.Agreements.AgreeAsync(Editor(_s.Scrutiny), year, (await timetable.Queries.TimetableAsync(year))!.Version)).Succeeded);
        await SouthMovesItsDecisionAsync(timetable, to);
    }

    private async Task SouthMovesItsDecisionAsync(TimetableServices timetable, DateOnly to)
    {
        var details = TimetableEventInput.From((await timetable.Queries.GetEventAsync(_s.SouthDecision))!.Event);
        details.StartDate = to;
        Assert.True((await timetable.Events.UpdateEventAsync(Editor(_s.South), _s.SouthDecision, details)).Succeeded);
    }

    [Fact]
    public async Task ForAsync_TimetableChangedSinceAgreement_ListedForThePartnersAnotherChangedItUnderUntilTheYearIsOver()
    {
        var (timetable, year) = (TimetableServices.For(_database), new FinancialYear(2026));
        await AgreedThenSouthMovesItsDecisionAsync(timetable, year, new DateOnly(2026, 12, 8));

        var (south, scrutiny) = ((await _service.ForAsync(Editor(_s.South)))!, (await _service.ForAsync(Editor(_s.Scrutiny)))!);
        _database.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 1, 10, 0, 0, TimeSpan.Zero));
        var scrutinyNextYear = (await _service.ForAsync(Editor(_s.Scrutiny)))!;

        var link = PageLink.Timetable(year);
        Assert.DoesNotContain(south.Agreements, a => a.Link == link);
        var item = Assert.Single(scrutiny.Agreements, a => a.Link == link);
        Assert.Equal(("Changed since it was agreed: 1 change to check, listed with the year.",
                "Check the changes, then record them as checked, or propose the year again if they need agreeing."), (item.Detail, item.NextStep));
        Assert.DoesNotContain(scrutinyNextYear.Agreements, a => a.Link == link);
    }

    // Scrutiny checked South's change and is content: the year leaves its list, and comes back with South's next change.
    [Fact]
    public async Task ForAsync_TimetableChangesRecordedAsChecked_NotListedUntilChangedAgain()
    {
        var (timetable, year) = (TimetableServices.For(_database), new FinancialYear(2026));
        await AgreedThenSouthMovesItsDecisionAsync(timetable, year, new DateOnly(2026, 12, 8));
        var seen = (await timetable.Queries.YearAsync(year)).Timetable!.Changes.Max(c => c.Id);

        Assert.True((await timetable.Agreements.CheckChangesAsync(Editor(_s.Scrutiny), year, seen)).Succeeded);
        var afterCheck = (await _service.ForAsync(Editor(_s.Scrutiny)))!;
        await SouthMovesItsDecisionAsync(timetable, new DateOnly(2026, 12, 15));
        var afterNextChange = (await _service.ForAsync(Editor(_s.Scrutiny)))!;

        var link = PageLink.Timetable(year);
        Assert.DoesNotContain(afterCheck.Agreements, a => a.Link == link);
        Assert.Equal("Changed since it was agreed: 1 change to check, listed with the year.", Assert.Single(afterNextChange.Agreements, a => a.Link == link).Detail);
    }

    private static OrganisationAccess Access => new(Microsoft.Extensions.Logging.Abstractions.NullLogger<OrganisationAccess>.Instance);

    /// <returns>The review service, with the standard success criteria in place to open rounds on.</returns>
    private async Task<ReviewService> ReviewsAsync()
    {
        await using (var db = _database.CreateContext())
        {
            await StandardCriteria.EnsureAsync(db, _database.Clock);
        }

        return new ReviewService(_database.Factory, Access, _database.Clock);
    }

    /// <summary>Marks the organisation deactivated, as the directory leaves it (what that step tells is tested with it).</summary>
    private async Task DeactivateAsync(Organisation organisation)
    {
        await using var db = _database.CreateContext();
        await db.Organisations.Where(o => o.Id == organisation.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.IsActive, false));
    }

    private WorkProgrammeService Programme() =>
        new(_database.Factory, new BankHolidayCalendar(_database.Factory, Access, _database.Clock), Deadlines(), new ExerciseService(_database.Factory, Access, _database.Clock),
            Access, Microsoft.Extensions.Options.Options.Create(new EngagementHubOptions()), _database.Clock);

    private DeadlineService Deadlines() =>
        new(_database.Factory, new BankHolidayCalendar(_database.Factory, Access, _database.Clock), Access, _database.Clock);

    [Fact]
    public async Task ForAsync_EscalatedUnanswered_StillListedForTheCommissionerWhoOwesTheAnswerNotForTheLink()
    {
        Assert.True((await Deadlines().EscalateAsync(Editor(_s.Link), _s.OverdueToSouth)).Succeeded);

        var south = (await _service.ForAsync(Editor(_s.South)))!;
        var link = (await _service.ForAsync(Editor(_s.Link)))!;

        // Escalating does not release the commissioner from answering: the item stays on its list, late, until it does.
        var owed = Assert.Single(south.Deadlines, d => d.Link == PageLink.Deadline(_s.OverdueToSouth));
        Assert.True(owed.Urgent);
        Assert.Equal("Record the answer: it is late, and the LINk has referred it to the scrutiny committee.", owed.NextStep);
        Assert.DoesNotContain(link.Deadlines, d => d.Link == PageLink.Deadline(_s.OverdueToSouth));
    }

    [Fact]
    public async Task ForAsync_Link_ListsWhatItIsOwedByEveryone()
    {
        var work = (await _service.ForAsync(Editor(_s.Link)))!;

        Assert.True(work.IsLink);
        Assert.Equal(["Wheelchair waiting times", "Care home visits", "Discharge delays"], work.Deadlines.Select(d => d.Title));
        Assert.Equal(2, work.OverdueCount);
        Assert.Contains("escalate", work.Deadlines[0].NextStep);
        Assert.Contains("to NHS Birmingham East and North", work.Deadlines[1].Detail);
    }

    [Fact]
    public async Task ForAsync_Commissioner_AwaitsItsAgreementOnTheOptionTheChangeRequestAndTheTimetableButNotItsOwnExtension()
    {
        var work = (await _service.ForAsync(Editor(_s.South)))!;

        Assert.Equal([PageLink.Exercise(_s.LinkProposed), PageLink.Exercise(_s.ChangeAsked), PageLink.Timetable(new FinancialYear(2026))], work.Agreements.Select(a => a.Link));
        Assert.Contains("proposed Option 2", work.Agreements[0].Detail);
        Assert.Equal("Agree the option, or ask for a change.", work.Agreements[0].NextStep);
        Assert.Contains("We would rather contribute elements.", work.Agreements[1].Detail);
        Assert.Equal("The 2026/27 timetable", work.Agreements[2].Title);
        Assert.Contains("2 of 3 still to agree", work.Agreements[2].Detail);
    }

    [Fact]
    public async Task ForAsync_Link_AwaitsItsAgreementOnTheCommissionersExtensionOnly()
    {
        var work = (await _service.ForAsync(Editor(_s.Link)))!;

        var item = Assert.Single(work.Agreements);
        Assert.Equal(PageLink.Deadline(_s.DueSoonToSouth), item.Link);
        Assert.Contains("Mon 30 Nov 2026", item.Detail);
        Assert.Contains("The data team is away.", item.Detail);
    }

    // South proposed moving the due date to Monday 30 November 2026; on that day the proposal can no longer be agreed
    // (ADR 12: the deadline would be overdue as soon as it was), so the LINk's "My work" asks for a later date instead of
    // offering the agreement the page would refuse.
    [Fact]
    public async Task ForAsync_ProposedDateHasCome_AsksTheLinkForALaterDateNotToAgreeIt()
    {
        var before = Assert.Single((await _service.ForAsync(Editor(_s.Link)))!.Agreements);
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

        var editor = Assert.Single((await _service.ForAsync(Editor(_s.Link)))!.Agreements);
        var viewer = Assert.Single((await _service.ForAsync(Viewer(_s.Link)))!.Agreements);

        Assert.Equal("Agree the extension, or decline it, saying why, and keep the due date.", before.NextStep);
        Assert.Equal(PageLink.Deadline(_s.DueSoonToSouth), editor.Link);
        Assert.Equal("The proposed date has come, so it can no longer be agreed: propose a later one, or decline it and keep the due date.", editor.NextStep);
        Assert.EndsWith("propose a later date, or decline it and keep the due date.", viewer.NextStep);
    }

    // South proposed Monday 30 November 2026 and the LINk has not agreed it; on that day it can no longer be agreed. South,
    // whose proposal it is, was told nothing and its "My work" listed nothing: it now asks South to propose another date,
    // naming the earliest, or to withdraw the proposal. Before that day, South's proposal waits on the LINk alone.
    [Fact]
    public async Task ForAsync_OwnProposedDateHasCome_AsksTheProposerForAnotherDateOrToWithdrawIt()
    {
        var before = (await _service.ForAsync(Editor(_s.South)))!;
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

        var editor = Assert.Single((await _service.ForAsync(Editor(_s.South)))!.Agreements, a => a.Link == PageLink.Deadline(_s.DueSoonToSouth));
        var viewer = Assert.Single((await _service.ForAsync(Viewer(_s.South)))!.Agreements, a => a.Link == PageLink.Deadline(_s.DueSoonToSouth));

        Assert.DoesNotContain(before.Agreements, a => a.Link == PageLink.Deadline(_s.DueSoonToSouth));
        // Until then its deadline's item says the proposal waits on the LINk, so South knows where it stands.
        Assert.EndsWith("; your extension to Mon 30 Nov 2026 awaits the LINk's agreement",
            Assert.Single(before.Deadlines, d => d.Link == PageLink.Deadline(_s.DueSoonToSouth)).Detail);
        Assert.Equal("The date proposed, Mon 30 Nov 2026, has come, so it can no longer be agreed: propose Tue 1 Dec 2026 or a later working day instead. "
            + "Or withdraw the proposal and answer by the due date.", editor.NextStep);
        Assert.Contains("The data team is away.", editor.Detail);
        Assert.Equal("Editors of NHS South Birmingham propose another date or withdraw the proposal.", viewer.NextStep);
    }

    // A bank holiday declared on Monday 30 November 2026 after South proposed it: South, whose proposal cannot be agreed
    // now, is asked to propose the next working day instead, or to withdraw it.
    [Fact]
    public async Task ForAsync_BankHolidayDeclaredOnOwnProposedDate_AsksTheProposerForTheNextWorkingDayOrToWithdrawIt()
    {
        await using (var db = _database.CreateContext())
        {
            db.BankHolidays.Add(new BankHoliday(new DateOnly(2026, 11, 30), "Day of mourning", HolidaySource.Manual));
            await db.SaveChangesAsync();
        }

        var item = Assert.Single((await _service.ForAsync(Editor(_s.South)))!.Agreements, a => a.Link == PageLink.Deadline(_s.DueSoonToSouth));

        Assert.Equal("Mon 30 Nov 2026 has become a bank holiday (Day of mourning) since it was proposed, and a due date must be a working day, so it "
            + "cannot be agreed: propose Tue 1 Dec 2026 or another working day instead. Or withdraw the proposal and answer by the due date.", item.NextStep);
    }

    // Declined by the LINk, or withdrawn by South, the proposal waits on nobody: neither side's "My work" lists it, even once
    // its date has come.
    [Theory]
    [InlineData("declined")]
    [InlineData("withdrawn")]
    public async Task ForAsync_ProposalDeclinedOrWithdrawn_ListedForNeitherSide(string how)
    {
        var proposed = new DateOnly(2026, 11, 30);
        var outcome = how == "declined"
            ? await Deadlines().DeclineExtensionAsync(Editor(_s.Link), _s.DueSoonToSouth, "We need the figures for the board.", proposed)
            : await Deadlines().WithdrawExtensionProposalAsync(Editor(_s.South), _s.DueSoonToSouth, proposed);
        Assert.True(outcome.Succeeded, outcome.Problem);
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

        Assert.DoesNotContain((await _service.ForAsync(Editor(_s.Link)))!.Agreements, a => a.Link == PageLink.Deadline(_s.DueSoonToSouth));
        Assert.DoesNotContain((await _service.ForAsync(Editor(_s.South)))!.Agreements, a => a.Link == PageLink.Deadline(_s.DueSoonToSouth));
    }

    // A bank holiday declared on Monday 30 November 2026, the date South proposed, after it was proposed: the proposal no
    // longer moves, and agreeing it is refused (ADR 12), so the LINk's "My work" says why and names the day to propose
    // instead. Before, it still asked the LINk to agree it.
    [Fact]
    public async Task ForAsync_BankHolidayDeclaredOnTheProposedDate_AsksTheLinkForAnotherDateNotToAgreeIt()
    {
        await using (var db = _database.CreateContext())
        {
            db.BankHolidays.Add(new BankHoliday(new DateOnly(2026, 11, 30), "Day of mourning", HolidaySource.Manual));
            await db.SaveChangesAsync();
        }

        var editor = Assert.Single((await _service.ForAsync(Editor(_s.Link)))!.Agreements);
        var viewer = Assert.Single((await _service.ForAsync(Viewer(_s.Link)))!.Agreements);

        Assert.Equal("Mon 30 Nov 2026 has become a bank holiday (Day of mourning) since it was proposed, and a due date must be a working day, so it "
            + "cannot be agreed: propose Tue 1 Dec 2026 or another working day instead. Or decline it and keep the due date.", editor.NextStep);
        Assert.EndsWith("propose another date, or decline it and keep the due date.", viewer.NextStep);
    }

    [Fact]
    public async Task ForAsync_Scrutiny_AwaitsItsAgreementOnTheTimetableYear()
    {
        var work = (await _service.ForAsync(Editor(_s.Scrutiny)))!;

        Assert.Equal(["The 2026/27 timetable"], work.Agreements.Select(a => a.Title));
        Assert.Empty(work.Deadlines);
        Assert.Empty(work.Decisions);
    }

    [Fact]
    public async Task ForAsync_Decisions_CommissionerSeesItsOwnWithTheVerdict_LinkSeesEvery()
    {
        var south = (await _service.ForAsync(Editor(_s.South)))!;
        var link = (await _service.ForAsync(Editor(_s.Link)))!;

        var decision = Assert.Single(south.Decisions);
        Assert.Equal(_s.SouthDecision, decision.Outlook.Decision.Id);
        Assert.Equal(InputTiming.Ahead, decision.Outlook.Timing);
        Assert.Equal("Input lands 11 days before", decision.Outlook.Summary);
        Assert.Equal([_s.SouthDecision, _s.EastDecision], link.Decisions.Select(d => d.Outlook.Decision.Id));
        Assert.Equal(InputTiming.NoEngagement, link.Decisions[1].Outlook.Timing);
        Assert.Equal("Plan engagement to inform it, or link the exercise that does.", link.Decisions[1].NextStep);
    }

    [Fact]
    public async Task ForAsync_Warnings_OnlyThoseAboutTheOrganisationsDecisionsAndExercises()
    {
        var south = (await _service.ForAsync(Editor(_s.South)))!;
        var east = (await _service.ForAsync(Editor(_s.East)))!;

        Assert.Contains(south.Warnings, w => w.Title == "Input lands after the decision" && w.Link == PageLink.Exercise(_s.ChangeAsked));
        Assert.DoesNotContain(south.Warnings, w => w.Link == PageLink.TimetableEvent(_s.EastDecision));
        Assert.Contains(east.Warnings, w => w.Link == PageLink.TimetableEvent(_s.EastDecision));
    }

    [Fact]
    public async Task ForAsync_Unread_ListsThePersonsOwnUnreadNotificationsOnly()
    {
        var work = (await _service.ForAsync(Editor(_s.South)))!;

        var unread = Assert.Single(work.Unread);
        Assert.Equal("An option was proposed", unread.Title);
        Assert.Equal(1, work.UnreadCount);
    }

    [Fact]
    public async Task ForAsync_Viewer_SeesTheOrganisationsWorkWithStepsForItsEditors()
    {
        var work = (await _service.ForAsync(Viewer(_s.South)))!;

        Assert.False(work.CanAct);
        Assert.Equal(3, work.Deadlines.Count);
        Assert.All(work.Deadlines, d => Assert.Equal("Your organisation's editors acknowledge and answer it.", d.NextStep));
        Assert.StartsWith("Editors of NHS South Birmingham", work.Agreements[0].NextStep);
        Assert.Null(work.FailedReminders);
    }

    [Fact]
    public async Task ForAsync_OrganisationWithNothingToDo_IsEmptyEverywhere()
    {
        var work = (await _service.ForAsync(Editor(_s.Regulator)))!;

        Assert.Empty(work.Deadlines);
        Assert.Empty(work.Agreements);
        Assert.Empty(work.Reviews);
        Assert.Empty(work.Programme);
        Assert.Empty(work.Decisions);
        Assert.Empty(work.Warnings);
        Assert.Empty(work.Unread);
    }

    private async Task<int> LoggedAsync(Organisation to, DeadlineKind kind, DateOnly received, params string[] recommendations)
    {
        await using var db = _database.CreateContext();
        var rule = await db.DeadlineRules.Where(r => r.Kind == kind).Select(r => r.Id).SingleAsync();
        var logged = await Deadlines().LogAsync(Editor(_s.Link), new DeadlineInput
        {
            RuleId = rule, Subject = "Falls clinic", ToOrganisationId = to.Id, Received = received, Recommendations = [.. recommendations],
        });
        Assert.True(logged.Succeeded);
        return logged.Value;
    }

    // The committee proposed an extension to a referral, then acknowledged it, which meets the referral's duty (ADR 12):
    // the extension is no longer the LINk's to agree, even on a row that kept the proposal (saved before a step that
    // closes a deadline cleared it).
    [Fact]
    public async Task ForAsync_ReferralAcknowledgedWithAnExtensionWaiting_NoLongerAsksTheLinkToAgreeIt()
    {
        var referral = await LoggedAsync(_s.Scrutiny, DeadlineKind.ScrutinyReferral, new DateOnly(2026, 10, 1));
        var proposed = new DateOnly(2027, 1, 29);
        Assert.True((await Deadlines().ProposeExtensionAsync(Editor(_s.Scrutiny), referral, proposed, "The committee meets in January.", waitingSeen: null)).Succeeded);
        Assert.Contains((await _service.ForAsync(Editor(_s.Link)))!.Agreements, a => a.Link == PageLink.Deadline(referral));
        Assert.True((await Deadlines().AcknowledgeAsync(Editor(_s.Scrutiny), referral)).Succeeded);
        await using (var db = _database.CreateContext())
        {
            var row = await db.Deadlines.SingleAsync(d => d.Id == referral);
            db.Entry(row).Property(nameof(ResponseDeadline.ProposedDueDate)).CurrentValue = proposed;
            db.Entry(row).Property(nameof(ResponseDeadline.ProposalByLink)).CurrentValue = false;
            await db.SaveChangesAsync();
        }

        var work = (await _service.ForAsync(Editor(_s.Link)))!;

        Assert.DoesNotContain(work.Agreements, a => a.Link == PageLink.Deadline(referral));
    }

    [Fact]
    public async Task ForAsync_ReferralAcknowledged_AwaitsItsFollowUpWithNoDueDateSoNotListedAsDueOrLate()
    {
        var referral = await LoggedAsync(_s.Scrutiny, DeadlineKind.ScrutinyReferral, new DateOnly(2026, 10, 1));
        var before = (await _service.ForAsync(Editor(_s.Scrutiny)))!;
        Assert.True((await Deadlines().AcknowledgeAsync(Editor(_s.Scrutiny), referral)).Succeeded);
        _database.Clock.Advance(TimeSpan.FromDays(60));

        var after = (await _service.ForAsync(Editor(_s.Scrutiny)))!;

        Assert.Contains(before.Deadlines, d => d.Link == PageLink.Deadline(referral));
        Assert.DoesNotContain(after.Deadlines, d => d.Link == PageLink.Deadline(referral));
    }

    [Fact]
    public async Task ForAsync_RecommendationPlannedDatePassed_OverdueForTheCommissionerUntilItRecordsWhereItStands()
    {
        var report = await LoggedAsync(_s.South, DeadlineKind.ReportResponse, new DateOnly(2026, 10, 1), "Publish waiting times monthly.");
        var recommendation = (await Deadlines().GetAsync(report))!.Deadline.Recommendations.Single();
        Assert.True((await Deadlines().RespondAsync(Editor(_s.South), report, recommendation.Id, RecommendationResponse.Accepted, null)).Succeeded);
        async Task<Guid> VersionAsync() => (await Deadlines().GetAsync(report))!.Deadline.Recommendations.Single().Version;
        Assert.True((await Deadlines().RecordImplementationAsync(Editor(_s.South), report, recommendation.Id, new ImplementationInput
        {
            Status = ImplementationStatus.Planned, PlannedDate = new DateOnly(2026, 11, 20), Version = await VersionAsync(),
        })).Succeeded);

        var onTheDay = (await _service.ForAsync(Editor(_s.South)))!;
        _database.Clock.Advance(TimeSpan.FromDays(19));
        var dayAfter = (await _service.ForAsync(Editor(_s.South)))!;
        Assert.True((await Deadlines().RecordImplementationAsync(Editor(_s.South), report, recommendation.Id, new ImplementationInput
        {
            Status = ImplementationStatus.InProgress, PlannedDate = new DateOnly(2027, 1, 29), Version = await VersionAsync(),
        })).Succeeded);
        var updated = (await _service.ForAsync(Editor(_s.South)))!;

        Assert.DoesNotContain(onTheDay.Deadlines, d => d.Detail.StartsWith("Recommendation 1", StringComparison.Ordinal));
        var late = Assert.Single(dayAfter.Deadlines, d => d.Detail.StartsWith("Recommendation 1", StringComparison.Ordinal));
        Assert.Equal((PageLink.Deadline(report), true, "Recommendation 1: planned for Fri 20 Nov 2026, nothing recorded since"), (late.Link, late.Urgent, late.Detail));
        Assert.DoesNotContain(updated.Deadlines, d => d.Detail.StartsWith("Recommendation 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForAsync_RecommendationsDoneAwaitingTheLinksView_OneItemAReportUntilTheLinkGivesEachView()
    {
        var report = await LoggedAsync(_s.South, DeadlineKind.ReportResponse, new DateOnly(2026, 10, 1), "Publish waiting times monthly.", "Open a Saturday clinic.");
        var recommendations = (await Deadlines().GetAsync(report))!.Deadline.Recommendations.OrderBy(r => r.Number).Select(r => r.Id).ToList();
        async Task<Guid> VersionAsync(int id) => (await Deadlines().GetAsync(report))!.Deadline.Recommendations.Single(r => r.Id == id).Version;
        foreach (var id in recommendations)
        {
            Assert.True((await Deadlines().RespondAsync(Editor(_s.South), report, id, RecommendationResponse.Accepted, null)).Succeeded);
            Assert.True((await Deadlines().RecordImplementationAsync(Editor(_s.South), report, id, new ImplementationInput
            {
                Status = ImplementationStatus.Done, ChangeMade = "Done.", Version = await VersionAsync(id),
            })).Succeeded);
        }

        var both = Assert.Single((await _service.ForAsync(Editor(_s.Link)))!.Agreements, a => a.Link == PageLink.Deadline(report));
        Assert.True((await Deadlines().RecordLinkVerdictAsync(Editor(_s.Link), report, recommendations[0], new LinkVerdictInput { Verdict = LinkVerdict.Agrees, Version = await VersionAsync(recommendations[0]) })).Succeeded);
        var one = Assert.Single((await _service.ForAsync(Editor(_s.Link)))!.Agreements, a => a.Link == PageLink.Deadline(report));
        Assert.True((await Deadlines().RecordLinkVerdictAsync(Editor(_s.Link), report, recommendations[1], new LinkVerdictInput { Verdict = LinkVerdict.Agrees, Version = await VersionAsync(recommendations[1]) })).Succeeded);
        var none = (await _service.ForAsync(Editor(_s.Link)))!.Agreements;

        Assert.Equal(("2 recommendations recorded done or dropped by NHS South Birmingham", "Say whether the LINk agrees each has been met."), (both.Detail, both.NextStep));
        Assert.Equal(("Recommendation 2: recorded done or dropped by NHS South Birmingham", "Say whether the LINk agrees it has been met."), (one.Detail, one.NextStep));
        Assert.DoesNotContain(none, a => a.Link == PageLink.Deadline(report));
    }

    [Fact]
    public async Task ForAsync_JointReview_EachSideUntilItSubmitsThenBothForTheMeetingThenTheActionsOwner()
    {
        var reviews = await ReviewsAsync();
        var round = (await reviews.OpenRoundAsync(Editor(_s.Link), new RoundInput { Year = 2026, CommissionerOrganisationId = _s.South.Id, ClosesOn = new DateOnly(2026, 12, 1) })).Value;
        async Task SubmitAsync(Actor actor)
        {
            var view = (await reviews.GetAsync(actor, round))!;
            var ratings = view.Items.Select(i => new RatingInput { ItemId = i.ItemId, Score = ReviewScore.LargelyMet }).ToList();
            Assert.True((await reviews.SaveRatingsAsync(actor, round, ratings, submit: true, publishComments: false, view.RatingsVersion)).Succeeded);
        }

        async Task<WorkItem[]> ReviewsOfAsync(Organisation organisation) => [.. (await _service.ForAsync(Editor(organisation)))!.Reviews];

        var opened = (await ReviewsOfAsync(_s.Link), await ReviewsOfAsync(_s.South), await ReviewsOfAsync(_s.East));
        await SubmitAsync(Editor(_s.Link));
        var linkSubmitted = (await ReviewsOfAsync(_s.Link), await ReviewsOfAsync(_s.South));
        _database.Clock.Advance(TimeSpan.FromDays(30));
        var southLate = Assert.Single(await ReviewsOfAsync(_s.South));
        await SubmitAsync(Editor(_s.South));
        var both = (await ReviewsOfAsync(_s.Link), await ReviewsOfAsync(_s.South));
        var action = (await reviews.AddActionAsync(Editor(_s.Link), round, new ActionInput { Text = "Share the commissioning plan", OwnerOrganisationId = _s.South.Id, DueOn = new DateOnly(2026, 12, 18) })).Value;
        Assert.True((await reviews.PublishAsync(Editor(_s.Link), round, notAgreedConfirmed: 24)).Succeeded);
        _database.Clock.Advance(TimeSpan.FromDays(20));
        var owned = (await ReviewsOfAsync(_s.Link), await ReviewsOfAsync(_s.South));
        Assert.True((await reviews.CompleteActionAsync(Editor(_s.South), action)).Succeeded);
        var done = await ReviewsOfAsync(_s.South);

        var linksFirst = Assert.Single(opened.Item1);
        Assert.Equal(("The 2026/27 joint review with NHS South Birmingham", PageLink.Review(round), false), (linksFirst.Title, linksFirst.Link, linksFirst.Urgent));
        Assert.Equal("Rate both sides' criteria and submit by Tue 1 Dec 2026.", linksFirst.NextStep);
        Assert.Equal("The 2026/27 joint review with Birmingham LINk", Assert.Single(opened.Item2).Title);
        Assert.Empty(opened.Item3);
        Assert.Empty(linkSubmitted.Item1);
        Assert.Contains("the other side has submitted", Assert.Single(linkSubmitted.Item2).Detail);
        Assert.True(southLate.Urgent);
        Assert.Equal("Rate both sides' criteria and submit: the closing date has passed.", southLate.NextStep);
        Assert.All([.. both.Item1, .. both.Item2], i => Assert.Equal(PageLink.ReviewMeeting(round), i.Link));
        Assert.Empty(owned.Item1);
        var southsAction = Assert.Single(owned.Item2);
        Assert.Equal(("Share the commissioning plan", true), (southsAction.Title, southsAction.Urgent));
        Assert.Equal("Agreed at the 2026/27 joint review with Birmingham LINk; was due Fri 18 Dec 2026", southsAction.Detail);
        Assert.Empty(done);
    }

    [Fact]
    public async Task ForAsync_ReviewsCommissionerDeactivatedBeforeItsSideRated_NothingLeftForTheLinkToRate()
    {
        var reviews = await ReviewsAsync();
        var withSouth = (await reviews.OpenRoundAsync(Editor(_s.Link), new RoundInput { Year = 2026, CommissionerOrganisationId = _s.South.Id, ClosesOn = new DateOnly(2026, 12, 1) })).Value;
        var withEast = (await reviews.OpenRoundAsync(Editor(_s.Link), new RoundInput { Year = 2026, CommissionerOrganisationId = _s.East.Id, ClosesOn = new DateOnly(2026, 12, 1) })).Value;
        await DeactivateAsync(_s.South);

        var work = (await _service.ForAsync(Editor(_s.Link)))!;

        Assert.Equal([PageLink.Review(withEast)], work.Reviews.Select(i => i.Link));
        Assert.DoesNotContain(work.Reviews, i => i.Link == PageLink.Review(withSouth));
    }

    [Fact]
    public async Task ForAsync_IssueRaised_OnTheLinksListUntilThePanelDecides_HandedOnToThePartnerUntilTheReferrerIsTold()
    {
        var programme = Programme();
        var issue = (await programme.RecordAsync(Editor(_s.South), new RaisedIssueInput
        {
            Title = "No hearing loop at the eye clinic", Description = "Patients miss their names being called.", ReferrerName = "Maya Patel",
            Sector = CareSector.Health, RaisedOn = new DateOnly(2026, 10, 26),
        })).Value;

        var raised = (await _service.ForAsync(Editor(_s.Link)))!.Programme;
        Assert.True((await programme.DecideAsync(Editor(_s.Link), issue, new PanelDecisionInput
        {
            On = new DateOnly(2026, 11, 2), Outcome = PanelOutcome.WorkWithAnotherOrganisation, ToOrganisationId = _s.East.Id, HandOffContact = "Ed",
            PanelMembers = "Chair", Reasons = "East runs the clinic.",
            SkipReasons = new() { [IssueStep.Discussed] = "Clear", [IssueStep.Consulted] = "Quick", [IssueStep.BusinessCase] = "Quick" },
        })).Succeeded);
        var decided = ((await _service.ForAsync(Editor(_s.Link)))!.Programme, (await _service.ForAsync(Editor(_s.East)))!.Programme);

        var item = Assert.Single(raised);
        Assert.Equal(("No hearing loop at the eye clinic", PageLink.RaisedIssue(issue)), (item.Title, item.Link));
        Assert.Equal("Raised on Mon 26 Oct 2026; not yet discussed.", item.Detail);
        Assert.StartsWith("Discuss it with the person who raised it", item.NextStep);
        Assert.Empty(decided.Item1);
        var handed = Assert.Single(decided.Item2);
        Assert.Equal("The LINk's panel decided on Mon 2 Nov 2026 to work with NHS Birmingham East and North on it, with Ed as the contact here.", handed.Detail);
        Assert.Equal("Agree with the LINk how you take it on.", handed.NextStep);
    }

    [Fact]
    public async Task ForAsync_WordsPeopleTyped_IsolatedInTheSentencesThatQuoteThem()
    {
        var programme = Programme();
        var issue = (await programme.RecordAsync(Editor(_s.Link), new RaisedIssueInput
        {
            Title = "Eye clinic", Description = "Hard to reach.", ReferrerName = "A resident", Sector = CareSector.Health, RaisedOn = new DateOnly(2026, 10, 26),
        })).Value;
        Assert.True((await programme.DecideAsync(Editor(_s.Link), issue, new PanelDecisionInput
        {
            On = new DateOnly(2026, 11, 2), Outcome = PanelOutcome.WorkWithAnotherOrganisation, ToOrganisationId = _s.East.Id, HandOffContact = "Ed \u202Eaidem",
            PanelMembers = "Chair", Reasons = "East runs it.",
            SkipReasons = new() { [IssueStep.Discussed] = "Clear", [IssueStep.Consulted] = "Quick", [IssueStep.BusinessCase] = "Quick" },
        })).Succeeded);

        var handed = Assert.Single((await _service.ForAsync(Editor(_s.East)))!.Programme);

        Assert.DoesNotContain('\u202E', handed.Detail);
        Assert.EndsWith("as the contact here.", handed.Detail);
    }

    [Fact]
    public async Task ForAsync_TimetableSentBack_OnItsProposersListNotTheirs()
    {
        var timetable = TimetableServices.For(_database);
        var version = (await timetable.Queries.TimetableAsync(new FinancialYear(2026)))!.Version;
        Assert.True((await timetable.Agreements.RequestChangesAsync(Editor(_s.South), new FinancialYear(2026), "Add the January board.", version)).Succeeded);

        var link = (await _service.ForAsync(Editor(_s.Link)))!;
        var south = (await _service.ForAsync(Editor(_s.South)))!;

        var back = Assert.Single(link.Agreements, a => a.Link == PageLink.Timetable(new FinancialYear(2026)));
        Assert.Equal("Back with Birmingham LINk, not agreed. Editor of NHS South Birmingham asked for changes: \"Add the January board.\"", back.Detail);
        Assert.Equal("Make any changes needed, then propose the year again.", back.NextStep);
        Assert.DoesNotContain(south.Agreements, a => a.Link == PageLink.Timetable(new FinancialYear(2026)));
    }

    [Fact]
    public async Task ForAsync_ExerciseWithNoOptionProposed_OnBothSidesListsUntilOneProposes()
    {
        var exercises = new ExerciseService(_database.Factory, Access, _database.Clock);
        var id = (await exercises.CreateAsync(Editor(_s.East), new ExerciseInput
        {
            Title = "Stroke pathway", Purpose = "Hear from stroke survivors.", LeadCommissionerId = _s.East.Id, DecisionInformed = "The pathway",
            StartDate = new DateOnly(2026, 12, 1), EndDate = new DateOnly(2027, 1, 29),
        })).Value;

        var before = ((await _service.ForAsync(Editor(_s.Link)))!.Agreements, (await _service.ForAsync(Viewer(_s.East)))!.Agreements);
        Assert.True((await exercises.ProposeOptionAsync(Editor(_s.East), id, 3, "We run it; the LINk reaches carers.", [], ProposalSeen.Of((await exercises.GetAsync(id))!.Exercise.CurrentProposal))).Succeeded);
        var after = (await _service.ForAsync(Editor(_s.East)))!.Agreements;

        var links = Assert.Single(before.Item1, a => a.Link == PageLink.Exercise(id));
        Assert.Equal("No joint-working option proposed yet with NHS Birmingham East and North; it runs Tue 1 Dec 2026 to Fri 29 Jan 2027.", links.Detail);
        Assert.Equal("Propose how you will work together: one of the six options, with your reasons.", links.NextStep);
        Assert.StartsWith("Editors of NHS Birmingham East and North", Assert.Single(before.Item2, a => a.Link == PageLink.Exercise(id)).NextStep);
        Assert.DoesNotContain(after, a => a.Link == PageLink.Exercise(id));
    }

    [Fact]
    public async Task ForAsync_RecipientDeactivated_TheLinkListsEveryOpenDeadlineToItWithWhatItCanStillDo()
    {
        await DeactivateAsync(_s.South);

        var work = (await _service.ForAsync(Editor(_s.Link)))!;

        // "Stroke rehabilitation" is due in four weeks: nobody at South can answer it in the app any more.
        var toSouth = work.Deadlines.Where(d => d.Detail.Contains("to NHS South Birmingham", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Wheelchair waiting times", "Discharge delays", "Stroke rehabilitation"], toSouth.Select(d => d.Title));
        const string step = "NHS South Birmingham has been deactivated: if the answer reaches you another way, record it; if it is no longer needed, withdraw it";
        Assert.Equal([step + "; as it is late, you can also escalate it to the scrutiny committee.", step + ".", step + "."], toSouth.Select(d => d.NextStep));
        Assert.Contains(work.Deadlines, d => d.Title == "Care home visits" && d.NextStep.StartsWith("Chase NHS Birmingham East and North", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForAsync_LeadDeactivated_TheLinkAskedToChooseAnotherLeadForWhatItProposedNotToProposeOrAgreeWithIt()
    {
        var exercises = new ExerciseService(_database.Factory, Access, _database.Clock);
        async Task<int> ProposedByTheLinkAsync(string title)
        {
            var created = await exercises.CreateAsync(Editor(_s.Link), new ExerciseInput
            {
                Title = title, Purpose = "Hear from patients.", LeadCommissionerId = _s.East.Id, DecisionInformed = "The plan",
                StartDate = new DateOnly(2026, 12, 1), EndDate = new DateOnly(2027, 1, 29),
            });
            Assert.True(created.Succeeded);
            return created.Value;
        }

        var unproposed = await ProposedByTheLinkAsync("Eye clinic");
        var awaiting = await ProposedByTheLinkAsync("Stroke pathway");
        Assert.True((await exercises.ProposeOptionAsync(Editor(_s.Link), awaiting, 3, "We reach carers.", [], ProposalSeen.Of((await exercises.GetAsync(awaiting))!.Exercise.CurrentProposal))).Succeeded);
        await DeactivateAsync(_s.East);

        var work = (await _service.ForAsync(Editor(_s.Link)))!;

        foreach (var id in new[] { unproposed, awaiting })
        {
            var item = Assert.Single(work.Agreements, a => a.Link == PageLink.Exercise(id));
            Assert.Equal("Its lead commissioner, NHS Birmingham East and North, has been deactivated, so the joint-working option can no longer be agreed with it.", item.Detail);
            Assert.Equal("Edit the exercise and choose another lead commissioner, or cancel it if it will not go ahead.", item.NextStep);
        }

        // East's own exercise, which the LINk proposed an option on: only East could move it, so nothing is the LINk's to do.
        Assert.DoesNotContain(work.Agreements, a => a.Title == "East's own exercise");
    }

    // The other way round: the LINk deactivated. South, the lead, is no longer asked to propose an option to it, nor to
    // propose again where it had asked for a change (the "Podiatry review"): nothing can be agreed with it.
    [Fact]
    public async Task ForAsync_LinkDeactivated_TheLeadNotAskedToProposeToIt()
    {
        var exercises = new ExerciseService(_database.Factory, Access, _database.Clock);
        var created = await exercises.CreateAsync(Editor(_s.South), new ExerciseInput
        {
            Title = "Eye clinic", Purpose = "Hear from patients.", LeadCommissionerId = _s.South.Id, DecisionInformed = "The plan",
            StartDate = new DateOnly(2026, 12, 1), EndDate = new DateOnly(2027, 1, 29),
        });
        Assert.True(created.Succeeded);
        var before = (await _service.ForAsync(Editor(_s.South)))!;
        Assert.Contains(before.Agreements, a => a.Link == PageLink.Exercise(created.Value));
        Assert.Contains(before.Agreements, a => a.Link == PageLink.Exercise(_s.ChangeAsked));

        await DeactivateAsync(_s.Link);

        var work = (await _service.ForAsync(Editor(_s.South)))!;
        Assert.DoesNotContain(work.Agreements, a => a.Link == PageLink.Exercise(created.Value));
        Assert.DoesNotContain(work.Agreements, a => a.Link == PageLink.Exercise(_s.ChangeAsked));
    }

    [Fact]
    public async Task ForAsync_Admin_CountsFailedReminderEmails()
    {
        var admin = new Actor("user-admin", "Ada Admin", _s.Link.Id, _s.Link.Name, UserRole.Admin);

        var work = (await _service.ForAsync(admin))!;

        Assert.Equal(0, work.FailedReminders);
        Assert.Null(await _service.ForAsync(Actor.System));
    }
}
