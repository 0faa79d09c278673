using EngagementHub.Core.Exercises;

namespace EngagementHub.Tests.Core.Exercises;

public sealed class EngagementExerciseTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private static EngagementExercise NewExercise() => new(new ExerciseDetails
    {
        Title = "Stroke rehabilitation",
        Purpose = "Hear from survivors.",
        LeadCommissionerId = 2,
        PartnerIds = [2, 5, 5],
        DecisionInformed = "Re-specification",
        StartDate = new DateOnly(2026, 5, 5),
        EndDate = new DateOnly(2026, 7, 31),
        LocalityIds = [9],
    }, linkOrganisationId: 1, proposedByOrganisationId: 2, Now);

    [Fact]
    public void Constructor_Details_StartsProposedWithoutOptionAndTidiesLists()
    {
        var exercise = NewExercise();

        Assert.Equal(ExerciseState.Proposed, exercise.State);
        Assert.Equal(AgreementStatus.NoneProposed, exercise.AgreementStatus);
        Assert.Null(exercise.CurrentOption);
        Assert.Equal([5], exercise.PartnerIds); // the lead is not its own partner; duplicates go
        Assert.Empty(exercise.LocalityIds); // a city-wide exercise names no localities
    }

    [Fact]
    public void MoveTo_WholeLife_FollowsTheLifecycle()
    {
        var exercise = NewExercise();
        exercise.ProposeOption(AgreementSide.Commissioner, 4, "QA", [], "C", "PCT", Now);
        exercise.Agree(0, AgreementSide.Link, "L", Now);

        foreach (var state in new[] { ExerciseState.Agreed, ExerciseState.Running, ExerciseState.Reporting, ExerciseState.Closed })
        {
            Assert.True(exercise.MoveTo(state).Succeeded);
        }

        Assert.Equal("A closed exercise cannot change state.", exercise.MoveTo(ExerciseState.Cancelled).Problem);
    }

    [Fact]
    public void ProposeOption_InvalidOptionNoReasonsBadPart_ReportsEachField()
    {
        var exercise = NewExercise();

        var outcome = exercise.ProposeOption(AgreementSide.Link, 7, " ", [new OptionPart("", 2, null)], "L", "LINk", Now);

        Assert.Equal(["PrimaryOption", "Reasons", "Parts"], outcome.Errors.Select(e => e.Field));
        Assert.Empty(exercise.Proposals);
    }

    [Fact]
    public void ProposeOption_CancelledExercise_IsRefused()
    {
        var exercise = NewExercise();
        exercise.MoveTo(ExerciseState.Cancelled);

        var outcome = exercise.ProposeOption(AgreementSide.Commissioner, 2, "Reach", [], "C", "PCT", Now);

        Assert.Equal("This exercise is cancelled; its joint-working option can no longer change.", outcome.Problem);
    }

    [Fact]
    public void Agree_AnOlderProposal_IsRefused()
    {
        var exercise = NewExercise();
        exercise.ProposeOption(AgreementSide.Commissioner, 2, "Reach", [], "C", "PCT", Now);

        var outcome = exercise.Agree(proposalId: 99, AgreementSide.Link, "L", Now);

        Assert.StartsWith("This proposal has been replaced by a newer one.", outcome.Problem);
        Assert.Equal(AgreementStatus.AwaitingAgreement, exercise.AgreementStatus);
    }
}
