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

    private static RegisterEntry Entry(int id, RegisterStage stage, bool missed = false) => new(
        id, 1, "Recommendation", 1, "Report", D("2026-06-01"), Year, Lead, "NHS South Birmingham", null, null,
        stage == RegisterStage.AwaitingResponse ? RecommendationResponse.Pending : RecommendationResponse.Accepted, null, null,
        stage, null, null, null, null, null, null, null, null, missed);

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

        var lines = ReviewEvidence.InputBeforeDecisions(Year, events, exercises, Lead).ToList();

        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.Side == ReviewSide.Commissioners && l.Position == ReviewEvidence.Timing);
        Assert.Contains(lines, l => l.Side == ReviewSide.Link && l.Position == ReviewEvidence.AlignedWithTimetables);
        Assert.StartsWith("1 of 3 decision points in 2026/27 had engagement input land before the decision; 1 too late, 1 with no engagement planned.", lines[0].Figure);
        Assert.Contains("ahead-of-the-agenda", lines[0].HowComputed);
    }

    [Fact]
    public void InputBeforeDecisions_AllCommissioners_CountsEveryOnesDecisions()
    {
        var lines = ReviewEvidence.InputBeforeDecisions(Year, [Decision(1, "2026-07-01"), Decision(2, "2026-07-02", organisationId: OtherLead)], [], null).ToList();

        Assert.StartsWith("0 of 2 decision points", lines[0].Figure);
    }

    [Fact]
    public void InputBeforeDecisions_NoDecisionInTheYear_NoEvidence() =>
        Assert.Empty(ReviewEvidence.InputBeforeDecisions(Year, [Decision(1, "2026-03-01")], [], Lead));

    [Fact]
    public void RecommendationsFollowedUp_MixedStages_CountsRespondedAcceptedDoneAndMissed()
    {
        var line = ReviewEvidence.RecommendationsFollowedUp(Year,
        [
            Entry(1, RegisterStage.AwaitingResponse),
            Entry(2, RegisterStage.NotAccepted),
            Entry(3, RegisterStage.Done),
            Entry(4, RegisterStage.Planned, missed: true),
        ]);

        Assert.NotNull(line);
        Assert.Equal(ReviewEvidence.Feedback, line.Position);
        Assert.Equal("3 of 4 recommendations received in 2026/27 responded to; 2 accepted, 1 of them carried out, 1 past their planned date with no update.", line.Figure);
    }

    [Fact]
    public void RecommendationsFollowedUp_NoneReceived_NoEvidence() => Assert.Null(ReviewEvidence.RecommendationsFollowedUp(Year, []));

    [Fact]
    public void TimetableAgreed_NoTimetable_SaysNoneWasProposed() =>
        Assert.Equal("No partnership timetable was proposed for 2026/27.", ReviewEvidence.TimetableAgreed(Year, null).Figure);

    [Fact]
    public void TimetableAgreed_Draft_SaysItIsADraft() =>
        Assert.Equal("The 2026/27 timetable is still a draft.", ReviewEvidence.TimetableAgreed(Year, new AnnualTimetable(Year)).Figure);

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

        var line = ReviewEvidence.Coordination(Year, warnings, exercises, Lead);

        Assert.Equal("1 consultation-fatigue warning on their exercises in 2026/27.", line.Figure);
        Assert.Equal(ReviewEvidence.Coordinating, line.Position);
    }

    [Fact]
    public void Answering_FiguresOfTwoCommissioners_AddsThemUp()
    {
        ResponsivenessFigures Figures(int id, int requests, int onTime, int late, int overdue) => new(
            id, $"Commissioner {id}", OrganisationKind.Commissioner, Year, requests, 0, StepFigures.None,
            new StepFigures(requests, onTime, late, null, null, requests - onTime - late - overdue, overdue), 0, 0, 0, 0);

        var line = ReviewEvidence.Answering(Year, [Figures(1, 5, 3, 1, 1), Figures(2, 2, 2, 0, 0)]);

        Assert.NotNull(line);
        Assert.Equal("7 requests and reports received from the LINk in 2026/27: 5 of 7 due so far answered on time, 1 overdue.", line.Figure);
    }

    [Fact]
    public void Answering_NothingReceived_NoEvidence() => Assert.Null(ReviewEvidence.Answering(Year, []));

    [Fact]
    public void CommunitiesReached_OneNewCommunity_NamesIt()
    {
        var names = new Dictionary<int, string> { [1] = "Carers", [2] = "Older people", [3] = "Gypsies and Travellers" };
        List<ExerciseSpan> thisYear = [Exercise(100, "2026-05-01", "2026-06-01", communities: [1, 3])];
        List<ExerciseSpan> before = [Exercise(90, "2025-05-01", "2025-06-01", communities: [1, 2]), Exercise(91, "2024-05-01", "2024-06-01", communities: [3])];

        var line = ReviewEvidence.CommunitiesReached(Year, thisYear, before, names);

        Assert.Equal(ReviewSide.Link, line.Side);
        Assert.Equal("2 communities reached in 2026/27, 2 the year before; new: Gypsies and Travellers.", line.Figure);
    }
}
