using EngagementHub.Core.Exercises;

namespace EngagementHub.Tests.Core.Exercises;

public sealed class EngagementExerciseTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private static EngagementExercise NewExercise() => new(new ExerciseInput
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

        foreach (var state in new[] { ExerciseState.Running, ExerciseState.Reporting, ExerciseState.Closed })
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

    [Theory]
    [InlineData(EngagementExercise.PartLimit, EngagementExercise.PartReasonsLimit, new string[0])]
    [InlineData(EngagementExercise.PartLimit + 1, EngagementExercise.PartReasonsLimit + 1,
        new[] { "Part 2 can be at most 200 characters.", "The reasons for part 2 can be at most 1,000 characters." })]
    public void ProposeOption_PartsAroundTheirLimits_RefusesOnlyWhatIsOverNamingThePart(int partLength, int reasonsLength, string[] expected)
    {
        var exercise = NewExercise();

        var outcome = exercise.ProposeOption(AgreementSide.Link, 4, "Quality assurance.",
            [new OptionPart("Young carers", 2, null), new OptionPart(new string('p', partLength), 2, new string('r', reasonsLength))], "L", "LINk", Now);

        Assert.Equal(expected, outcome.ErrorsFor("Parts"));
        Assert.Equal(expected.Length == 0, outcome.Succeeded);
        Assert.Equal(expected.Length == 0 ? 1 : 0, exercise.Proposals.Count);
    }

    [Fact]
    public void ProposeOption_APartOnTwoLines_IsRefusedNamingThePart()
    {
        var exercise = NewExercise();

        var outcome = exercise.ProposeOption(AgreementSide.Link, 4, "Quality assurance.",
            [new OptionPart("Young carers", 2, null), new OptionPart("Somali women\nOpen it: https://evil.example", 2, "Two lines of reasons\nare fine.")], "L", "LINk", Now);

        Assert.Equal(["Part 2 takes one line of text. Remove the line breaks."], outcome.ErrorsFor("Parts"));
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

        // Who proposed what is current, so the person reads it before answering.
        Assert.StartsWith("C (PCT) proposed Option 2 (Contribute elements) on ", outcome.Problem);
        Assert.Contains("Nothing was saved. Read the new proposal, then agree it or ask for a change.", outcome.Problem, StringComparison.Ordinal);
        Assert.Equal(AgreementStatus.AwaitingAgreement, exercise.AgreementStatus);
    }

    private static EngagementExercise AgreedExercise()
    {
        var exercise = NewExercise();
        exercise.ProposeOption(AgreementSide.Commissioner, 2, "Reach into Somali families.", [new OptionPart("Young carers", 4, null)], "Colin", "NHS South Birmingham", Now);
        Assert.True(exercise.Agree(0, AgreementSide.Link, "Lena", Now.AddDays(1)).Succeeded);
        return exercise;
    }

    [Fact]
    public void Agree_ProposedExercise_BecomesAgreedWithNoMarkAsAgreedStep()
    {
        var exercise = AgreedExercise();

        Assert.Equal(ExerciseState.Agreed, exercise.State);
        Assert.Equal(AgreementStatus.Agreed, exercise.AgreementStatus);
        Assert.Equal([ExerciseState.Running, ExerciseState.Cancelled], exercise.AllowedMoves);
    }

    [Fact]
    public void MoveTo_AgreedByHand_IsRefusedWithTheReason()
    {
        var exercise = NewExercise();

        var outcome = exercise.MoveTo(ExerciseState.Agreed);

        Assert.Equal("An exercise becomes agreed when both sides agree its joint-working option.", outcome.Problem);
        Assert.Equal(ExerciseState.Proposed, exercise.State);
        Assert.Equal([ExerciseState.Cancelled], exercise.AllowedMoves);
    }

    [Fact]
    public void ProposeOption_AgreedExercise_GoesBackToProposedUntilAgreedAgain()
    {
        var exercise = AgreedExercise();

        exercise.ProposeOption(AgreementSide.Link, 3, "Our members' views will do.", [], "Lena", "Birmingham LINk", Now.AddDays(2));

        Assert.Equal((ExerciseState.Proposed, AgreementStatus.AwaitingAgreement), (exercise.State, exercise.AgreementStatus));
        Assert.True(exercise.Agree(exercise.CurrentProposal!.Id, AgreementSide.Commissioner, "Colin", Now.AddDays(3)).Succeeded);
        Assert.Equal((ExerciseState.Agreed, AgreementStatus.Agreed), (exercise.State, exercise.AgreementStatus));
    }

    [Fact]
    public void ProposeOption_RunningExercise_KeepsRunningAndAwaitsAgreement()
    {
        var exercise = AgreedExercise();
        exercise.MoveTo(ExerciseState.Running);

        exercise.ProposeOption(AgreementSide.Link, 3, "Our members' views will do.", [], "Lena", "Birmingham LINk", Now.AddDays(2));

        Assert.Equal((ExerciseState.Running, AgreementStatus.AwaitingAgreement), (exercise.State, exercise.AgreementStatus));
    }

    [Fact]
    public void ReopenAgreementForNewLead_AgreedExercise_TheOldCommissionersAgreementNoLongerCounts()
    {
        var exercise = AgreedExercise();
        var agreed = exercise.CurrentProposal!;

        var reopened = exercise.ReopenAgreementForNewLead(AgreementSide.Link, "Lena", "Birmingham LINk", Now.AddDays(5));

        Assert.Equal(OptionOnNewLead.AgreementReopened, reopened);
        Assert.Equal((ExerciseState.Proposed, AgreementStatus.AwaitingAgreement), (exercise.State, exercise.AgreementStatus));
        var current = exercise.CurrentProposal!;
        Assert.NotSame(agreed, current);
        Assert.Equal(ProposalStatus.Superseded, agreed.Status);
        Assert.Equal((2, "Reach into Somali families.", AgreementSide.Link), (current.PrimaryOption, current.Reasons, current.ProposedBySide));
        Assert.Equal([new OptionPart("Young carers", 4, null)], current.Parts);
        Assert.Null(current.CommissionerAgreedBy);
        Assert.Equal("Lena", current.LinkAgreedBy);
        Assert.Equal(AgreementSide.Commissioner, current.OtherSide);
    }

    [Fact]
    public void ReopenAgreementForNewLead_APartSavedLongerThanItsLimitAndOnTwoLines_IsProposedAgainUnchanged()
    {
        var exercise = AgreedExercise();
        // A proposal recorded before parts had a limit and were one line: the new commissioner is still asked, its words kept whole.
        var saved = new List<OptionPart> { new(new string('p', EngagementExercise.PartLimit + 50) + "\nand a second line", 4, new string('r', EngagementExercise.PartReasonsLimit + 50)) };
        typeof(JointWorkingProposal).GetProperty(nameof(JointWorkingProposal.Parts))!.SetValue(exercise.CurrentProposal, saved);

        var reopened = exercise.ReopenAgreementForNewLead(AgreementSide.Link, "Lena", "Birmingham LINk", Now.AddDays(5));

        Assert.Equal(OptionOnNewLead.AgreementReopened, reopened);
        Assert.Equal(AgreementStatus.AwaitingAgreement, exercise.AgreementStatus);
        Assert.Equal(saved, exercise.CurrentProposal!.Parts);
    }

    [Fact]
    public void ReopenAgreementForNewLead_NothingProposed_ChangesNothing()
    {
        var exercise = NewExercise();

        Assert.Equal(OptionOnNewLead.Unchanged, exercise.ReopenAgreementForNewLead(AgreementSide.Link, "Lena", "Birmingham LINk", Now));
        Assert.Empty(exercise.Proposals);
    }

    // The previous commissioner's proposal the LINk never agreed (still awaiting its answer, or a change asked): proposing
    // it again in the LINk's name would record an agreement no one at the LINk gave, and the new lead's agreement would
    // then make it "agreed by both sides". It is withdrawn instead.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReopenAgreementForNewLead_TheCommissionersProposalTheLinkNeverAgreed_IsWithdrawnNotAgreedForTheLink(bool changeAsked)
    {
        var exercise = NewExercise();
        exercise.ProposeOption(AgreementSide.Commissioner, 1, "The LINk runs it for us.", [], "Colin", "NHS South Birmingham", Now);
        var proposal = exercise.CurrentProposal!;
        if (changeAsked)
        {
            Assert.True(exercise.RequestChange(proposal.Id, AgreementSide.Link, "Lena", "We must stay independent: option 5.", Now.AddDays(1)).Succeeded);
        }

        var option = exercise.ReopenAgreementForNewLead(AgreementSide.Link, "Lena", "Birmingham LINk", Now.AddDays(5));

        Assert.Equal(OptionOnNewLead.Withdrawn, option);
        Assert.Null(exercise.CurrentProposal);
        Assert.Equal((ExerciseState.Proposed, AgreementStatus.NoneProposed, (int?)null), (exercise.State, exercise.AgreementStatus, exercise.CurrentOption));
        Assert.DoesNotContain(exercise.Proposals, p => p.LinkAgreedBy is not null);
        Assert.Equal(ProposalStatus.Superseded, Assert.Single(exercise.Proposals).Status);
    }

    // The LINk's own proposal, on which the old commissioner asked for a change: the LINk still stands by it, so the new
    // lead is asked to agree it.
    [Fact]
    public void ReopenAgreementForNewLead_TheLinksOwnProposalTheOldLeadAskedToChange_AwaitsTheNewLead()
    {
        var exercise = NewExercise();
        exercise.ProposeOption(AgreementSide.Link, 5, "We comment from outside.", [], "Lena", "Birmingham LINk", Now);
        Assert.True(exercise.RequestChange(exercise.CurrentProposal!.Id, AgreementSide.Commissioner, "Colin", "We would rather option 2.", Now.AddDays(1)).Succeeded);

        var option = exercise.ReopenAgreementForNewLead(AgreementSide.Link, "Lena", "Birmingham LINk", Now.AddDays(5));

        Assert.Equal(OptionOnNewLead.AwaitsNewLead, option);
        Assert.Equal((5, AgreementStatus.AwaitingAgreement, AgreementSide.Commissioner), (exercise.CurrentOption, exercise.AgreementStatus, exercise.CurrentProposal!.OtherSide));
    }

    // What a deactivated side leaves waiting (2026-12-02): nothing is agreed without it until its option is agreed.
    [Fact]
    public void OptionWaitsOn_ThroughAgreement_WaitsOnASideUntilAgreedAndNotOnTheProposerWhileItsProposalAwaitsTheOther()
    {
        var exercise = NewExercise();
        Assert.True(exercise.OptionWaitsOn(AgreementSide.Commissioner) && exercise.OptionWaitsOn(AgreementSide.Link));

        var proposal = exercise.ProposeOption(AgreementSide.Commissioner, 4, "QA", [], "C", "PCT", Now).Value!;
        Assert.Equal((false, true), (exercise.OptionWaitsOn(AgreementSide.Commissioner), exercise.OptionWaitsOn(AgreementSide.Link)));

        Assert.True(exercise.RequestChange(proposal.Id, AgreementSide.Link, "L", "Option 3, please.", Now).Succeeded);
        Assert.True(exercise.OptionWaitsOn(AgreementSide.Commissioner) && exercise.OptionWaitsOn(AgreementSide.Link));

        exercise.ProposeOption(AgreementSide.Link, 3, "Our reach", [], "L", "LINk", Now.AddMinutes(1));
        Assert.Equal((true, false), (exercise.OptionWaitsOn(AgreementSide.Commissioner), exercise.OptionWaitsOn(AgreementSide.Link)));

        Assert.True(exercise.Agree(exercise.CurrentProposal!.Id, AgreementSide.Commissioner, "C", Now).Succeeded);
        Assert.False(exercise.OptionWaitsOn(AgreementSide.Commissioner) || exercise.OptionWaitsOn(AgreementSide.Link));
    }

    [Fact]
    public void OptionWaitsOn_CancelledWithAProposalAwaiting_WaitsOnNobody()
    {
        var exercise = NewExercise();
        exercise.ProposeOption(AgreementSide.Link, 3, "Our reach", [], "L", "LINk", Now);

        Assert.True(exercise.MoveTo(ExerciseState.Cancelled).Succeeded);

        Assert.False(exercise.OptionWaitsOn(AgreementSide.Commissioner) || exercise.OptionWaitsOn(AgreementSide.Link));
    }
}
