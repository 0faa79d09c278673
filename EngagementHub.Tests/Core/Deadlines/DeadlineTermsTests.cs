using EngagementHub.Core.Deadlines;

namespace EngagementHub.Tests.Core.Deadlines;

public sealed class DeadlineTermsTests
{
    public static TheoryData<Enum> EveryMember() => [.. Enum.GetValues<RecommendationResponse>().Cast<Enum>()
        .Concat(Enum.GetValues<ImplementationStatus>().Cast<Enum>())
        .Concat(Enum.GetValues<LinkVerdict>().Cast<Enum>())
        .Concat(Enum.GetValues<RegisterStage>().Cast<Enum>())
        .Concat(Enum.GetValues<DeadlineState>().Cast<Enum>())
        .Concat(Enum.GetValues<DutyStep>().Cast<Enum>())];

    [Theory]
    [MemberData(nameof(EveryMember))]
    public void Label_EveryMember_WordsNotItsCodeName(Enum member)
    {
        var label = member switch
        {
            RecommendationResponse r => r.Label(),
            ImplementationStatus s => s.Label(),
            LinkVerdict v => v.Label(),
            RegisterStage g => g.Label(),
            DeadlineState d => d.Label(),
            DutyStep p => p.Label(),
            _ => throw new ArgumentOutOfRangeException(nameof(member)),
        };

        Assert.False(string.IsNullOrWhiteSpace(label));
        // A code name is PascalCase with two capitals or more ("PartlyAccepted"); a one-word name ("Done") is a word.
        Assert.DoesNotMatch("^[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+$", label);
    }

    [Theory]
    [InlineData("", 10, "On the due date only", "10 working days overdue")]
    [InlineData("1", 1, "1 working day before, and on the due date", "1 working day overdue")]
    [InlineData("5, 1", 0, "5 and 1 working days before, and on the due date", "No escalation notice")]
    public void RemindersAndEscalationLabels_SayWhenEachGoesOut(string daysBefore, int escalateAfter, string reminders, string escalation)
    {
        // 0 sends no escalation notice at all (ReminderPlanner): the table once said "As soon as it is overdue" for it.
        var rule = new DeadlineRule(DeadlineKind.Custom, "Quality account comment");
        rule.Change(rule.Name, 20, daysBefore.Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(int.Parse), escalateAfter, isActive: true);

        Assert.Equal((reminders, escalation), (rule.RemindersLabel(), rule.EscalationLabel()));
    }

    [Fact]
    public void Label_NothingRecordedYet_SaysSo()
    {
        Assert.Equal("Not yet recorded", ((ImplementationStatus?)null).Label());
        Assert.Equal("Not said yet", ((LinkVerdict?)null).Label());
        Assert.Equal("In progress", ((ImplementationStatus?)ImplementationStatus.InProgress).Label());
    }

    [Fact]
    public void Label_PartlyAccepted_InWords()
    {
        Assert.Equal("Partly accepted", RecommendationResponse.PartlyAccepted.Label());
    }

    [Theory]
    [InlineData(DeadlineState.Awaiting, DutyStep.Answer, false, "Awaiting an answer")]
    [InlineData(DeadlineState.Awaiting, DutyStep.Acknowledgement, false, "Awaiting acknowledgement")]
    [InlineData(DeadlineState.Awaiting, DutyStep.Answer, true, "Overdue (not acknowledged)")]
    [InlineData(DeadlineState.Acknowledged, DutyStep.Answer, false, "Acknowledged, awaiting an answer")]
    [InlineData(DeadlineState.Acknowledged, DutyStep.Answer, true, "Overdue (acknowledged, not answered)")]
    [InlineData(DeadlineState.Acknowledged, DutyStep.Acknowledgement, false, "Acknowledged: duty met, follow-up open")]
    [InlineData(DeadlineState.Answered, DutyStep.Answer, false, "Answered")]
    [InlineData(DeadlineState.Withdrawn, DutyStep.Answer, false, "Withdrawn by the LINk")]
    [InlineData(DeadlineState.Escalated, DutyStep.Answer, false, "Escalated to the scrutiny committee")]
    public void StateLabel_StateDutyAndOverdue_TheWordsEveryPageAndExportUse(DeadlineState state, DutyStep duty, bool overdue, string expected) =>
        Assert.Equal(expected, DeadlineTerms.StateLabel(state, duty, overdue));

    [Theory]
    [InlineData(0, false, "on time")]
    [InlineData(0, true, "late")]
    [InlineData(1, true, "1 working day late")]
    [InlineData(4, true, "4 working days late")]
    public void Lateness_DaysAndWhetherLate_InWords(int days, bool late, string expected) =>
        Assert.Equal(expected, DeadlineTerms.Lateness(days, late));

    [Theory]
    [InlineData("Tue 1 Sep 2026", "Colin Marsh", "Accepted on Tue 1 Sep 2026 by Colin Marsh")]
    [InlineData("1 September 2026", null, "Accepted on 1 September 2026")]
    [InlineData(null, null, "Accepted")]
    public void EarlierResponse_OneWordingWhateverTheDateStyle(string? on, string? by, string words) =>
        Assert.Equal(words, DeadlineTerms.EarlierResponse(RecommendationResponse.Accepted, on, by));

    [Theory]
    [InlineData(DeadlineState.Awaiting, "Overdue (not acknowledged)", "Not acknowledged")]
    [InlineData(DeadlineState.Acknowledged, "Overdue (acknowledged, not answered)", "Acknowledged, not answered")]
    public void StateLabel_Overdue_SaysWhatItLacksAsTheListsCaptionDoes(DeadlineState state, string label, string caption)
    {
        Assert.Equal(label, DeadlineTerms.StateLabel(state, DutyStep.Answer, overdue: true));
        Assert.Equal(caption, DeadlineTerms.OverdueDetail(state));
    }
}
