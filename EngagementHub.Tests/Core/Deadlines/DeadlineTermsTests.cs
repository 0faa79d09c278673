using EngagementHub.Core.Deadlines;

namespace EngagementHub.Tests.Core.Deadlines;

public sealed class DeadlineTermsTests
{
    public static TheoryData<Enum> EveryMember() => [.. Enum.GetValues<RecommendationResponse>().Cast<Enum>()
        .Concat(Enum.GetValues<ImplementationStatus>().Cast<Enum>())
        .Concat(Enum.GetValues<LinkVerdict>().Cast<Enum>())
        .Concat(Enum.GetValues<RegisterStage>().Cast<Enum>())
        .Concat(Enum.GetValues<DeadlineState>().Cast<Enum>())];

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
            _ => throw new ArgumentOutOfRangeException(nameof(member)),
        };

        Assert.False(string.IsNullOrWhiteSpace(label));
        // A code name is PascalCase with two capitals or more ("PartlyAccepted"); a one-word name ("Done") is a word.
        Assert.DoesNotMatch("^[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+$", label);
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
}
