using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reviews;
using EngagementHub.Core.Timetables;
using static EngagementHub.Tests.Core.Timetables.TimetableBuilder;

namespace EngagementHub.Tests.Core.Reviews;

public sealed class ReviewEvidenceTests
{
    private static readonly FinancialYear Year = new(2026);

    /// <summary>A scrutiny committee, a provider or a partnership: never one of a round's commissioners.</summary>
    private const int Scrutiny = 12;

    private static readonly HashSet<int> OneCommissioner = [Lead];
    private static readonly HashSet<int> AllCommissioners = [Lead, OtherLead];

    private static RegisterEntry Entry(int id, RegisterStage stage, bool missed = false, int to = Lead) => new(
        id, 1, "Recommendation", 1, "Report", D("2026-06-01"), Year, to, $"Organisation {to}", null, null,
        stage == RegisterStage.AwaitingResponse ? RecommendationResponse.Pending : RecommendationResponse.Accepted, null, null,
        null, null, null, stage, null, null, null, null, null, null, null, null, missed);

    [Fact]
    public void InputBeforeDecisions_OneAheadOneLateOneUninformed_CountsEachAndGivesBothCriteria()
    {
        List<TimetableEvent> events =
        [
            Decision(1, "2026-07-01", exercises: [100]),
            Decision(2, "2026-09-01", exercises: [101]),
            Decision(3, "2026-11-01"),
            Decision(4, "2026-11-02", organisationId: OtherLead),
            Decision(5, "2027-05-01", exercises: [100]),
        ];
        List<ExerciseSpan> exercises = [Exercise(100, "2026-04-01", "2026-06-01"), Exercise(101, "2026-08-01", "2026-09-15")];

        var lines = ReviewEvidence.InputBeforeDecisions(Year, events, exercises, OneCommissioner).ToList();

        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.Side == ReviewSide.Commissioners && l.Position == ReviewEvidence.Timing);
        Assert.Contains(lines, l => l.Side == ReviewSide.Link && l.Position == ReviewEvidence.AlignedWithTimetables);
        Assert.StartsWith("1 of 3 decision points in 2026/27 had engagement input land before the decision; 1 too late, 1 with no engagement planned.", lines[0].Figure);
        Assert.Contains("ahead-of-the-agenda", lines[0].HowComputed);
    }

    [Fact]
    public void InputBeforeDecisions_AllCommissioners_CountsEveryCommissionersDecisionsButNotScrutinys()
    {
        var lines = ReviewEvidence.InputBeforeDecisions(Year,
            [Decision(1, "2026-07-01"), Decision(2, "2026-07-02", organisationId: OtherLead), Decision(3, "2026-07-03", organisationId: Scrutiny)],
            [], AllCommissioners).ToList();

        Assert.StartsWith("0 of 2 decision points", lines[0].Figure);
    }

    [Fact]
    public void InputBeforeDecisions_OnlyAnotherOrganisationsDecisions_NoEvidence() =>
        Assert.Empty(ReviewEvidence.InputBeforeDecisions(Year, [Decision(1, "2026-07-01", organisationId: Scrutiny)], [], AllCommissioners));

    [Fact]
    public void InputBeforeDecisions_NoDecisionInTheYear_NoEvidence() =>
        Assert.Empty(ReviewEvidence.InputBeforeDecisions(Year, [Decision(1, "2026-03-01")], [], OneCommissioner));

    [Fact]
    public void RecommendationsFollowedUp_MixedStages_CountsRespondedAcceptedDoneAndMissed()
    {
        var line = ReviewEvidence.RecommendationsFollowedUp(Year,
        [
            Entry(1, RegisterStage.AwaitingResponse),
            Entry(2, RegisterStage.NotAccepted),
            Entry(3, RegisterStage.Done),
            Entry(4, RegisterStage.Planned, missed: true),
        ], OneCommissioner);

        Assert.NotNull(line);
        Assert.Equal(ReviewEvidence.Feedback, line.Position);
        Assert.Equal("3 of 4 recommendations received in 2026/27 responded to; 2 accepted, 1 of them carried out, 1 past their planned date with no update.", line.Figure);
    }

    [Fact]
    public void RecommendationsFollowedUp_NoneReceived_NoEvidence() => Assert.Null(ReviewEvidence.RecommendationsFollowedUp(Year, [], OneCommissioner));

    [Fact]
    public void RecommendationsFollowedUp_AllCommissionersRound_CountsOnlyThoseToCommissioners()
    {
        var line = ReviewEvidence.RecommendationsFollowedUp(Year,
            [Entry(1, RegisterStage.Done), Entry(2, RegisterStage.AwaitingResponse, to: OtherLead), Entry(3, RegisterStage.Done, to: Scrutiny)],
            AllCommissioners);

        Assert.NotNull(line);
        Assert.StartsWith("1 of 2 recommendations received in 2026/27 responded to;", line.Figure);
    }

    [Fact]
    public void RecommendationsFollowedUp_OneCommissionerRound_CountsOnlyThatCommissioners()
    {
        var line = ReviewEvidence.RecommendationsFollowedUp(Year,
            [Entry(1, RegisterStage.Done), Entry(2, RegisterStage.AwaitingResponse, to: OtherLead), Entry(3, RegisterStage.Done, to: Scrutiny)],
            OneCommissioner);

        Assert.NotNull(line);
        Assert.StartsWith("1 of 1 recommendation received in 2026/27 responded to;", line.Figure);
    }

    [Fact]
    public void RecommendationsFollowedUp_OnlyToOtherOrganisations_NoEvidence() =>
        Assert.Null(ReviewEvidence.RecommendationsFollowedUp(Year, [Entry(1, RegisterStage.Done, to: Scrutiny)], AllCommissioners));

    [Fact]
    public void TimetableAgreed_NoTimetable_SaysNoneWasProposed() =>
        Assert.Equal("No partnership timetable was proposed for 2026/27.", ReviewEvidence.TimetableAgreed(Year, null, OneCommissioner).Figure);

    [Fact]
    public void TimetableAgreed_Draft_SaysItIsADraft() =>
        Assert.Equal("The 2026/27 timetable is still a draft.", ReviewEvidence.TimetableAgreed(Year, new AnnualTimetable(Year), OneCommissioner).Figure);

    [Theory]
    [InlineData(true, "2 changes")]
    [InlineData(false, "1 change")]
    public void TimetableAgreed_ChangesByTheRoundsCommissionersAndByScrutiny_CountsOnlyTheRounds(bool allCommissioners, string expected)
    {
        var agreedAt = new DateTimeOffset(2026, 4, 6, 9, 0, 0, TimeSpan.Zero);
        var timetable = new AnnualTimetable(Year);
        Assert.True(timetable.Propose([Lead, OtherLead, Scrutiny], 1, "Lena", null, agreedAt).Succeeded);
        Assert.True(timetable.Agree(Lead, "Colin", agreedAt).Succeeded);
        Assert.True(timetable.Agree(OtherLead, "Carys", agreedAt).Succeeded);
        Assert.True(timetable.Agree(Scrutiny, "Sam", agreedAt).Succeeded);
        Assert.Equal(TimetableStatus.Agreed, timetable.Status);
        timetable.RecordChange(1, Lead, "Colin", "'Board' moved.", agreedAt.AddDays(30));
        timetable.RecordChange(2, OtherLead, "Carys", "'Cabinet' moved.", agreedAt.AddDays(31));
        timetable.RecordChange(3, Scrutiny, "Sam", "'Agenda planning' moved.", agreedAt.AddDays(32));
        timetable.RecordChange(4, Scrutiny, "Sam", "'Agenda planning' moved again.", agreedAt.AddDays(33));

        var line = ReviewEvidence.TimetableAgreed(Year, timetable, allCommissioners ? AllCommissioners : OneCommissioner);

        Assert.Equal($"The 2026/27 timetable was agreed by every taking-part organisation on Mon 6 Apr 2026; {expected} to their events flagged to the partners since.", line.Figure);
    }

    [Fact]
    public void Coordination_FatigueOnTheirExerciseAndAnothers_CountsOnlyTheirs()
    {
        List<ExerciseSpan> exercises = [Exercise(100, "2026-05-01", "2026-06-01"), Exercise(200, "2026-05-01", "2026-06-01", lead: OtherLead)];
        List<TimetableWarning> warnings =
        [
            new(TimetableWarningKind.ConsultationFatigue, "Both reach carers", ExerciseIds: [100, 200]),
            new(TimetableWarningKind.ConsultationFatigue, "Two of the other's", ExerciseIds: [200]),
            new(TimetableWarningKind.LateInput, "Late", ExerciseIds: [100]),
        ];

        var line = ReviewEvidence.Coordination(Year, warnings, exercises, OneCommissioner);

        Assert.Equal("1 consultation-fatigue warning on their exercises in 2026/27.", line.Figure);
        Assert.Equal(ReviewEvidence.Coordinating, line.Position);
    }

    [Fact]
    public void Coordination_AllCommissionersRound_LeavesOutExercisesLedByOthers()
    {
        List<ExerciseSpan> exercises = [Exercise(100, "2026-05-01", "2026-06-01"), Exercise(300, "2026-05-01", "2026-06-01", lead: Scrutiny)];
        List<TimetableWarning> warnings =
        [
            new(TimetableWarningKind.ConsultationFatigue, "Both reach carers", ExerciseIds: [100, 300]),
            new(TimetableWarningKind.ConsultationFatigue, "The scrutiny review's own", ExerciseIds: [300]),
        ];

        Assert.Equal("1 consultation-fatigue warning on their exercises in 2026/27.", ReviewEvidence.Coordination(Year, warnings, exercises, AllCommissioners).Figure);
    }

    [Fact]
    public void Answering_FiguresOfTwoCommissioners_AddsThemUp()
    {
        var line = ReviewEvidence.Answering(Year, [Figures(Lead, 5, 3, 1, 1), Figures(OtherLead, 2, 2, 0, 0)], AllCommissioners);

        Assert.NotNull(line);
        Assert.Equal("7 requests and reports received from the LINk in 2026/27: 5 of 7 due so far answered on time, 1 overdue.", line.Figure);
    }

    [Fact]
    public void Answering_AllCommissionersRound_LeavesOutScrutinyAndProviders()
    {
        var line = ReviewEvidence.Answering(Year, [Figures(Lead, 5, 3, 1, 1), Figures(Scrutiny, 4, 0, 0, 4, OrganisationKind.Scrutiny)], AllCommissioners);

        Assert.NotNull(line);
        Assert.StartsWith("5 requests and reports received from the LINk in 2026/27: 3 of 5", line.Figure);
    }

    [Fact]
    public void Answering_OneCommissionerRound_CountsOnlyThatCommissioner()
    {
        var line = ReviewEvidence.Answering(Year, [Figures(Lead, 5, 3, 1, 1), Figures(OtherLead, 2, 2, 0, 0)], OneCommissioner);

        Assert.NotNull(line);
        Assert.StartsWith("5 requests and reports", line.Figure);
    }

    [Fact]
    public void Answering_NothingReceived_NoEvidence() => Assert.Null(ReviewEvidence.Answering(Year, [], AllCommissioners));

    private static ResponsivenessFigures Figures(int id, int requests, int onTime, int late, int overdue, OrganisationKind kind = OrganisationKind.Commissioner) => new(
        id, $"Organisation {id}", kind, Year, requests, 0, StepFigures.None,
        new StepFigures(requests, onTime, late, null, null, requests - onTime - late - overdue, overdue), 0, 0, 0, 0);

    [Fact]
    public void CommunitiesReached_OneNewCommunity_NamesIt()
    {
        var names = new Dictionary<int, string> { [1] = "Carers", [2] = "Older people", [3] = "Gypsies and Travellers" };
        List<ExerciseSpan> thisYear = [Exercise(100, "2026-05-01", "2026-06-01", communities: [1, 3])];
        List<ExerciseSpan> before = [Exercise(90, "2025-05-01", "2025-06-01", communities: [1, 2]), Exercise(91, "2024-05-01", "2024-06-01", communities: [3])];

        var line = ReviewEvidence.CommunitiesReached(Year, thisYear, before, names, OneCommissioner);

        Assert.Equal(ReviewSide.Link, line.Side);
        Assert.Equal("2 communities reached in 2026/27, 2 the year before; new: Gypsies and Travellers.", line.Figure);
    }

    [Fact]
    public void CommunitiesReached_OneCommissionerRound_LeavesOutAnotherCommissionersExercises()
    {
        var names = new Dictionary<int, string> { [1] = "Carers", [2] = "Older people", [3] = "Gypsies and Travellers" };
        List<ExerciseSpan> thisYear = [Exercise(100, "2026-05-01", "2026-06-01", communities: [1]), Exercise(200, "2026-05-01", "2026-06-01", lead: OtherLead, communities: [3])];
        List<ExerciseSpan> before = [Exercise(90, "2025-05-01", "2025-06-01", lead: OtherLead, communities: [1, 2])];

        var line = ReviewEvidence.CommunitiesReached(Year, thisYear, before, names, OneCommissioner);

        Assert.Equal("1 communities reached in 2026/27, 0 the year before; new: Carers.", line.Figure);
    }

    [Fact]
    public void LinkDeadlinesMet_FeedbackAndActions_CountsMetLateAndOverdueOnceDue()
    {
        var today = D("2026-10-01");
        List<LinkPromise> feedback =
        [
            new(D("2026-05-01"), D("2026-04-28")),
            new(D("2026-06-01"), D("2026-06-01")),
            new(D("2026-07-01"), D("2026-07-09")),
            new(D("2026-08-01"), null),
            new(D("2026-10-01"), null),
            new(D("2026-12-01"), null),
            new(D("2026-03-01"), D("2026-03-10")),
        ];
        List<LinkPromise> actions = [new(D("2026-09-01"), D("2026-08-20")), new(D("2026-09-15"), null)];

        var line = ReviewEvidence.LinkDeadlinesMet(Year, feedback, actions, today);

        Assert.NotNull(line);
        Assert.Equal(ReviewSide.Link, line.Side);
        Assert.Equal(ReviewEvidence.Reliable, line.Position);
        Assert.Equal("Deadlines the LINk had in 2026/27: feedback to people who raised an issue: 2 of 4 given by the due date, 1 late, 1 overdue; "
                     + "actions the LINk took on at earlier reviews: 1 of 2 done by the due date, 0 late, 1 overdue.", line.Figure);
        Assert.Contains("work programme", line.HowComputed);
    }

    [Fact]
    public void LinkDeadlinesMet_OnlyActions_LeavesFeedbackOut()
    {
        var line = ReviewEvidence.LinkDeadlinesMet(Year, [], [new(D("2026-09-01"), D("2026-09-01"))], D("2026-10-01"));

        Assert.NotNull(line);
        Assert.Equal("Deadlines the LINk had in 2026/27: actions the LINk took on at earlier reviews: 1 of 1 done by the due date, 0 late, 0 overdue.", line.Figure);
    }

    [Fact]
    public void LinkDeadlinesMet_NothingDueYet_NoEvidence() =>
        Assert.Null(ReviewEvidence.LinkDeadlinesMet(Year, [new(D("2026-12-01"), null)], [new(D("2026-10-01"), null)], D("2026-10-01")));
}
