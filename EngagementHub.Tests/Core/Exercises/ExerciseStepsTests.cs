using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;

namespace EngagementHub.Tests.Core.Exercises;

/// <summary>
/// <see cref="ExerciseService.StepsOpenTo"/>: the one answer to "what may this person do on this exercise now", which its
/// page and edit form offer and nothing else works out (docs/conventions.md, "May this person do X").
/// </summary>
public sealed class ExerciseStepsTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Link = new("link", "Lena Khan", 1, "Birmingham LINk", UserRole.Editor);
    private static readonly Actor Commissioner = new("pct", "Colin Marsh", 2, "NHS South Birmingham", UserRole.Editor);
    private static readonly Actor Bystander = new("council", "Carla Diaz", 3, "Adults and Communities", UserRole.Editor);
    private static readonly Actor CommissionerViewer = new("viewer", "Vic Viewer", 2, "NHS South Birmingham", UserRole.Viewer);

    /// <summary>An exercise led by the commissioner (organisation 2) with the LINk (1), proposed by <paramref name="proposedBy"/>.</summary>
    private static EngagementExercise Exercise(int proposedBy = 2) => new(new ExerciseInput
    {
        Title = "Stroke rehabilitation",
        Purpose = "Hear from survivors.",
        LeadCommissionerId = 2,
        DecisionInformed = "Re-specification",
        StartDate = new DateOnly(2026, 11, 2),
        EndDate = new DateOnly(2027, 1, 29),
    }, linkOrganisationId: 1, proposedByOrganisationId: proposedBy, Now);

    [Fact]
    public void StepsOpenTo_ACommissionersNewExercise_TheCommissionerEditsBothSidesProposeNobodyElseAnything()
    {
        var exercise = Exercise();

        var commissioner = ExerciseService.StepsOpenTo(Commissioner, exercise);
        Assert.Equal((true, false, true, null), (commissioner.Edit, commissioner.ChangeLead, commissioner.ProposeOption, commissioner.Answer));
        Assert.Equal([ExerciseState.Cancelled], commissioner.Moves);
        // The LINk did not propose it, so it does not edit it, but it is a side of the agreement.
        var link = ExerciseService.StepsOpenTo(Link, exercise);
        Assert.Equal((false, false, true, null), (link.Edit, link.ChangeLead, link.ProposeOption, link.Answer));
        Assert.Empty(link.Moves);
        Assert.Equal(ExerciseSteps.None, ExerciseService.StepsOpenTo(Bystander, exercise));
        Assert.Equal(ExerciseSteps.None, ExerciseService.StepsOpenTo(CommissionerViewer, exercise));
    }

    [Fact]
    public void StepsOpenTo_TheLinksOwnProposal_OnlyTheLinkMayMoveItToAnotherCommissioner()
    {
        var exercise = Exercise(proposedBy: 1);

        Assert.True(ExerciseService.StepsOpenTo(Link, exercise).ChangeLead);
        Assert.True(ExerciseService.StepsOpenTo(Link, exercise).Edit);
        Assert.False(ExerciseService.StepsOpenTo(Commissioner, exercise).ChangeLead);
    }

    [Fact]
    public void StepsOpenTo_AnOpenProposal_OnlyTheOtherSideMayAnswerIt()
    {
        var exercise = Exercise();
        var proposal = exercise.ProposeOption(AgreementSide.Commissioner, 4, "Quality assurance", [], "Colin Marsh", "NHS South Birmingham", Now).Value!;

        Assert.Same(proposal, ExerciseService.StepsOpenTo(Link, exercise).Answer);
        Assert.Null(ExerciseService.StepsOpenTo(Commissioner, exercise).Answer);
    }

    [Fact]
    public void StepsOpenTo_CancelledWithAProposalOpen_NothingOfferedAndTheAnswerRefused()
    {
        var exercise = Exercise();
        var proposal = exercise.ProposeOption(AgreementSide.Commissioner, 4, "Quality assurance", [], "Colin Marsh", "NHS South Birmingham", Now).Value!;
        Assert.True(exercise.MoveTo(ExerciseState.Cancelled).Succeeded);

        var steps = ExerciseService.StepsOpenTo(Link, exercise);

        Assert.Equal((false, null), (steps.ProposeOption, steps.Answer));
        Assert.Empty(ExerciseService.StepsOpenTo(Commissioner, exercise).Moves);
        // A page opened before the cancelling still holds the button: the exercise refuses the answer itself.
        Assert.Equal("This exercise is cancelled; its joint-working option can no longer change.",
            exercise.Agree(proposal.Id, AgreementSide.Link, "Lena Khan", Now).Problem);
        Assert.Equal("This exercise is cancelled; its joint-working option can no longer change.",
            exercise.RequestChange(proposal.Id, AgreementSide.Link, "Lena Khan", "Too late", Now).Problem);
        Assert.Equal(AgreementStatus.AwaitingAgreement, exercise.AgreementStatus);
    }
}
