using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Home;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
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
        _database = await TestDatabase.CreateAsync(provider);
        _s = await HomeScenario.CreateAsync(_database);
        _service = new MyWorkService(_database.Factory, _database.Clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static Actor Editor(Organisation organisation) => HomeScenario.Editor(organisation);

    private static Actor Viewer(Organisation organisation) => HomeScenario.Viewer(organisation);

    [Fact]
    public async Task ForAsync_Commissioner_ListsWhatItOwesOverdueFirstAndNothingAnsweredLaterOrOthers()
    {
        var work = (await _service.ForAsync(Editor(_s.South)))!;

        Assert.Equal(["Wheelchair waiting times", "Discharge delays"], work.Deadlines.Select(d => d.Title));
        Assert.Equal(1, work.OverdueCount);
        Assert.True(work.Deadlines[0].Urgent);
        Assert.Equal(PageLink.Deadline(_s.OverdueToSouth), work.Deadlines[0].Link);
        Assert.Equal("Acknowledge it and record the answer: it is late.", work.Deadlines[0].NextStep);
        Assert.Equal("Acknowledge it, then record the answer by Wed 11 Nov 2026.", work.Deadlines[1].NextStep);
        Assert.Contains("from Birmingham LINk", work.Deadlines[1].Detail);
        Assert.DoesNotContain(work.Deadlines, d => d.Link == PageLink.Deadline(_s.LaterToSouth) || d.Link == PageLink.Deadline(_s.OverdueToEast));
    }

    [Fact]
    public async Task ForAsync_EscalatedUnanswered_StillListedForTheCommissionerWhoOwesTheAnswerNotForTheLink()
    {
        var access = new OrganisationAccess(Microsoft.Extensions.Logging.Abstractions.NullLogger<OrganisationAccess>.Instance);
        var deadlines = new DeadlineService(_database.Factory, new BankHolidayCalendar(_database.Factory, access, _database.Clock), access, _database.Clock);
        Assert.True((await deadlines.EscalateAsync(Editor(_s.Link), _s.OverdueToSouth)).Succeeded);

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
        Assert.Equal(2, work.Deadlines.Count);
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
        Assert.Empty(work.Decisions);
        Assert.Empty(work.Warnings);
        Assert.Empty(work.Unread);
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
