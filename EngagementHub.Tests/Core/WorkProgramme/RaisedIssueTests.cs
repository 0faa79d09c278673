using EngagementHub.Core.Exercises;
using EngagementHub.Core.WorkProgramme;

namespace EngagementHub.Tests.Core.WorkProgramme;

public sealed class RaisedIssueTests
{
    private static readonly DateOnly Raised = new(2026, 10, 5);
    private static readonly DateOnly FeedbackDue = new(2026, 11, 30);

    private static RaisedIssue Issue() => new(1, new RaisedIssueInput
    {
        Title = "No hearing loop at the eye clinic",
        Description = "Patients with hearing aids miss their names being called.",
        ReferrerName = "Maya Patel",
        ReferrerContact = "maya@example.org",
        ConsentToContact = true,
        Sector = CareSector.Health,
        RaisedOn = Raised,
    }, 1, "user-1", "Lena Khan", DateTimeOffset.UnixEpoch);

    private static PanelDecisionInput Decision(PanelOutcome outcome = PanelOutcome.NoAction) =>
        new() { Outcome = outcome, PanelMembers = "Chair, two members", Reasons = "Already being fixed by the trust." };

    [Theory]
    [InlineData(IssueStep.Raised, IssueStep.Discussed, true)]
    [InlineData(IssueStep.Raised, IssueStep.Decided, true)]
    [InlineData(IssueStep.Discussed, IssueStep.BusinessCase, true)]
    [InlineData(IssueStep.Decided, IssueStep.FeedbackGiven, true)]
    [InlineData(IssueStep.Raised, IssueStep.FeedbackGiven, false)]
    [InlineData(IssueStep.Consulted, IssueStep.Discussed, false)]
    [InlineData(IssueStep.Decided, IssueStep.Decided, false)]
    [InlineData(IssueStep.FeedbackGiven, IssueStep.Raised, false)]
    public void IsAllowed_StepPairs_OnlyForwardPastSkippableSteps(IssueStep from, IssueStep to, bool expected) =>
        Assert.Equal(expected, IssueProcess.IsAllowed(from, to));

    [Fact]
    public void CanSkip_DecisionAndFeedback_AreNeverSkipped()
    {
        Assert.False(IssueProcess.CanSkip(IssueStep.Decided));
        Assert.False(IssueProcess.CanSkip(IssueStep.FeedbackGiven));
        Assert.True(IssueProcess.CanSkip(IssueStep.Consulted));
    }

    [Fact]
    public void RecordDecision_SkippingThreeStepsWithReasons_DecidesAndKeepsTheReasons()
    {
        var issue = Issue();
        var skips = new Dictionary<IssueStep, string?>
        {
            [IssueStep.Discussed] = "Clear from the e-mail",
            [IssueStep.Consulted] = "Quick win",
            [IssueStep.BusinessCase] = "Quick win",
        };

        var outcome = issue.RecordDecision(Raised.AddDays(3), "Lena Khan", Decision(), FeedbackDue, skips);

        Assert.True(outcome.Succeeded);
        Assert.Equal(IssueStep.Decided, issue.Step);
        Assert.Equal("Quick win", issue.ConsultationSkippedReason);
        Assert.Equal(FeedbackDue, issue.FeedbackDue);
        Assert.True(issue.FeedbackOwed);
    }

    // The form was checked in two rounds: the reasons for skipped steps first, then, once they were given, the decision
    // itself. Every message now comes at once.
    [Fact]
    public void RecordDecision_SkipReasonsAndTheDecisionBothMissing_SaysEverythingAtOnce()
    {
        var issue = Issue();

        var outcome = issue.RecordDecision(Raised, "Lena Khan", new PanelDecisionInput(), FeedbackDue, null);

        Assert.Equal(
            [RaisedIssue.SkipField(IssueStep.Discussed), RaisedIssue.SkipField(IssueStep.Consulted), RaisedIssue.SkipField(IssueStep.BusinessCase),
             nameof(PanelDecisionInput.Outcome), nameof(PanelDecisionInput.PanelMembers), nameof(PanelDecisionInput.Reasons)],
            outcome.Errors.Select(e => e.Field));
        Assert.Equal(IssueStep.Raised, issue.Step);
    }

    [Fact]
    public void RecordDecision_SkippingWithoutAReason_RefusesNextToTheSkippedStepAndChangesNothing()
    {
        var issue = Issue();
        var skips = new Dictionary<IssueStep, string?> { [IssueStep.Discussed] = "Clear already", [IssueStep.Consulted] = " " };

        var outcome = issue.RecordDecision(Raised, "Lena Khan", Decision(), FeedbackDue, skips);

        Assert.Contains(outcome.Errors, e => e.Field == RaisedIssue.SkipField(IssueStep.Consulted));
        Assert.Contains(outcome.Errors, e => e.Field == RaisedIssue.SkipField(IssueStep.BusinessCase));
        Assert.Equal(IssueStep.Raised, issue.Step);
        Assert.Null(issue.DiscussionSkippedReason);
        Assert.Null(issue.Outcome);
    }

    [Fact]
    public void RecordFeedback_BeforeTheDecision_IsRefused()
    {
        var issue = Issue();

        var outcome = issue.RecordFeedback(Raised, "Lena Khan", "Phoned her.");

        Assert.NotNull(outcome.Problem);
        Assert.Equal(IssueStep.Raised, issue.Step);
    }

    [Fact]
    public void RecordConsultation_DatedBeforeTheDiscussion_IsRefusedOnTheDate()
    {
        var issue = Issue();
        Assert.True(issue.RecordDiscussion(Raised.AddDays(2), "Lena Khan", "Met her at the clinic.").Succeeded);

        var outcome = issue.RecordConsultation(Raised.AddDays(1), "Lena Khan", "Deaf forum agreed.");

        Assert.Contains(outcome.Errors, e => e.Field == "On");
        Assert.Equal(IssueStep.Discussed, issue.Step);
    }

    [Fact]
    public void RecordDecision_NoActionWithoutReasons_AsksWhy()
    {
        var issue = Issue();
        var skips = new Dictionary<IssueStep, string?> { [IssueStep.Discussed] = "a", [IssueStep.Consulted] = "b", [IssueStep.BusinessCase] = "c" };

        var outcome = issue.RecordDecision(Raised, "Lena Khan", Decision(), FeedbackDue, skips);
        var refused = Issue().RecordDecision(Raised, "Lena Khan", new PanelDecisionInput { Outcome = PanelOutcome.NoAction, PanelMembers = "Chair" }, FeedbackDue, skips);

        Assert.True(outcome.Succeeded);
        Assert.Contains(refused.Errors, e => e.Field == nameof(PanelDecisionInput.Reasons) && e.Message.Contains("why", StringComparison.Ordinal));
    }

    [Fact]
    public void BigIssueScore_BusinessCaseWithThreeYes_IsThree()
    {
        var issue = Issue();
        var outcome = issue.RecordBusinessCase(Raised, "Lena Khan",
            new BusinessCaseInput { AffectsManyPeople = true, LongLasting = true, AffectsInequalities = true, SuccessLooksLike = "A loop in every clinic." },
            new Dictionary<IssueStep, string?> { [IssueStep.Discussed] = "Known", [IssueStep.Consulted] = "Known" });

        Assert.True(outcome.Succeeded);
        Assert.Equal(3, issue.BigIssueScore);
    }
}
