using EngagementHub.Core.Common;
using EngagementHub.Core.Timetables;

namespace EngagementHub.Tests.Core.Timetables;

public sealed class AnnualTimetableTests
{
    private const int Link = 1;
    private const int South = 2;
    private const int Council = 3;
    private const int Outsider = 9;
    private static readonly DateTimeOffset Monday = new(2026, 2, 16, 10, 0, 0, TimeSpan.Zero);

    // A day in the 2026/27 financial year, which the timetables here are for.
    private static readonly DateOnly InTheYear = new(2026, 6, 1);

    private static AnnualTimetable Proposed()
    {
        var timetable = new AnnualTimetable(new FinancialYear(2026));
        Assert.True(timetable.Propose([South, Council], Link, "Lena", "Our draft", Monday).Succeeded);
        return timetable;
    }

    private static AnnualTimetable Agreed()
    {
        var timetable = Proposed();
        timetable.Agree(South, "Colin", Monday.AddDays(1));
        timetable.Agree(Council, "Carys", Monday.AddDays(2));
        Assert.Equal(TimetableStatus.Agreed, timetable.Status);
        return timetable;
    }

    [Fact]
    public void Propose_NoOtherParticipant_AsksForOne()
    {
        var timetable = new AnnualTimetable(new FinancialYear(2026));

        var outcome = timetable.Propose([Link], Link, "Lena", null, Monday);

        var error = Assert.Single(outcome.Errors);
        Assert.Equal((nameof(AnnualTimetable.ParticipantIds), "Choose at least one other organisation to agree the timetable with."), (error.Field, error.Message));
        Assert.Equal(TimetableStatus.Draft, timetable.Status);
        Assert.Equal(0, timetable.Round);
    }

    [Fact]
    public void Propose_Draft_CountsTheProposerAsAgreedAndAwaitsTheOthers()
    {
        var timetable = Proposed();

        Assert.Equal(TimetableStatus.Proposed, timetable.Status);
        Assert.Equal(1, timetable.Round);
        Assert.Equal([Link, South, Council], timetable.ParticipantIds);
        Assert.True(timetable.HasAgreed(Link));
        Assert.Equal([South, Council], timetable.AwaitingAgreementFrom);
        Assert.Equal(("Lena", Monday, "Our draft"), (timetable.ProposedBy, timetable.ProposedAt!.Value, timetable.ProposalNote));
        Assert.False(timetable.IsPublished);
    }

    [Fact]
    public void Propose_AlreadyProposed_IsRefused()
    {
        var timetable = Proposed();

        var outcome = timetable.Propose([Council], South, "Colin", null, Monday);

        Assert.Equal("This timetable is already out for agreement.", outcome.Problem);
        Assert.Equal(1, timetable.Round);
    }

    [Fact]
    public void Agree_Twice_IsRefused()
    {
        var timetable = Proposed();
        Assert.True(timetable.Agree(South, "Colin", Monday.AddDays(1)).Succeeded);

        var outcome = timetable.Agree(South, "Janet", Monday.AddDays(2));

        Assert.Equal("Your organisation has already agreed this timetable.", outcome.Problem);
        Assert.Single(timetable.CurrentAgreements, a => a.OrganisationId == South);
    }

    [Fact]
    public void Agree_NonParticipant_IsRefused()
    {
        var timetable = Proposed();

        var outcome = timetable.Agree(Outsider, "Someone", Monday.AddDays(1));

        Assert.Equal("Your organisation was not asked to agree this timetable.", outcome.Problem);
        Assert.False(timetable.HasAgreed(Outsider));
    }

    [Fact]
    public void Agree_NotProposed_IsRefused() =>
        Assert.Equal("This timetable is not out for agreement. Nothing was saved.", new AnnualTimetable(new FinancialYear(2026)).Agree(South, "Colin", Monday).Problem);

    [Fact]
    public void Agree_LastParticipant_AgreesAndPublishesTheYear()
    {
        var timetable = Proposed();
        timetable.Agree(South, "Colin", Monday.AddDays(1));
        Assert.Equal(TimetableStatus.Proposed, timetable.Status);

        timetable.Agree(Council, "Carys", Monday.AddDays(2));

        Assert.Equal(TimetableStatus.Agreed, timetable.Status);
        Assert.Equal(Monday.AddDays(2), timetable.AgreedAt);
        Assert.Equal(Monday.AddDays(2), timetable.PublishedAt);
        Assert.True(timetable.IsPublished);
        Assert.Empty(timetable.AwaitingAgreementFrom);
        Assert.Equal(["Carys", "Colin", "Lena"], timetable.CurrentAgreements.Select(a => a.AgreedBy).Order());
    }

    [Fact]
    public void RecordChange_Draft_IsNotLogged()
    {
        var timetable = new AnnualTimetable(new FinancialYear(2026));

        timetable.RecordChange(5, South, "Colin", "'Board' moved.", Monday);

        Assert.Empty(timetable.Changes);
        Assert.False(timetable.ChangedSinceAgreement);
    }

    [Fact]
    public void RecordChange_WhileProposed_SendsTheYearBackToDraftAndLogsIt()
    {
        var timetable = Proposed();

        timetable.RecordChange(5, South, "Colin", "'Board' moved.", Monday.AddDays(1));

        Assert.Equal(TimetableStatus.Draft, timetable.Status);
        Assert.Equal("Colin changed the timetable while it was out for agreement: 'Board' moved. Propose it again.", timetable.ChangesRequested);
        var change = Assert.Single(timetable.Changes);
        Assert.Equal(((int?)5, South, "Colin"), (change.EventId, change.OrganisationId, change.ChangedBy));
        Assert.False(timetable.ChangedSinceAgreement);
        Assert.Empty(timetable.AwaitingAgreementFrom);
    }

    [Fact]
    public void RecordChange_AfterAgreement_FlagsTheYearAndLogsTheChange()
    {
        var timetable = Agreed();

        timetable.RecordChange(5, South, "Colin", "'Board' moved.", Monday.AddDays(30));

        Assert.Equal(TimetableStatus.Agreed, timetable.Status);
        Assert.True(timetable.ChangedSinceAgreement);
        Assert.True(timetable.IsPublished);
        var change = Assert.Single(timetable.Changes);
        Assert.Equal(("'Board' moved.", Monday.AddDays(30)), (change.Summary, change.At));
    }

    // South's change is for the LINk and the council to check, not for South; an outsider has nothing to check.
    [Fact]
    public void ChangesToCheckFor_AfterAgreement_TheOtherPartnersOnly()
    {
        var timetable = Agreed();

        timetable.RecordChange(5, South, "Colin", "'Board' moved.", Monday.AddDays(30));

        Assert.Single(timetable.ChangesToCheckFor(Link, InTheYear));
        Assert.Single(timetable.ChangesToCheckFor(Council, InTheYear));
        Assert.Empty(timetable.ChangesToCheckFor(South, InTheYear));
        Assert.Empty(timetable.ChangesToCheckFor(Outsider, InTheYear));
    }

    // Proposed again, sent back to its proposer, or agreed again: nothing is for the partners to check as changes since
    // agreement (the round, the proposer, or nobody has the next step).
    [Theory]
    [InlineData("proposed again")]
    [InlineData("sent back to its proposer")]
    [InlineData("agreed again")]
    public void ChangesToCheckFor_YearProposedAgainSentBackOrAgreedAgain_Nothing(string what)
    {
        var timetable = Agreed();
        timetable.RecordChange(5, South, "Colin", "'Board' moved.", Monday.AddDays(30));

        Assert.True(timetable.Propose([Link, Council], South, "Colin", null, Monday.AddDays(31)).Succeeded);
        if (what == "sent back to its proposer")
        {
            Assert.True(timetable.RequestChanges(Council, "Carys", "Keep the old date.").Succeeded);
        }
        else if (what == "agreed again")
        {
            timetable.Agree(Link, "Lena", Monday.AddDays(32));
            timetable.Agree(Council, "Carys", Monday.AddDays(33));
        }

        Assert.Empty(timetable.ChangesToCheckFor(Link, InTheYear));
        Assert.Empty(timetable.ChangesToCheckFor(Council, InTheYear));
    }

    [Fact]
    public void ChangesToCheckFor_TheYearIsOver_Nothing()
    {
        var timetable = Agreed();
        timetable.RecordChange(5, South, "Colin", "'Board' moved.", Monday.AddDays(30));

        Assert.Single(timetable.ChangesToCheckFor(Council, new DateOnly(2027, 3, 31)));
        Assert.Empty(timetable.ChangesToCheckFor(Council, new DateOnly(2027, 4, 1)));
        Assert.True(timetable.IsOver(new DateOnly(2027, 4, 1)));
    }

    [Fact]
    public void CheckChanges_NothingChangedSinceAgreement_IsRefusedAndNothingRecorded()
    {
        var timetable = Agreed();

        var outcome = timetable.CheckChanges(Council, 0, "Carys", Monday.AddDays(30));

        Assert.Equal("There are no changes to this timetable for your organisation to check.", outcome.Problem);
        Assert.Empty(timetable.ChangeChecks);
    }

    [Fact]
    public void CheckChanges_OwnChangeOnly_IsRefused()
    {
        var timetable = Agreed();
        timetable.RecordChange(5, South, "Colin", "'Board' moved.", Monday.AddDays(30));

        Assert.Equal("There are no changes to this timetable for your organisation to check.", timetable.CheckChanges(South, 0, "Colin", Monday.AddDays(31)).Problem);
    }

    [Fact]
    public void Propose_AgainAfterAChange_StartsANewRoundWhereOldAgreementsDoNotCount()
    {
        var timetable = Agreed();
        var published = timetable.PublishedAt;
        timetable.RecordChange(5, South, "Colin", "'Board' moved.", Monday.AddDays(30));

        var outcome = timetable.Propose([Link, Council], South, "Colin", "With the new board date", Monday.AddDays(31));

        Assert.True(outcome.Succeeded, outcome.Problem);
        Assert.Equal((TimetableStatus.Proposed, 2), (timetable.Status, timetable.Round));
        Assert.True(timetable.HasAgreed(South));
        Assert.False(timetable.HasAgreed(Council));
        Assert.False(timetable.HasAgreed(Link));
        Assert.Equal([Link, Council], timetable.AwaitingAgreementFrom);
        Assert.Equal(4, timetable.Agreements.Count);

        timetable.Agree(Link, "Lena", Monday.AddDays(32));
        timetable.Agree(Council, "Carys", Monday.AddDays(33));

        Assert.Equal(TimetableStatus.Agreed, timetable.Status);
        Assert.False(timetable.ChangedSinceAgreement);
        Assert.Equal(Monday.AddDays(33), timetable.AgreedAt);
        Assert.Equal(published, timetable.PublishedAt);
    }

    [Fact]
    public void Propose_AgreedAndUnchanged_IsRefused()
    {
        var timetable = Agreed();

        var outcome = timetable.Propose([South], Link, "Lena", null, Monday.AddDays(10));

        Assert.Equal("This timetable is agreed and nothing has changed since, so there is nothing to agree again.", outcome.Problem);
        Assert.Equal(1, timetable.Round);
    }

    [Fact]
    public void RequestChanges_WithoutComment_AsksWhatShouldChange()
    {
        var timetable = Proposed();

        var outcome = timetable.RequestChanges(South, "Colin", "   ");

        var error = Assert.Single(outcome.Errors);
        Assert.Equal(("Comment", "Say what should change, so the others can act on it."), (error.Field, error.Message));
        Assert.Equal(TimetableStatus.Proposed, timetable.Status);
    }

    [Fact]
    public void RequestChanges_WithComment_SendsTheProposalBackToDraft()
    {
        var timetable = Proposed();

        var outcome = timetable.RequestChanges(South, "Colin", " Our October board moves. ");

        Assert.True(outcome.Succeeded);
        Assert.Equal(TimetableStatus.Draft, timetable.Status);
        Assert.Equal("Colin asked for changes: \"Our October board moves.\"", timetable.ChangesRequested);
        Assert.True(timetable.Propose([South, Council], Link, "Lena", null, Monday.AddDays(3)).Succeeded);
        Assert.Null(timetable.ChangesRequested);
    }

    [Fact]
    public void RequestChanges_ReproposalOfAnAgreedYear_KeepsItAgreed()
    {
        var timetable = Agreed();
        timetable.RecordChange(5, South, "Colin", "'Board' moved.", Monday.AddDays(30));
        timetable.Propose([Council], Link, "Lena", null, Monday.AddDays(31));

        timetable.RequestChanges(Council, "Carys", "Not that week.");

        Assert.Equal(TimetableStatus.Agreed, timetable.Status);
        Assert.True(timetable.ChangedSinceAgreement);
        Assert.Equal("Carys asked for changes: \"Not that week.\"", timetable.ChangesRequested);
    }

    [Fact]
    public void RequestChanges_NonParticipant_IsRefused() =>
        Assert.Equal("Your organisation was not asked to agree this timetable.", Proposed().RequestChanges(Outsider, "Someone", "Change it").Problem);

    [Fact]
    public void Propose_ControlCharacterInTheNote_IsRefusedBesideTheNote()
    {
        var timetable = new AnnualTimetable(new FinancialYear(2026));

        var outcome = timetable.Propose([South], Link, "Lena", "Our\0draft", Monday);

        Assert.Equal([new EngagementHub.Core.Common.FieldError("Note", EngagementHub.Core.Common.UntrustedText.ControlCharacterMessage)], outcome.Errors);
        Assert.Equal(TimetableStatus.Draft, timetable.Status);
    }

    [Fact]
    public void RequestChanges_ControlCharacterInTheComment_IsRefusedAndTheProposalStands()
    {
        var timetable = Proposed();

        var outcome = timetable.RequestChanges(South, "Colin", "Move\u0007 the board");

        Assert.Equal("Comment", Assert.Single(outcome.Errors).Field);
        Assert.Equal(TimetableStatus.Proposed, timetable.Status);
    }

    [Fact]
    public void LeaveRound_AwaitedWithAnotherStillToAgree_NoLongerAskedAndTheRoundGoesOn()
    {
        var timetable = Proposed();
        var round = timetable.Round;

        var left = timetable.LeaveRound(South, "NHS South Birmingham", Monday.AddDays(1));

        Assert.Equal(RoundLeaving.StillWaiting, left);
        Assert.Equal(TimetableStatus.Proposed, timetable.Status);
        Assert.Equal([Link, Council], timetable.ParticipantIds);
        Assert.Equal([Council], timetable.AwaitingAgreementFrom);
        Assert.Equal((round, (DateTimeOffset?)null, (string?)null), (timetable.Round, timetable.AgreedAt, timetable.ChangesRequested));
    }

    [Fact]
    public void LeaveRound_ThenTheOtherAgrees_TheYearIsAgreedAndPublished()
    {
        var timetable = Proposed();
        timetable.LeaveRound(South, "NHS South Birmingham", Monday.AddDays(1));

        Assert.True(timetable.Agree(Council, "Carys", Monday.AddDays(2)).Succeeded);

        Assert.Equal(TimetableStatus.Agreed, timetable.Status);
        Assert.Equal(Monday.AddDays(2), timetable.PublishedAt);
    }

    [Fact]
    public void LeaveRound_EveryOtherHadAgreed_AgreedAndPublishedAtOnceAsByALastAgreement()
    {
        var timetable = Proposed();
        timetable.Agree(Council, "Carys", Monday.AddDays(1));

        var left = timetable.LeaveRound(South, "NHS South Birmingham", Monday.AddDays(3));

        Assert.Equal(RoundLeaving.AgreedByAll, left);
        Assert.Equal(TimetableStatus.Agreed, timetable.Status);
        Assert.Equal((Monday.AddDays(3), Monday.AddDays(3), false), (timetable.AgreedAt!.Value, timetable.PublishedAt!.Value, timetable.ChangedSinceAgreement));
        Assert.Equal([Link, Council], timetable.ParticipantIds);
        Assert.Empty(timetable.AwaitingAgreementFrom);
    }

    [Fact]
    public void LeaveRound_ReAgreementOfAChangedYear_KeepsTheFirstPublication()
    {
        var timetable = Agreed();
        var published = timetable.PublishedAt;
        timetable.RecordChange(1, South, "Colin", "'Board' moved.", Monday.AddDays(5));
        Assert.True(timetable.Propose([South, Council], Link, "Lena", null, Monday.AddDays(6)).Succeeded);
        timetable.Agree(South, "Colin", Monday.AddDays(7));

        Assert.Equal(RoundLeaving.AgreedByAll, timetable.LeaveRound(Council, "Adults and Communities", Monday.AddDays(8)));

        Assert.Equal((TimetableStatus.Agreed, false, published), (timetable.Status, timetable.ChangedSinceAgreement, timetable.PublishedAt));
    }

    [Fact]
    public void LeaveRound_OnlyTheProposerLeft_TheProposalIsVoidAndTheReasonShown()
    {
        var timetable = new AnnualTimetable(new FinancialYear(2026));
        Assert.True(timetable.Propose([South], Link, "Lena", null, Monday).Succeeded);

        var left = timetable.LeaveRound(South, "NHS South Birmingham", Monday.AddDays(1));

        Assert.Equal(RoundLeaving.RoundEnded, left);
        Assert.Equal(TimetableStatus.Draft, timetable.Status);
        Assert.True(timetable.OpenToProposal);
        Assert.Empty(timetable.AwaitingAgreementFrom);
        Assert.Equal("NHS South Birmingham was deactivated before agreeing, and no other organisation is left to agree the year. Propose it again.", timetable.ChangesRequested);
        Assert.False(timetable.IsPublished);
    }

    [Fact]
    public void LeaveRound_OnlyTheProposerLeftOfAChangedAgreedYear_BackToAgreedChangedSince()
    {
        var timetable = Agreed();
        timetable.RecordChange(1, South, "Colin", "'Board' moved.", Monday.AddDays(5));
        Assert.True(timetable.Propose([South], Link, "Lena", null, Monday.AddDays(6)).Succeeded);

        Assert.Equal(RoundLeaving.RoundEnded, timetable.LeaveRound(South, "NHS South Birmingham", Monday.AddDays(7)));

        Assert.Equal((TimetableStatus.Agreed, true), (timetable.Status, timetable.ChangedSinceAgreement));
        Assert.True(timetable.OpenToProposal);
    }

    [Theory]
    [InlineData(Link)]
    [InlineData(Outsider)]
    public void LeaveRound_NotAwaited_ChangesNothing(int organisationId)
    {
        var timetable = Proposed();

        Assert.Equal(RoundLeaving.NotAwaited, timetable.LeaveRound(organisationId, "Somebody", Monday.AddDays(1)));

        Assert.Equal([Link, South, Council], timetable.ParticipantIds);
        Assert.Equal(TimetableStatus.Proposed, timetable.Status);
    }

    [Fact]
    public void LeaveRound_AlreadyAgreed_ItsAgreementStands()
    {
        var timetable = Proposed();
        timetable.Agree(South, "Colin", Monday.AddDays(1));

        Assert.Equal(RoundLeaving.NotAwaited, timetable.LeaveRound(South, "NHS South Birmingham", Monday.AddDays(2)));

        Assert.Equal([Link, South, Council], timetable.ParticipantIds);
        Assert.Equal([Council], timetable.AwaitingAgreementFrom);
    }

    [Fact]
    public void LeaveRound_YearNotOutForAgreement_ChangesNothing()
    {
        var timetable = Agreed();

        Assert.Equal(RoundLeaving.NotAwaited, timetable.LeaveRound(South, "NHS South Birmingham", Monday.AddDays(3)));

        Assert.Equal(TimetableStatus.Agreed, timetable.Status);
        Assert.Equal([Link, South, Council], timetable.ParticipantIds);
    }
}
