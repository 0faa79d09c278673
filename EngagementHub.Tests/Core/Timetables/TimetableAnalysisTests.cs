using EngagementHub.Core.Common;
using EngagementHub.Core.Timetables;
using static EngagementHub.Tests.Core.Timetables.TimetableBuilder;

namespace EngagementHub.Tests.Core.Timetables;

public sealed class TimetableAnalysisTests
{
    private const int OlderPeople = 1;
    private const int Carers = 2;
    private const int Bme = 3;
    private const int Deaf = 4;
    private const int Northfield = 20;
    private static readonly FinancialYear Year = new(2026);

    private static readonly Dictionary<int, string> Communities = new()
    {
        [OlderPeople] = "Older people",
        [Carers] = "Carers",
        [Bme] = "Black and minority ethnic communities",
        [Deaf] = "Deaf and hard of hearing people",
    };

    private static readonly Dictionary<int, string> Localities = new() { [Northfield] = "Northfield constituency" };

    private static IReadOnlyList<TimetableWarning> Warnings(TimetableWarningKind kind, IReadOnlyList<TimetableEvent> events, params ExerciseSpan[] exercises) =>
        [.. TimetableAnalysis.Warnings(Year, events, exercises, Communities, Localities).Where(w => w.Kind == kind)];

    // Late input

    [Fact]
    public void Warnings_ExerciseReportingAfterItsOwnDecisionDate_WarnsOfLateInput()
    {
        var warning = Assert.Single(Warnings(TimetableWarningKind.LateInput, [],
            Exercise(1, "2026-10-12", "2026-12-11", decision: "2026-12-02", title: "Urgent care in Northfield")));

        Assert.Equal("'Urgent care in Northfield' reports on 11 Dec 2026, 9 days after the decision it informs on 2 Dec 2026.", warning.Message);
        Assert.Equal([1], warning.ExerciseIds!);
    }

    [Fact]
    public void Warnings_ExerciseReportingAfterALinkedDecisionPoint_NamesTheDecision()
    {
        var warning = Assert.Single(Warnings(TimetableWarningKind.LateInput,
            [Decision(7, "2026-11-10", "Cabinet", exercises: [1])],
            Exercise(1, "2026-06-01", "2026-11-20")));

        Assert.Equal("'Exercise 1' reports on 20 Nov 2026, 10 days after the decision it informs (Cabinet) on 10 Nov 2026.", warning.Message);
    }

    [Fact]
    public void Warnings_LinkedDecisionBeforeTheExercisesOwnDate_TheEarlierDecisionCounts()
    {
        var warning = Assert.Single(Warnings(TimetableWarningKind.LateInput,
            [Decision(7, "2026-12-31", "Early board", exercises: [1])],
            Exercise(1, "2026-11-02", "2027-01-15", decision: "2027-02-23")));

        Assert.Equal("'Exercise 1' reports on 15 Jan 2027, 2 weeks 1 day after the decision it informs (Early board) on 31 Dec 2026.", warning.Message);
    }

    [Fact]
    public void Warnings_ExerciseReportingOnTheDayOfTheDecision_IsLate()
    {
        var warning = Assert.Single(Warnings(TimetableWarningKind.LateInput, [], Exercise(1, "2026-10-01", "2026-12-02", decision: "2026-12-02")));

        Assert.Equal("'Exercise 1' reports on 2 Dec 2026, the day of the decision it informs: its input lands too late.", warning.Message);
    }

    [Fact]
    public void Warnings_ExerciseReportingTheDayBeforeItsDecisions_IsNotLate() =>
        Assert.Empty(Warnings(TimetableWarningKind.LateInput,
            [Decision(7, "2026-12-02", exercises: [1]), Decision(8, "2026-12-02", organisationId: Lead)],
            Exercise(1, "2026-10-01", "2026-12-01", decision: "2026-12-02")));

    [Fact]
    public void Warnings_ExerciseWithNoDecision_IsNotLate() =>
        Assert.Empty(Warnings(TimetableWarningKind.LateInput, [], Exercise(1, "2027-01-11", "2027-03-19")));

    // Decisions without engagement

    [Fact]
    public void Warnings_DecisionWithNothingInformingIt_WarnsAndNamesTheEvent()
    {
        var warning = Assert.Single(Warnings(TimetableWarningKind.DecisionWithoutEngagement,
            [Decision(7, "2026-11-17", "Out-of-hours GP contract"), Event(8, TimetableEventKind.BoardMeeting, "2026-11-18")]));

        Assert.Equal("No engagement is planned to inform 'Out-of-hours GP contract' on 17 Nov 2026.", warning.Message);
        Assert.Equal(7, warning.EventId);
    }

    [Fact]
    public void Warnings_DecisionLinkedToAnExercise_IsInformed() =>
        Assert.Empty(Warnings(TimetableWarningKind.DecisionWithoutEngagement,
            [Decision(7, "2026-11-17", exercises: [1])], Exercise(1, "2026-06-01", "2026-09-30")));

    [Fact]
    public void Warnings_DecisionWhoseDateTheLeadsExerciseNames_IsInformed() =>
        Assert.Empty(Warnings(TimetableWarningKind.DecisionWithoutEngagement,
            [Decision(7, "2026-11-17")], Exercise(1, "2026-06-01", "2026-09-30", decision: "2026-11-17")));

    [Fact]
    public void Warnings_DecisionWhoseDateAnotherOrganisationsExerciseNames_IsNotInformed() =>
        Assert.Single(Warnings(TimetableWarningKind.DecisionWithoutEngagement,
            [Decision(7, "2026-11-17")], Exercise(1, "2026-06-01", "2026-09-30", decision: "2026-11-17", lead: OtherLead)));

    [Fact]
    public void Warnings_EarlyDecisionInformedByLastYearsExercise_IsInformed() =>
        Assert.Empty(Warnings(TimetableWarningKind.DecisionWithoutEngagement,
            [Decision(7, "2026-04-21", exercises: [1])], Exercise(1, "2026-01-05", "2026-03-20")));

    [Fact]
    public void Warnings_DecisionOutsideTheYear_IsLeftToItsOwnYear() =>
        Assert.Empty(Warnings(TimetableWarningKind.DecisionWithoutEngagement, [Decision(7, "2027-04-01"), Decision(8, "2026-03-31")]));

    // Consultation fatigue

    [Fact]
    public void Warnings_OverlappingExercisesReachingTheSameCommunity_ReportTheSharedWeeks()
    {
        var warning = Assert.Single(Warnings(TimetableWarningKind.ConsultationFatigue, [],
            Exercise(2, "2026-10-05", "2027-01-29", communities: [Bme, Carers], title: "Sexual health services"),
            Exercise(1, "2026-09-01", "2026-12-18", communities: [Bme, OlderPeople], title: "Maternity choices")));

        Assert.Equal(
            "'Maternity choices' and 'Sexual health services' both reach Black and minority ethnic communities between 5 Oct 2026 and 18 Dec 2026 "
            + "(11 weeks): consider joining them up or moving one.",
            warning.Message);
        Assert.Equal([1, 2], warning.ExerciseIds!);
    }

    [Fact]
    public void Warnings_OverlappingExercisesInTheSameLocality_NameCommunityAndLocality()
    {
        var warning = Assert.Single(Warnings(TimetableWarningKind.ConsultationFatigue, [],
            Exercise(1, "2026-10-12", "2026-12-11", communities: [OlderPeople], localities: [Northfield]),
            Exercise(2, "2026-11-02", "2027-01-15", communities: [OlderPeople], localities: [Northfield])));

        Assert.Contains("both reach Older people, Northfield constituency between 2 Nov 2026 and 11 Dec 2026 (6 weeks)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_SameLocalityOnly_IsFatigueToo() =>
        Assert.Single(Warnings(TimetableWarningKind.ConsultationFatigue, [],
            Exercise(1, "2026-10-12", "2026-12-11", communities: [OlderPeople], localities: [Northfield]),
            Exercise(2, "2026-11-02", "2027-01-15", communities: [Carers], localities: [Northfield])));

    [Fact]
    public void Warnings_SameCommunityOnOneSharedDay_IsOneWeek()
    {
        var warning = Assert.Single(Warnings(TimetableWarningKind.ConsultationFatigue, [],
            Exercise(1, "2026-06-01", "2026-09-30", communities: [Carers]),
            Exercise(2, "2026-09-30", "2026-12-18", communities: [Carers])));

        Assert.Contains("between 30 Sept 2026 and 30 Sept 2026 (1 week)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_SameCommunityInConsecutiveWeeks_IsNoFatigue() =>
        Assert.Empty(Warnings(TimetableWarningKind.ConsultationFatigue, [],
            Exercise(1, "2026-06-01", "2026-09-30", communities: [Carers]),
            Exercise(2, "2026-10-01", "2026-12-18", communities: [Carers])));

    [Fact]
    public void Warnings_OverlappingExercisesWithNothingShared_IsNoFatigue() =>
        Assert.Empty(Warnings(TimetableWarningKind.ConsultationFatigue, [],
            Exercise(1, "2026-06-01", "2026-09-30", communities: [Carers], localities: [Northfield]),
            Exercise(2, "2026-07-01", "2026-12-18", communities: [OlderPeople])));

    [Fact]
    public void Warnings_LongExerciseOverlappingTwoLaterOnes_WarnsOfEachPair()
    {
        var warnings = Warnings(TimetableWarningKind.ConsultationFatigue, [],
            Exercise(1, "2026-04-01", "2027-03-31", communities: [Carers]),
            Exercise(2, "2026-05-01", "2026-05-31", communities: [Carers]),
            Exercise(3, "2026-11-01", "2026-11-30", communities: [Carers]));

        Assert.Equal(new[] { new[] { 1, 2 }, new[] { 1, 3 } }, warnings.Select(w => w.ExerciseIds!.ToArray()));
    }

    // Community gaps

    [Fact]
    public void Warnings_CommunitiesNoExerciseReaches_AreGapsInNameOrder()
    {
        var warnings = Warnings(TimetableWarningKind.CommunityGap, [],
            Exercise(1, "2026-06-01", "2026-09-30", communities: [Carers, OlderPeople]));

        Assert.Equal(
            [
                (Bme, "No exercise in 2026/27 reaches Black and minority ethnic communities."),
                (Deaf, "No exercise in 2026/27 reaches Deaf and hard of hearing people."),
            ],
            warnings.Select(w => (w.CommunityId!.Value, w.Message)));
    }

    [Fact]
    public void Warnings_ExerciseOutsideTheYear_DoesNotFillAGap()
    {
        var warnings = Warnings(TimetableWarningKind.CommunityGap, [],
            Exercise(1, "2025-06-01", "2026-03-31", communities: [Deaf]),
            Exercise(2, "2027-04-01", "2027-06-30", communities: [Deaf]),
            Exercise(3, "2026-03-01", "2026-04-01", communities: [Carers]));

        Assert.Contains(warnings, w => w.CommunityId == Deaf);
        Assert.DoesNotContain(warnings, w => w.CommunityId == Carers);
    }

    // Ahead of the agenda

    private static readonly DateOnly Today = D("2026-10-01");

    [Fact]
    public void AheadOfTheAgenda_Window_RunsFromTodayForTheWeeksAskedAndOnlyDecisions()
    {
        TimetableEvent[] events =
        [
            Decision(1, "2026-09-30"),
            Decision(2, "2026-10-01"),
            Decision(3, "2026-10-29"),
            Decision(4, "2026-10-30"),
            Event(5, TimetableEventKind.BoardMeeting, "2026-10-05"),
        ];

        var outlook = TimetableAnalysis.AheadOfTheAgenda(events, [], Today, 4);

        Assert.Equal([2, 3], outlook.Select(o => o.Decision.Id));
    }

    [Fact]
    public void AheadOfTheAgenda_Decisions_SoonestFirstThenByTime()
    {
        TimetableEvent[] events =
        [
            Event(1, TimetableEventKind.DecisionPoint, "2026-10-20", time: "14:00"),
            Event(2, TimetableEventKind.DecisionPoint, "2026-10-20", time: "10:00"),
            Event(3, TimetableEventKind.DecisionPoint, "2026-10-08"),
        ];

        Assert.Equal([3, 2, 1], TimetableAnalysis.AheadOfTheAgenda(events, [], Today, 6).Select(o => o.Decision.Id));
    }

    [Theory]
    [InlineData("2026-10-01", InputTiming.Ahead, 21, "Input lands 3 weeks before")]
    [InlineData("2026-10-21", InputTiming.Ahead, 1, "Input lands 1 day before")]
    [InlineData("2026-10-15", InputTiming.Ahead, 7, "Input lands 7 days before")]
    [InlineData("2026-10-06", InputTiming.Ahead, 16, "Input lands 2 weeks 2 days before")]
    [InlineData("2026-10-22", InputTiming.Late, 0, "Input lands on the day of the decision: too late")]
    [InlineData("2026-10-26", InputTiming.Late, -4, "Input lands 4 days after the decision")]
    [InlineData("2026-11-05", InputTiming.Late, -14, "Input lands 2 weeks after the decision")]
    public void AheadOfTheAgenda_LinkedExercise_SaysHowFarAheadItsInputLands(string reports, InputTiming timing, int leadDays, string summary)
    {
        var outlook = Assert.Single(TimetableAnalysis.AheadOfTheAgenda(
            [Decision(1, "2026-10-22", exercises: [5])], [Exercise(5, "2026-06-01", reports)], Today, 8));

        Assert.Equal((timing, (int?)leadDays, summary), (outlook.Timing, outlook.LeadDays, outlook.Summary));
        Assert.Equal([5], outlook.Informing.Select(x => x.Id));
    }

    [Fact]
    public void AheadOfTheAgenda_SeveralInformingExercises_TheLastToReportCounts()
    {
        var outlook = Assert.Single(TimetableAnalysis.AheadOfTheAgenda(
            [Decision(1, "2026-10-22", exercises: [5])],
            [Exercise(5, "2026-06-01", "2026-08-28"), Exercise(6, "2026-06-01", "2026-10-23", decision: "2026-10-22")],
            Today, 8));

        Assert.Equal((InputTiming.Late, (int?)-1, "Input lands 1 day after the decision"), (outlook.Timing, outlook.LeadDays, outlook.Summary));
        Assert.Equal([5, 6], outlook.Informing.Select(x => x.Id));
    }

    [Fact]
    public void AheadOfTheAgenda_NothingInforms_SaysNoEngagementPlanned()
    {
        var outlook = Assert.Single(TimetableAnalysis.AheadOfTheAgenda(
            [Decision(1, "2026-10-22")], [Exercise(5, "2026-06-01", "2026-08-28", decision: "2026-10-22", lead: OtherLead)], Today, 8));

        Assert.Equal((InputTiming.NoEngagement, (int?)null, "No engagement planned"), (outlook.Timing, outlook.LeadDays, outlook.Summary));
        Assert.Empty(outlook.Informing);
    }
}
